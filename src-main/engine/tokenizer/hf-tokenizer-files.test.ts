import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWithShared, hasShared, readSharedJson, sharedPath } from '../../../test-support/shared.ts';
import { createClipTokenizer } from './clip-tokenizer.ts';
import { readClipBpeVocabulary, type ClipVocabulary } from './clip-vocabulary.ts';
import { writeHfTokenizerFiles } from './hf-tokenizer-files.ts';
import { loadClipTokenizerFromBpeGz, loadHfClipTokenizer } from './load-clip-tokenizer.ts';
import { toyVocabulary } from './toy-vocabulary.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onestory-tokenizer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Hugging Face tokenizer folder', () => {
  const vocabulary = toyVocabulary(['c a', 'ca t</w>']);

  it('round-trips what writeHfTokenizerFiles wrote', async () => {
    await writeHfTokenizerFiles(dir, { vocabulary, padToken: '!' });
    const tokenizer = await loadHfClipTokenizer(dir);
    expect(tokenizer.padId).toBe(0);
    expect(tokenizer.maxLength).toBe(77);
    expect(tokenizer.tokenize('cat')).toEqual([vocabulary.vocab['cat</w>']]);
    expect(JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8'))).toEqual(vocabulary.vocab);
    expect((await readFile(join(dir, 'merges.txt'), 'utf8')).split('\n').slice(0, 3)).toEqual(['#version: 0.2', 'c a', 'ca t</w>']);
  });

  it('reads pad token and length from tokenizer_config.json, AddedToken form included', async () => {
    await writeHfTokenizerFiles(dir, { vocabulary, padToken: '!' });
    await unlink(join(dir, 'special_tokens_map.json'));
    const config = { pad_token: { content: '"', __type: 'AddedToken' }, model_max_length: 16 };
    await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
    const tokenizer = await loadHfClipTokenizer(dir);
    expect([tokenizer.padId, tokenizer.maxLength]).toEqual([1, 16]);
    expect(tokenizer.encode('cat').ids).toHaveLength(16);
  });

  it('pads with <|endoftext|>, CLIPTokenizer’s default, when no file names a pad token', async () => {
    await writeHfTokenizerFiles(dir, { vocabulary, padToken: '!' });
    await unlink(join(dir, 'special_tokens_map.json'));
    await unlink(join(dir, 'tokenizer_config.json'));
    const tokenizer = await loadHfClipTokenizer(dir);
    expect(tokenizer.padId).toBe(tokenizer.eosId);
  });

  describe('names the file at fault', () => {
    beforeEach(async () => {
      await writeHfTokenizerFiles(dir, { vocabulary, padToken: '<|endoftext|>' });
    });

    const cases: [string, string, string | null, RegExp][] = [
      ['a missing vocab.json', 'vocab.json', null, /Tokenizer file missing: .*vocab\.json/],
      ['a missing merges.txt', 'merges.txt', null, /Tokenizer file missing: .*merges\.txt/],
      ['a truncated vocab.json', 'vocab.json', '{"a": 1', /vocab\.json: not valid JSON/],
      ['a vocab.json that is no object', 'vocab.json', '[1, 2]', /vocab\.json: unexpected content/],
      ['a vocab.json with a non-integer id', 'vocab.json', '{"a": "one"}', /vocab\.json: token "a" has id "one"/],
      ['a vocab.json without byte symbols', 'vocab.json', '{"a": 1}', /vocab\.json: lacks the byte symbol/],
      ['an empty merges.txt', 'merges.txt', '#version: 0.2\n', /merges\.txt: holds no merges/],
      ['a malformed merge', 'merges.txt', '#version: 0.2\nc a\ncat\n', /merges\.txt: merge 2 is not "a b": "cat"/],
      ['a merge the vocabulary lacks', 'merges.txt', '#version: 0.2\nx y\n', /merges\.txt: merge 1 \("x y"\) makes "xy", which .*vocab\.json lacks/],
      ['a corrupt special_tokens_map.json', 'special_tokens_map.json', '{pad', /special_tokens_map\.json: not valid JSON/],
      ['an impossible model_max_length', 'tokenizer_config.json', '{"model_max_length": 1e30}', /tokenizer_config\.json: unexpected content/],
      ['a pad token the vocabulary lacks', 'special_tokens_map.json', '{"pad_token": "<pad>"}', /vocab\.json: lacks the pad token "<pad>"/],
    ];
    it.each(cases)('%s', async (_name, file, content, message) => {
      if (content === null) await unlink(join(dir, file));
      else await writeFile(join(dir, file), content);
      await expect(loadHfClipTokenizer(dir)).rejects.toThrow(message);
    });
  });

  it('names a missing or corrupt CLIP .gz file', async () => {
    const gz = join(dir, 'bpe_simple_vocab_16e6.txt.gz');
    await expect(loadClipTokenizerFromBpeGz(gz)).rejects.toThrow(/Tokenizer file missing: .*bpe_simple_vocab_16e6\.txt\.gz/);
    await writeFile(gz, 'not gzip');
    await expect(loadClipTokenizerFromBpeGz(gz)).rejects.toThrow(/bpe_simple_vocab_16e6\.txt\.gz: not a readable gzip file/);
  });
});

describeWithShared('Hugging Face folder written from bpe_simple_vocab_16e6', () => {
  const texts = hasShared ? readSharedJson<{ cases: { text: string }[] }>('clip', 'tokenizer-cases.json').cases.map((c) => c.text) : [];
  let vocabulary: ClipVocabulary;

  beforeAll(async () => {
    vocabulary = await readClipBpeVocabulary(sharedPath('clip', 'bpe_simple_vocab_16e6.txt.gz'));
  });

  it.each(['<|endoftext|>', '!'])('gives the same ids as the .gz, padding with %s', async (padToken) => {
    await writeHfTokenizerFiles(dir, { vocabulary, padToken });
    const started = performance.now();
    const fromFolder = await loadHfClipTokenizer(dir);
    expect(performance.now() - started).toBeLessThan(1000);
    const fromGz = createClipTokenizer(vocabulary, { padToken });
    expect(fromFolder.padId).toBe(padToken === '!' ? 0 : 49407);
    for (const text of texts) {
      expect([...fromFolder.encode(text).ids]).toEqual([...fromGz.encode(text).ids]);
    }
  });
});
