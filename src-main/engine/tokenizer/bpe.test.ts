import { describe, expect, it } from 'vitest';
import { BYTE_SYMBOLS, BYTE_SYMBOLS_IN_VOCAB_ORDER } from './byte-symbols.ts';
import { createClipTokenizer } from './clip-tokenizer.ts';
import { toyVocabulary } from './toy-vocabulary.ts';

describe('byte symbols', () => {
  it('gives each byte its own visible symbol, as GPT-2/CLIP do', () => {
    expect(new Set(BYTE_SYMBOLS).size).toBe(256);
    expect(BYTE_SYMBOLS[0x61]).toBe('a');
    expect(BYTE_SYMBOLS[0x20]).toBe('Ġ');
    expect(BYTE_SYMBOLS[0x0a]).toBe('Ċ');
    expect(BYTE_SYMBOLS[0xad]).toBe('Ń');
    expect(BYTE_SYMBOLS_IN_VOCAB_ORDER.slice(0, 3)).toEqual(['!', '"', '#']);
  });
});

describe('BPE on a toy vocabulary', () => {
  const vocabulary = toyVocabulary(['l o', 'lo w</w>', 'e r</w>', 'w er</w>', 'a a']);
  const tokenizer = createClipTokenizer(vocabulary);
  const id = (token: string) => vocabulary.vocab[token];

  it('applies merges by rank and marks the word end', () => {
    expect(tokenizer.tokenize('low')).toEqual([id('low</w>')]);
    expect(tokenizer.tokenize('lower')).toEqual([id('lo'), id('wer</w>')]);
    expect(tokenizer.tokenize('ow')).toEqual([id('o'), id('w</w>')]);
  });

  it('merges repeated pairs left to right without overlap', () => {
    expect(tokenizer.tokenize('aaa')).toEqual([id('aa'), id('a</w>')]);
  });

  it('encodes non-ASCII text as UTF-8 byte symbols', () => {
    expect(tokenizer.tokenize('é')).toEqual([id('Ã'), id('©</w>')]);
  });

  it('gives repeated calls the same ids (cache)', () => {
    expect(tokenizer.tokenize('lower lower')).toEqual([...tokenizer.tokenize('lower'), ...tokenizer.tokenize('lower')]);
  });
});
