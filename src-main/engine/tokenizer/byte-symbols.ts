// Byte-level BPE works on bytes, but its vocabulary is text: every byte gets a visible Unicode
// character. Printable Latin-1 bytes stand for themselves; the other 68 bytes (controls, space,
// soft hyphen, ...) are shifted to U+0100 onwards, in byte order.

function isPrintableLatin1(byte: number): boolean {
  return (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
}

function buildByteSymbols(): string[] {
  const symbols: string[] = [];
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    symbols.push(String.fromCharCode(isPrintableLatin1(byte) ? byte : 0x100 + shifted++));
  }
  return symbols;
}

/** BYTE_SYMBOLS[b] is the one-character symbol for byte b. */
export const BYTE_SYMBOLS: readonly string[] = buildByteSymbols();

/**
 * The byte symbols in CLIP's vocabulary order (the first 256 ids): printable bytes, then the
 * shifted ones; both runs ascend, so this is simply code-point order.
 */
export const BYTE_SYMBOLS_IN_VOCAB_ORDER: readonly string[] = [...BYTE_SYMBOLS].sort();
