// The tokenizer's public API; see README.md.
export {
  PROMPT_PART_SEPARATOR,
  createClipTokenizer,
  type ClipTokenizer,
  type ClipTokenizerOptions,
  type EncodedParts,
  type TokenSpan,
} from './clip-tokenizer.ts';
export {
  CLIP_MAX_LENGTH,
  END_TOKEN,
  START_TOKEN,
  clipVocabularyFromBpeGz,
  readClipBpeVocabulary,
  type ClipVocabulary,
} from './clip-vocabulary.ts';
export { readHfTokenizerFiles, writeHfTokenizerFiles, type HfTokenizerFiles } from './hf-tokenizer-files.ts';
export { loadClipTokenizerFromBpeGz, loadHfClipTokenizer } from './load-clip-tokenizer.ts';
export { cleanPromptText } from './text-cleanup.ts';
