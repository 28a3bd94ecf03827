import { BpeEncoder } from './bpe.ts';
import { BYTE_SYMBOLS } from './byte-symbols.ts';
import { CLIP_MAX_LENGTH, END_TOKEN, START_TOKEN, WORD_END, type ClipVocabulary } from './clip-vocabulary.ts';
import { cleanPromptText } from './text-cleanup.ts';

/** Consolidation joins the identity prompt and the frame prompts with this. */
export const PROMPT_PART_SEPARATOR = ' ';

/** Positions in `ids`, end exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
}

export interface EncodedParts {
  /** maxLength ids: start token, content, end token, padding. */
  ids: Int32Array;
  /** One span per part, clipped to what survived truncation (start === end when nothing did). */
  spans: TokenSpan[];
  /** Index of the end token; "EOT" is eosIndex … maxLength - 1. */
  eosIndex: number;
  /** Content tokens kept (without start/end tokens). */
  contentLength: number;
  /** True when the content exceeded maxLength - 2 tokens and was cut. */
  truncated: boolean;
  droppedTokens: number;
  /** Indices of the parts that lost tokens to truncation. */
  truncatedParts: number[];
}

export interface ClipTokenizer {
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  readonly maxLength: number;
  /** Content ids of a text: no start/end tokens, no padding, no truncation. */
  tokenize(text: string): number[];
  countTokens(text: string): number;
  encode(text: string): EncodedParts;
  encodeParts(parts: readonly string[]): EncodedParts;
}

export interface ClipTokenizerOptions {
  /** `<|endoftext|>` for SD tokenizers, `!` for SDXL's second one. */
  padToken?: string;
  maxLength?: number;
  /** Where the vocabulary and the merges came from, for error messages. */
  source?: { vocab: string; merges: string };
}

// CLIP's pre-tokenization; IGNORECASE as in CLIP (it matters only for case-folding oddities
// such as "'ſ"). The two special tokens typed in a prompt stay whole and keep their ids.
const PRE_TOKEN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/giu;

export function createClipTokenizer(vocabulary: ClipVocabulary, options: ClipTokenizerOptions = {}): ClipTokenizer {
  const source = options.source ?? { vocab: 'vocabulary', merges: 'merges' };
  const vocab = new Map(Object.entries(vocabulary.vocab));
  const mergeRanks = new Map(vocabulary.merges.map((merge, rank) => [merge, rank]));
  checkConsistency(vocab, vocabulary.merges, source);

  const idOf = (token: string, role: string): number => {
    const id = vocab.get(token);
    if (id === undefined) throw new Error(`${source.vocab}: lacks the ${role} token ${JSON.stringify(token)}`);
    return id;
  };
  const bosId = idOf(START_TOKEN, 'start');
  const eosId = idOf(END_TOKEN, 'end');
  const padId = idOf(options.padToken ?? END_TOKEN, 'pad');
  const maxLength = options.maxLength ?? CLIP_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new Error(`maxLength must be an integer ≥ 2, got ${maxLength}`);
  const specialIds = new Map([[START_TOKEN, bosId], [END_TOKEN, eosId]]);
  const bpe = new BpeEncoder(vocab, mergeRanks);

  function tokenize(text: string): number[] {
    const ids: number[] = [];
    for (const [word] of cleanPromptText(text).matchAll(PRE_TOKEN)) {
      const special = specialIds.get(word);
      if (special !== undefined) ids.push(special);
      else ids.push(...bpe.encodeWord(word));
    }
    return ids;
  }

  // Each part is tokenized alone and the results concatenated, so spans come from construction.
  // This equals tokenizing the joined prompt: the separator is whitespace, no cleanup step and
  // no pre-token reaches across whitespace, and cleanup collapses the separator with any
  // whitespace at the parts' edges (tested, including property tests over tricky characters).
  function encodeParts(parts: readonly string[]): EncodedParts {
    const capacity = maxLength - 2;
    const ids = new Int32Array(maxLength).fill(padId);
    ids[0] = bosId;
    const spans: TokenSpan[] = [];
    const truncatedParts: number[] = [];
    let total = 0;
    parts.forEach((part, index) => {
      const partIds = tokenize(part);
      const kept = Math.max(0, Math.min(partIds.length, capacity - total));
      const start = 1 + Math.min(total, capacity);
      if (kept > 0) ids.set(partIds.slice(0, kept), start);
      spans.push({ start, end: start + kept });
      if (kept < partIds.length) truncatedParts.push(index);
      total += partIds.length;
    });
    const contentLength = Math.min(total, capacity);
    ids[1 + contentLength] = eosId;
    return {
      ids,
      spans,
      eosIndex: 1 + contentLength,
      contentLength,
      truncated: total > capacity,
      droppedTokens: total - contentLength,
      truncatedParts,
    };
  }

  return {
    bosId,
    eosId,
    padId,
    maxLength,
    tokenize,
    countTokens: (text) => tokenize(text).length,
    encode: (text) => encodeParts([text]),
    encodeParts,
  };
}

/** Every symbol BPE can produce must have an id; checked once so encoding never misses. */
function checkConsistency(vocab: Map<string, number>, merges: readonly string[], source: { vocab: string; merges: string }): void {
  for (const [token, id] of vocab) {
    if (!Number.isInteger(id) || id < 0) throw new Error(`${source.vocab}: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}, not an integer ≥ 0`);
  }
  for (const symbol of BYTE_SYMBOLS) {
    for (const token of [symbol, symbol + WORD_END]) {
      if (!vocab.has(token)) throw new Error(`${source.vocab}: lacks the byte symbol ${JSON.stringify(token)}`);
    }
  }
  merges.forEach((merge, index) => {
    const pair = merge.split(' ');
    if (pair.length !== 2 || pair[0] === '' || pair[1] === '') {
      throw new Error(`${source.merges}: merge ${index + 1} is not "a b": ${JSON.stringify(merge)}`);
    }
    if (!vocab.has(pair[0] + pair[1])) {
      throw new Error(`${source.merges}: merge ${index + 1} (${JSON.stringify(merge)}) makes ${JSON.stringify(pair[0] + pair[1])}, which ${source.vocab} lacks`);
    }
  });
}
