import { BYTE_SYMBOLS_IN_VOCAB_ORDER } from './byte-symbols.ts';
import { END_TOKEN, START_TOKEN, WORD_END, type ClipVocabulary } from './clip-vocabulary.ts';

/** For tests: a CLIP-shaped vocabulary with only the given merges, so BPE runs without ../shared. */
export function toyVocabulary(merges: string[]): ClipVocabulary {
  const tokens = [
    ...BYTE_SYMBOLS_IN_VOCAB_ORDER,
    ...BYTE_SYMBOLS_IN_VOCAB_ORDER.map((s) => s + WORD_END),
    ...merges.map((merge) => merge.replace(' ', '')),
    START_TOKEN,
    END_TOKEN,
  ];
  return { vocab: Object.fromEntries(tokens.map((token, id) => [token, id])), merges };
}
