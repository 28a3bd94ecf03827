// The scoring models' public API; see README.md.
export { BACKGROUND_LEVEL, type BackgroundRemover } from './background-removal.ts';
export { cosine, meanPairwiseCosine, similarityToOthers } from './embeddings.ts';
export { loadScoringModel, type ClipModel, type DinoModel, type ScoringModel } from './load-scoring-model.ts';
export type { ImageInput } from './preprocess-image.ts';
export { findOnnx, inspectScoringFolder, isScoringModelType, type ScoringFolder, type ScoringKind } from './scoring-folder.ts';
export { scoreImages, type ImageScores, type ScoringModels } from './score-images.ts';
