import { describe, expect, it } from 'vitest';
import { unescapeHtml } from './html-unescape.ts';
import { cleanPromptText } from './text-cleanup.ts';

describe('cleanPromptText', () => {
  it('collapses whitespace of every kind, trims and lower-cases', () => {
    expect(cleanPromptText('  A\t\tRed\n\u00a0Fox\u3000 ')).toBe('a red fox');
  });

  it('straightens curly quotes, as ftfy does', () => {
    expect(cleanPromptText('It’s “fine” ‘ok’')).toBe('it\'s "fine" \'ok\'');
  });

  it('turns fullwidth forms and Latin ligatures into plain letters', () => {
    expect(cleanPromptText('小猫，ＡＢＣ！')).toBe('小猫,abc!');
    expect(cleanPromptText('ﬁne ﬂower')).toBe('fine flower');
  });

  it('drops control characters and a byte-order mark', () => {
    expect(cleanPromptText('\ufeffca\u0000t\u0007')).toBe('cat');
  });

  it('composes to NFC', () => {
    expect(cleanPromptText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('unescapes HTML entities until none is left, then fixes what they produced', () => {
    expect(cleanPromptText('fish &amp;amp; chips')).toBe('fish & chips');
    expect(cleanPromptText('it&#8217;s &#x22;x&quot;')).toBe('it\'s "x"');
    expect(cleanPromptText('a&nbsp;&nbsp;b')).toBe('a b');
  });
});

describe('unescapeHtml', () => {
  it('reads numeric references with or without ";" and legacy names without it', () => {
    expect(unescapeHtml('&#65;&#x42;&#67 &amp &lt;&gt&quot;&apos;')).toBe('ABC & <>"\'');
  });

  it('keeps unknown names and replaces impossible code points', () => {
    expect(unescapeHtml('&bogus; &apos &#0; &#xD800; &#1114112;')).toBe('&bogus; &apos \ufffd \ufffd \ufffd');
  });
});
