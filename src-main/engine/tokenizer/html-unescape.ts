// CLIP unescapes HTML entities in prompts (Python's html.unescape). Prompts rarely hold any, so
// this covers what text pasted from the web carries: numeric references and the basic named
// entities; any other named entity stays as written.

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// Like html.unescape: numeric references may omit ';', and so may the legacy names (not apos).
const ENTITY = /&(?:#(\d+);?|#[xX]([0-9a-fA-F]+);?|(amp|lt|gt|quot|apos|nbsp);|(amp|lt|gt|quot|nbsp))/g;

function fromCodePoint(codePoint: number): string {
  const invalid = codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff;
  return invalid ? '\ufffd' : String.fromCodePoint(codePoint);
}

export function unescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_match, decimal?: string, hex?: string, name?: string, legacyName?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED[(name ?? legacyName) as string];
  });
}
