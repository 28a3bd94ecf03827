import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CLIP_MAX_LENGTH, END_TOKEN, START_TOKEN, type ClipVocabulary } from './clip-vocabulary.ts';
import { readTokenizerFile } from './read-tokenizer-file.ts';

// A model's `tokenizer/` (or `tokenizer_2/`) folder in the Hugging Face layout.
export interface HfTokenizerFiles {
  vocabulary: ClipVocabulary;
  padToken: string;
  maxLength: number;
  source: { vocab: string; merges: string };
}

const MERGES_HEADER = '#version: 0.2';

// Tokens are written either as a string or as an AddedToken object with `content`.
const tokenField = z.union([z.string(), z.object({ content: z.string() })]).transform((t) => (typeof t === 'string' ? t : t.content));
const specialTokensMap = z.object({ pad_token: tokenField.optional() });
const tokenizerConfig = z.object({
  pad_token: tokenField.nullish(),
  model_max_length: z.number().int().min(2).max(4096).optional(),
});

export async function readHfTokenizerFiles(dir: string): Promise<HfTokenizerFiles> {
  const vocabPath = join(dir, 'vocab.json');
  const mergesPath = join(dir, 'merges.txt');
  const vocab = parseJson(await readTokenizerFile(vocabPath), vocabPath, z.record(z.string(), z.unknown()));
  const merges = parseMerges((await readTokenizerFile(mergesPath)).toString('utf8'));
  if (merges.length === 0) throw new Error(`${mergesPath}: holds no merges`);
  // SD's tokenizers pad with <|endoftext|>; SDXL's tokenizer_2 names "!" here. CLIPTokenizer's
  // own default applies when neither file names one.
  const map = await readOptionalJson(join(dir, 'special_tokens_map.json'), specialTokensMap);
  const config = await readOptionalJson(join(dir, 'tokenizer_config.json'), tokenizerConfig);
  return {
    vocabulary: { vocab: vocab as Record<string, number>, merges },
    padToken: map?.pad_token ?? config?.pad_token ?? END_TOKEN,
    maxLength: config?.model_max_length ?? CLIP_MAX_LENGTH,
    source: { vocab: vocabPath, merges: mergesPath },
  };
}

/** Writes vocab.json, merges.txt, special_tokens_map.json and tokenizer_config.json into `dir`. */
export async function writeHfTokenizerFiles(
  dir: string,
  options: { vocabulary: ClipVocabulary; padToken: string; maxLength?: number },
): Promise<void> {
  const { vocabulary, padToken, maxLength = CLIP_MAX_LENGTH } = options;
  await mkdir(dir, { recursive: true });
  // Written by hand in id order: JSON.stringify would move number-like tokens ("1", "2016") first.
  const entries = Object.entries(vocabulary.vocab).sort((a, b) => a[1] - b[1]);
  const vocabJson = `{${entries.map(([token, id]) => `${JSON.stringify(token)}: ${id}`).join(', ')}}`;
  const specials = { bos_token: START_TOKEN, eos_token: END_TOKEN, unk_token: END_TOKEN, pad_token: padToken };
  const config = { ...specials, model_max_length: maxLength, do_lower_case: true, tokenizer_class: 'CLIPTokenizer' };
  await Promise.all([
    writeFile(join(dir, 'vocab.json'), vocabJson),
    writeFile(join(dir, 'merges.txt'), [MERGES_HEADER, ...vocabulary.merges].join('\n') + '\n'),
    writeFile(join(dir, 'special_tokens_map.json'), JSON.stringify(specials, null, 2) + '\n'),
    writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config, null, 2) + '\n'),
  ]);
}

function parseMerges(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  return lines[0]?.startsWith('#version') ? lines.slice(1) : lines;
}

function parseJson<T>(bytes: Buffer, path: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${path}: unexpected content (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}

async function readOptionalJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readTokenizerFile(path);
  } catch (error) {
    if ((error as Error & { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') return undefined;
    throw error;
  }
  return parseJson(bytes, path, schema);
}
