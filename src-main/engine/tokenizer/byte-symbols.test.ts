import { describe, expect, it } from 'vitest';
import { BYTE_SYMBOLS, BYTE_SYMBOLS_IN_VOCAB_ORDER } from './byte-symbols.ts';

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
