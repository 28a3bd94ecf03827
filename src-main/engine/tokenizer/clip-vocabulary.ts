import { gunzipSync } from 'node:zlib';
import { BYTE_SYMBOLS_IN_VOCAB_ORDER } from './byte-symbols.ts';
import { readTokenizerFile } from './read-tokenizer-file.ts';

/** The two files of a BPE tokenizer, in memory: token → id, and merges ("a b") by rank. */
export interface ClipVocabulary {
  vocab: Record<string, number>;
  merges: string[];
}

export const START_TOKEN = '<|startoftext|>';
export const END_TOKEN = '<|endoftext|>';
export const WORD_END = '</w>';
/** Positions of CLIP's text encoder: start token, 75 content tokens, end token. */
export const CLIP_MAX_LENGTH = 77;

// CLIP keeps a 49408-token vocabulary: 2 × 256 byte symbols, the merges, and the two specials.
const CLIP_VOCAB_SIZE = 49408;
const CLIP_MERGE_COUNT = CLIP_VOCAB_SIZE - 2 * 256 - 2;

/**
 * Builds vocab.json/merges.txt content from CLIP's `bpe_simple_vocab_16e6.txt.gz` the way CLIP
 * does: merges are lines 2…48895 (line 1 is a version header), the vocabulary is the byte
 * symbols, the same with `</w>`, each merge joined, then the start and end tokens.
 */
export function clipVocabularyFromBpeGz(gz: Uint8Array, source = 'bpe_simple_vocab_16e6.txt.gz'): ClipVocabulary {
  let text: string;
  try {
    text = gunzipSync(gz).toString('utf8');
  } catch (error) {
    throw new Error(`${source}: not a readable gzip file (${(error as Error).message})`, { cause: error });
  }
  const lines = text.split('\n');
  if (lines.length < CLIP_MERGE_COUNT + 1) {
    throw new Error(`${source}: has ${lines.length} lines, CLIP's merges need ${CLIP_MERGE_COUNT + 1}`);
  }
  const merges = lines.slice(1, CLIP_MERGE_COUNT + 1);
  const tokens = [...BYTE_SYMBOLS_IN_VOCAB_ORDER, ...BYTE_SYMBOLS_IN_VOCAB_ORDER.map((s) => s + WORD_END)];
  merges.forEach((merge, index) => {
    const pair = merge.split(' ');
    if (pair.length !== 2 || pair[0] === '' || pair[1] === '') {
      throw new Error(`${source}: line ${index + 2} is not a merge "a b": ${JSON.stringify(merge)}`);
    }
    tokens.push(pair[0] + pair[1]);
  });
  tokens.push(START_TOKEN, END_TOKEN);
  return { vocab: Object.fromEntries(tokens.map((token, id) => [token, id])), merges };
}

export async function readClipBpeVocabulary(gzPath: string): Promise<ClipVocabulary> {
  return clipVocabularyFromBpeGz(await readTokenizerFile(gzPath), gzPath);
}
