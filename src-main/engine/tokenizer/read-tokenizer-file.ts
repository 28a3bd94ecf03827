import { readFailure, readSmallFile } from '../files/regular-file.ts';

/** CLIP's vocab.json is about 1 MB and merges.txt 0.5 MB; anything far larger is not a CLIP tokenizer. */
export const MAX_TOKENIZER_FILE_BYTES = 32 * 1024 * 1024;

/** Reads a file a tokenizer needs; a missing, unreadable, special or oversized file is named in the error. */
export async function readTokenizerFile(path: string): Promise<Buffer> {
  try {
    return await readSmallFile(path, MAX_TOKENIZER_FILE_BYTES);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `unreadable (${readFailure(error)})`;
    throw new Error(`Tokenizer file ${reason}: ${path}`, { cause: error });
  }
}
