// A downloaded file against what the Hub says it is: its size, and its SHA-256 (Git LFS files) or Git blob hash.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { StoredDownloadFile } from '../../store/index.ts';

/** The file on disk is not the Hub's file; the download deletes it. */
export class FileCheckError extends Error {}

/** Rejects with the signal's reason when it aborts, between chunks: a pause need not wait for a hash of gigabytes. */
export async function verifyFile(path: string, file: StoredDownloadFile, signal: AbortSignal): Promise<void> {
  const { size } = await stat(path);
  if (size !== file.sizeBytes) throw new FileCheckError(`${file.path} has ${size} bytes where the Hub has ${file.sizeBytes}`);
  if (file.sha256) {
    const actual = await hashFile(path, signal, 'sha256');
    if (actual !== file.sha256) throw new FileCheckError(`${file.path} does not match the Hub's SHA-256 (expected ${file.sha256}, got ${actual})`);
  } else if (file.gitOid) {
    // Git names a blob by the SHA-1 of "blob <size>\0" followed by the content.
    const actual = await hashFile(path, signal, 'sha1', `blob ${size}\0`);
    if (actual !== file.gitOid) throw new FileCheckError(`${file.path} does not match the Hub's Git hash (expected ${file.gitOid}, got ${actual})`);
  }
}

async function hashFile(path: string, signal: AbortSignal, algorithm: 'sha256' | 'sha1', prefix = ''): Promise<string> {
  const hash = createHash(algorithm).update(prefix);
  for await (const chunk of createReadStream(path)) {
    signal.throwIfAborted();
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
