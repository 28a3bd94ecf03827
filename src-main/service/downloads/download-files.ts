// A download's files on disk: each is fetched into `<path>.part`, continuing from the bytes already there, then
// checked against the Hub and renamed to its own name. A file under its own name is therefore complete and verified.
import { statSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';
import type { StoredDownload, StoredDownloadFile } from '../../store/index.ts';
import { isInside } from '../files/disk.ts';
import type { Hub } from './hub.ts';
import { FileCheckError, verifyFile } from './verify-file.ts';

export type FilePhase = 'downloading' | 'verifying';

export interface FetchHooks {
  signal: AbortSignal;
  /** the file being worked on has `bytes` on disk (reported after each write has landed) */
  onProgress(path: string, bytes: number, phase: FilePhase): void;
}

/** Where a file goes; a path from the Hub that would leave the download's folder is refused. */
export function fileTarget(dir: string, file: StoredDownloadFile): string {
  const target = join(dir, file.path);
  if (!isInside(dir, target)) throw new ApiError('invalid_input', `The Hub listed a file outside the repository (${file.path}); nothing was downloaded.`);
  return target;
}

/** What of a file is on disk: done (verified) or the bytes of its partial file. */
export function onDisk(dir: string, file: StoredDownloadFile): { bytes: number; done: boolean } {
  const target = fileTarget(dir, file);
  if (statSync(target, { throwIfNoEntry: false })) return { bytes: file.sizeBytes, done: true };
  return { bytes: statSync(`${target}.part`, { throwIfNoEntry: false })?.size ?? 0, done: false };
}

/** The bytes of the download's files on disk, done or partial. */
export function receivedBytes(download: StoredDownload): number {
  return download.files.reduce((sum, file) => sum + onDisk(download.dir, file).bytes, 0);
}

/** Fetches every file not yet done; a file that fails its check is deleted and the FileCheckError thrown. */
export async function fetchFiles(hub: Hub, download: StoredDownload, token: string | undefined, hooks: FetchHooks): Promise<void> {
  for (const file of download.files) {
    hooks.signal.throwIfAborted();
    const target = fileTarget(download.dir, file);
    const part = `${target}.part`;
    if (onDisk(download.dir, file).done) continue;
    await mkdir(dirname(part), { recursive: true, mode: PRIVATE_DIR_MODE });
    await writeFile(part, '', { flag: 'a' });
    let bytes = (await stat(part)).size;
    if (bytes > file.sizeBytes) {
      // Longer than the file itself: not a beginning of it (the repository changed); start over.
      await writeFile(part, '');
      bytes = 0;
    }
    hooks.onProgress(file.path, bytes, 'downloading');
    if (bytes < file.sizeBytes) {
      const body = await hub.openFrom(download.repo, download.commit, file, bytes, token, hooks.signal);
      const out = await open(part, 'a');
      try {
        for await (const chunk of body) {
          await out.write(chunk);
          hooks.onProgress(file.path, (bytes += chunk.length), 'downloading');
        }
      } finally {
        await out.close();
      }
    }
    hooks.onProgress(file.path, bytes, 'verifying');
    try {
      await verifyFile(part, file, hooks.signal);
    } catch (error) {
      if (error instanceof FileCheckError) await rm(part, { force: true });
      throw error;
    }
    await rename(part, target);
  }
}
