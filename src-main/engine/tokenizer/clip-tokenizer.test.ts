import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithShared, hasShared, readSharedJson, sharedPath } from '../../../test-support/shared.ts';
import { PROMPT_PART_SEPARATOR, createClipTokenizer, type ClipTokenizer } from './clip-tokenizer.ts';
import { readClipBpeVocabulary, type ClipVocabulary } from './clip-vocabulary.ts';
import { toyVocabulary } from './toy-vocabulary.ts';

interface TokenizerCase {
  text: string;
  ids: number[];
  tokens: string[];
}

const gzPath = sharedPath('clip', 'bpe_simple_vocab_16e6.txt.gz');
const cases = hasShared ? readSharedJson<{ cases: TokenizerCase[] }>('clip', 'tokenizer-cases.json').cases : [];

const START = 49406;
const END = 49407;

// Inputs where parts meet on punctuation, contractions, entities, special tokens, whitespace,
// combining marks or context-dependent lower-casing.
const TRICKY_PARTS: string[][] = [
  ['a cat,', ', a dog.'],
  ['the dog', "'s toy", "'S BALL"],
  ['hello!!', '!!world', '?'],
  ['  spaced  ', '', '   ', 'end'],
  ['fish &amp', ';chips', '&amp;', 'amp;', '&#', '38;'],
  ['ΑΣ', 'Σ', 'ΣΑ'],
  ['e', '\u0301x', 'cafe\u0301'],
  ['<|startoftext|>', '<|endoftext|>x', '<|', 'endoftext|>'],
  ['ＡＢＣ，', '，小猫', '\u3000'],
  ['it’', '’s', '“quote', '”'],
  ['3.14', '15', '2nd'],
  ['🦊', '🦊✨'],
  ['a\u00a0', '\u00a0b', '\ufeff', '\u0000'],
  ['İstanbul', 'ﬁsh', 'ﬂ'],
];

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

  it('keeps a special token whole only where CLIP’s pattern finds it', () => {
    expect(tokenizer.tokenize('a<|endoftext|>')).toEqual([id('a</w>'), id('<|endoftext|>')]);
    // CLIP's punctuation run takes "!<|" first; tokenizers.js' added-token split would not.
    expect(tokenizer.tokenize('!<|endoftext|>')).toEqual([...tokenizer.tokenize('!<|'), ...tokenizer.tokenize('endoftext'), ...tokenizer.tokenize('|>')]);
  });
});

describeWithShared('CLIP tokenizer on bpe_simple_vocab_16e6', () => {
  let vocabulary: ClipVocabulary;
  let tokenizer: ClipTokenizer;
  let tokenOf: Map<number, string>;

  beforeAll(async () => {
    vocabulary = await readClipBpeVocabulary(gzPath);
    tokenizer = createClipTokenizer(vocabulary);
    tokenOf = new Map(Object.entries(vocabulary.vocab).map(([token, id]) => [id, token]));
  });

  it('builds CLIP’s 49408-token vocabulary', () => {
    expect(Object.keys(vocabulary.vocab)).toHaveLength(49408);
    expect(vocabulary.merges).toHaveLength(48894);
    expect(vocabulary.merges[0]).toBe('i n');
    expect(vocabulary.vocab['!']).toBe(0);
    expect(vocabulary.vocab['a</w>']).toBe(320);
    expect(vocabulary.vocab['<|startoftext|>']).toBe(START);
    expect(vocabulary.vocab['<|endoftext|>']).toBe(END);
    expect([tokenizer.bosId, tokenizer.eosId, tokenizer.padId, tokenizer.maxLength]).toEqual([START, END, END, 77]);
  });

  it.each(cases)('reproduces CLIP for $text', ({ text, ids, tokens }) => {
    const content = tokenizer.tokenize(text);
    expect([START, ...content, END]).toEqual(ids);
    expect(content.map((id) => tokenOf.get(id))).toEqual(tokens);
    expect(tokenizer.countTokens(text)).toBe(tokens.length);
  });

  describe('encode', () => {
    it('pads to 77 with <|endoftext|>, the SD tokenizers’ pad token', () => {
      const encoded = tokenizer.encode('a photo of a cat');
      expect(encoded.ids).toBeInstanceOf(Int32Array);
      expect([...encoded.ids]).toEqual([START, 320, 1125, 539, 320, 2368, ...Array(71).fill(END)]);
      expect(encoded).toMatchObject({ eosIndex: 6, contentLength: 5, truncated: false, droppedTokens: 0, truncatedParts: [] });
      expect(encoded.spans).toEqual([{ start: 1, end: 6 }]);
    });

    it('pads with "!" (id 0) for SDXL’s second tokenizer, ending with <|endoftext|> still', () => {
      const sdxl2 = createClipTokenizer(vocabulary, { padToken: '!' });
      const encoded = sdxl2.encode('a photo of a cat');
      expect(sdxl2.padId).toBe(0);
      expect([...encoded.ids]).toEqual([START, 320, 1125, 539, 320, 2368, END, ...Array(70).fill(0)]);
    });

    it('encodes an empty prompt as start, end and padding', () => {
      const encoded = tokenizer.encode('   ');
      expect([...encoded.ids.slice(0, 3)]).toEqual([START, END, END]);
      expect(encoded).toMatchObject({ eosIndex: 1, contentLength: 0, spans: [{ start: 1, end: 1 }] });
    });

    it('fits exactly 75 content tokens without truncating', () => {
      const encoded = tokenizer.encode(Array(75).fill('cat').join(' '));
      expect(encoded).toMatchObject({ eosIndex: 76, contentLength: 75, truncated: false, droppedTokens: 0 });
      expect(encoded.ids[76]).toBe(END);
    });

    it('reports truncation and keeps the end token last', () => {
      const encoded = tokenizer.encode(Array(100).fill('cat').join(' '));
      expect(encoded).toMatchObject({ eosIndex: 76, contentLength: 75, truncated: true, droppedTokens: 25, truncatedParts: [0] });
      expect(encoded.ids).toHaveLength(77);
      expect(encoded.ids[75]).toBe(2368);
      expect(encoded.ids[76]).toBe(END);
      expect(encoded.spans).toEqual([{ start: 1, end: 76 }]);
    });

    it('rejects a pad token the vocabulary lacks', () => {
      expect(() => createClipTokenizer(vocabulary, { padToken: '<pad>' })).toThrow(/pad token "<pad>"/);
    });
  });

  describe('encodeParts', () => {
    it('gives each part its own span, even when a phrase repeats', () => {
      const parts = ['a fox', 'a fox in the snow', 'a fox in the snow'];
      const encoded = tokenizer.encodeParts(parts);
      expect(encoded.spans).toEqual([
        { start: 1, end: 3 },
        { start: 3, end: 8 },
        { start: 8, end: 13 },
      ]);
      parts.forEach((part, i) => {
        const { start, end } = encoded.spans[i];
        expect([...encoded.ids.slice(start, end)]).toEqual(tokenizer.tokenize(part));
      });
      expect(encoded.eosIndex).toBe(13);
    });

    it('clips spans at the limit and names the parts that were cut', () => {
      const identity = 'a fox';
      const frame = Array(40).fill('cat').join(' ');
      const encoded = tokenizer.encodeParts([identity, frame, frame, 'in the snow']);
      expect(encoded).toMatchObject({ truncated: true, contentLength: 75, droppedTokens: 2 + 80 + 3 - 75, eosIndex: 76 });
      expect(encoded.truncatedParts).toEqual([2, 3]);
      expect(encoded.spans).toEqual([
        { start: 1, end: 3 },
        { start: 3, end: 43 },
        { start: 43, end: 76 },
        { start: 76, end: 76 },
      ]);
      expect(encoded.ids[76]).toBe(END);
    });

    it.each(TRICKY_PARTS)('equals encoding the joined prompt: %j', (...parts: string[]) => {
      const joined = tokenizer.encode(parts.join(PROMPT_PART_SEPARATOR));
      const byParts = tokenizer.encodeParts(parts);
      expect([...byParts.ids]).toEqual([...joined.ids]);
      expect(byParts.contentLength).toBe(joined.contentLength);
    });

    it('equals encoding the joined prompt for random tricky parts', () => {
      const unit = fc.oneof(
        fc.constantFrom('a', 'B', 'Σ', ' ', '\u00a0', '\t', "'", 's', '’', '&', 'amp;', '#', '3', ';', '<', '|', '!', ',', 'é', '\u0301', 'ﬁ', '，', '🦊', '中', '\u0000', 'İ', 'endoftext', '<|endoftext|>'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      );
      const parts = fc.array(fc.string({ unit, maxLength: 8 }), { maxLength: 5 });
      fc.assert(
        fc.property(parts, (ps) => {
          expect([...tokenizer.encodeParts(ps).ids]).toEqual([...tokenizer.encode(ps.join(PROMPT_PART_SEPARATOR)).ids]);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('speed', () => {
    it('loads the 48k merges well under a second', async () => {
      const started = performance.now();
      createClipTokenizer(await readClipBpeVocabulary(gzPath));
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('encodes a 77-token prompt well under a millisecond', () => {
      const prompt = cases.reduce((longest, c) => (c.ids.length > longest.length ? c.text : longest), '');
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        tokenizer.encodeParts([prompt, prompt]);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      expect(times[100]).toBeLessThan(0.5);
    });
  });
});
