import { Tokenizer } from '@huggingface/tokenizers';
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
//
// Kept here rather than as tokenizers.js' Split pre-tokenizer and added tokens (CLIP's
// tokenizer.json): that pipeline reproduces the reference cases, but in 0.2 it splits a special
// token out anywhere ("!<|endoftext|>" gives "!", 49407; CLIP's pattern gives "!<|", "endoftext",
// "|>") and folds case only for ASCII ("'ſ" is two pre-tokens there). On 200,000 generated
// strings of tricky characters, 10% tokenized differently. The library does byte symbols and BPE.
const PRE_TOKEN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/giu;

export function createClipTokenizer(vocabulary: ClipVocabulary, options: ClipTokenizerOptions = {}): ClipTokenizer {
  const source = options.source ?? { vocab: 'vocabulary', merges: 'merges' };
  const { vocab } = vocabulary;
  checkConsistency(vocabulary, source);

  const idOf = (token: string, role: string): number => {
    if (!Object.hasOwn(vocab, token)) throw new Error(`${source.vocab}: lacks the ${role} token ${JSON.stringify(token)}`);
    return vocab[token];
  };
  const bosId = idOf(START_TOKEN, 'start');
  const eosId = idOf(END_TOKEN, 'end');
  const padId = idOf(options.padToken ?? END_TOKEN, 'pad');
  const maxLength = options.maxLength ?? CLIP_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new Error(`maxLength must be an integer ≥ 2, got ${maxLength}`);
  const specialIds = new Map([[START_TOKEN, bosId], [END_TOKEN, eosId]]);
  const encodeWord = createWordEncoder(vocabulary);

  function tokenize(text: string): number[] {
    const ids: number[] = [];
    for (const [word] of cleanPromptText(text).matchAll(PRE_TOKEN)) {
      const special = specialIds.get(word);
      if (special !== undefined) ids.push(special);
      else ids.push(...encodeWord(word));
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

// tokenizers.js 0.2 ships types whose relative imports lack file extensions, which this
// project's nodenext resolution cannot follow, so `Tokenizer` arrives untyped; this is what we call.
interface HfTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
}

// Prompts repeat the same few hundred words, so each word's ids are computed once: a call into the
// library costs ~2 µs a word (a warm 77-token prompt took 0.15 ms without this cache, 0.01 ms
// with it). The bound keeps a long-running process from growing without limit.
const WORD_CACHE_LIMIT = 50_000;

/** One pre-token → ids, by tokenizers.js' ByteLevel step and BPE model. */
function createWordEncoder({ vocab, merges }: ClipVocabulary): (word: string) => readonly number[] {
  // CLIP's tokenizer.json, less what stays ours: the cleanup (its normalizer), CLIP's pattern and
  // special tokens (its Split pre-tokenizer and added tokens), start, end and padding (its
  // post-processor). checkConsistency guarantees every token BPE produces has an id, so the
  // unknown token is never used.
  const tokenizerJson = {
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
    model: { type: 'BPE', vocab, merges, end_of_word_suffix: WORD_END, continuing_subword_prefix: '', unk_token: END_TOKEN, fuse_unk: false, byte_fallback: false, ignore_merges: false },
    post_processor: null,
    decoder: null,
  };
  const tokenizer: HfTokenizer = new Tokenizer(tokenizerJson, {});
  const cache = new Map<string, readonly number[]>();
  return (word) => {
    let ids = cache.get(word);
    if (ids === undefined) {
      ids = tokenizer.encode(word, { add_special_tokens: false }).ids;
      if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
      cache.set(word, ids);
    }
    return ids;
  };
}

/** Every symbol BPE can produce must have an id; checked once so encoding never misses. */
function checkConsistency({ vocab, merges }: ClipVocabulary, source: { vocab: string; merges: string }): void {
  for (const [token, id] of Object.entries(vocab)) {
    if (!Number.isInteger(id) || id < 0) throw new Error(`${source.vocab}: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}, not an integer ≥ 0`);
  }
  for (const symbol of BYTE_SYMBOLS) {
    for (const token of [symbol, symbol + WORD_END]) {
      if (!Object.hasOwn(vocab, token)) throw new Error(`${source.vocab}: lacks the byte symbol ${JSON.stringify(token)}`);
    }
  }
  merges.forEach((merge, index) => {
    const pair = merge.split(' ');
    if (pair.length !== 2 || pair[0] === '' || pair[1] === '') {
      throw new Error(`${source.merges}: merge ${index + 1} is not "a b": ${JSON.stringify(merge)}`);
    }
    if (!Object.hasOwn(vocab, pair[0] + pair[1])) {
      throw new Error(`${source.merges}: merge ${index + 1} (${JSON.stringify(merge)}) makes ${JSON.stringify(pair[0] + pair[1])}, which ${source.vocab} lacks`);
    }
  });
}
