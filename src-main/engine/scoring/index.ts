// The scoring models' public API; see README.md.
export { cosine, meanPairwiseCosine, similarityToOthers } from './embeddings.ts';
export { loadScoringModel, type ClipModel, type DinoModel, type ImageInput, type ScoringModel } from './load-scoring-model.ts';
export { inspectScoringFolder, type ScoringFolder, type ScoringKind } from './scoring-folder.ts';
