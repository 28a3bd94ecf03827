import { readFile } from 'node:fs/promises';

/** Reads a file a tokenizer needs; a missing or unreadable file is named in the error. */
export async function readTokenizerFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
    throw new Error(`Tokenizer file ${reason}: ${path}`, { cause: error });
  }
}
