import { createClipTokenizer, type ClipTokenizer } from './clip-tokenizer.ts';
import { readClipBpeVocabulary } from './clip-vocabulary.ts';
import { readHfTokenizerFiles } from './hf-tokenizer-files.ts';

/** From a model's tokenizer folder (`tokenizer/` or `tokenizer_2/`) in the Hugging Face layout. */
export async function loadHfClipTokenizer(dir: string): Promise<ClipTokenizer> {
  const { vocabulary, padToken, maxLength, source } = await readHfTokenizerFiles(dir);
  return createClipTokenizer(vocabulary, { padToken, maxLength, source });
}

/** From CLIP's own `bpe_simple_vocab_16e6.txt.gz`; pads with `<|endoftext|>` unless told. */
export async function loadClipTokenizerFromBpeGz(
  gzPath: string,
  options: { padToken?: string; maxLength?: number } = {},
): Promise<ClipTokenizer> {
  const vocabulary = await readClipBpeVocabulary(gzPath);
  return createClipTokenizer(vocabulary, { ...options, source: { vocab: gzPath, merges: gzPath } });
}
