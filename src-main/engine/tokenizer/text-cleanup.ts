import { unescapeHtml } from './html-unescape.ts';

// CLIP cleans a prompt with ftfy.fix_text, html.unescape (twice), whitespace collapse and
// lower-casing. Of ftfy we keep the fixes that change typed or pasted prompts: HTML entities,
// Latin ligatures, fullwidth forms (Chinese input's "，" is a plain ","), curly quotes, control
// characters and NFC. Left out: mojibake repair and C1-control decoding (text decoded with the
// wrong charset), which typed prompts do not contain.
//
// One deliberate difference: ftfy skips its HTML step when the text contains "<"; we always run
// it. Then every prompt part cleans alike alone or inside the whole prompt, so the tokens of
// the parts add up to the tokens of the joined prompt. Only text holding both "<" and entities
// such as "&rsquo;" or "&amp;amp;lt;" can come out differently from CLIP's.

const LIGATURES: Record<string, string> = {
  'Ĳ': 'IJ', 'ĳ': 'ij', 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'ſt', 'ﬆ': 'st',
};
const LIGATURE = /[Ĳĳ\ufb00-\ufb06]/g;
const WIDTH_FORM = /[\u3000\uff01-\uffef]/g;
const SINGLE_QUOTE = /[\u2018-\u201b]/g;
const DOUBLE_QUOTE = /[\u201c-\u201f]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;
const WHITESPACE = /\p{White_Space}+/gu;

function ftfyStep(text: string): string {
  return unescapeHtml(text)
    .replace(LIGATURE, (c) => LIGATURES[c])
    .replace(WIDTH_FORM, (c) => (c === '\u3000' ? ' ' : c.normalize('NFKC')))
    .replace(SINGLE_QUOTE, "'")
    .replace(DOUBLE_QUOTE, '"')
    .replace(CONTROL, '')
    .normalize('NFC');
}

/** The text CLIP's tokenizer actually splits: repaired, single-spaced, trimmed, lower-case. */
export function cleanPromptText(text: string): string {
  // ftfy repeats its fixes until nothing changes (e.g. "&amp;amp;" needs two rounds).
  let fixed = text;
  for (let previous = ''; fixed !== previous; ) {
    previous = fixed;
    fixed = ftfyStep(fixed);
  }
  return fixed.replace(WHITESPACE, ' ').trim().toLowerCase();
}
