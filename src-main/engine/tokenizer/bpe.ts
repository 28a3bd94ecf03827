import { BYTE_SYMBOLS } from './byte-symbols.ts';
import { WORD_END } from './clip-vocabulary.ts';

// Written here rather than taken from a library: no tokenizer package is among the project's
// dependencies (@huggingface/tokenizers is not installed), and CLIP's text cleanup and the spans
// of prompt parts would sit outside one anyway; byte-level BPE itself is this short.

// Prompts repeat the same few hundred words, so each word's ids are computed once. The bound only
// keeps a long-running process from growing without limit.
const CACHE_LIMIT = 50_000;

/**
 * Byte-level BPE with CLIP's `</w>` word ends: turns one pre-token (a word, a digit or a run of
 * punctuation) into vocabulary ids. `vocab` and `mergeRanks` ("a b" → rank) must be consistent,
 * which the tokenizer checks when it is built.
 */
export class BpeEncoder {
  readonly #vocab: Map<string, number>;
  readonly #mergeRanks: Map<string, number>;
  readonly #cache = new Map<string, readonly number[]>();
  readonly #utf8 = new TextEncoder();

  constructor(vocab: Map<string, number>, mergeRanks: Map<string, number>) {
    this.#vocab = vocab;
    this.#mergeRanks = mergeRanks;
  }

  encodeWord(word: string): readonly number[] {
    let ids = this.#cache.get(word);
    if (ids === undefined) {
      ids = this.#merge(this.#byteSymbols(word)).map((symbol) => this.#vocab.get(symbol) as number);
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(word, ids);
    }
    return ids;
  }

  #byteSymbols(word: string): string[] {
    const symbols = Array.from(this.#utf8.encode(word), (byte) => BYTE_SYMBOLS[byte]);
    symbols[symbols.length - 1] += WORD_END;
    return symbols;
  }

  /** Repeatedly merges the adjacent pair of lowest rank, every occurrence left to right. */
  #merge(symbols: string[]): string[] {
    while (symbols.length > 1) {
      let bestRank = Infinity;
      let bestPair = '';
      for (let i = 0; i < symbols.length - 1; i++) {
        const pair = `${symbols[i]} ${symbols[i + 1]}`;
        const rank = this.#mergeRanks.get(pair);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          bestPair = pair;
        }
      }
      if (bestRank === Infinity) break;
      const merged: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i < symbols.length - 1 && `${symbols[i]} ${symbols[i + 1]}` === bestPair) {
          merged.push(symbols[i] + symbols[i + 1]);
          i++;
        } else {
          merged.push(symbols[i]);
        }
      }
      symbols = merged;
    }
    return symbols;
  }
}
