// Export files appear whole or not at all: written to a temporary file in the destination folder, flushed
// to the disk, then renamed over the destination (a rename within one folder is atomic).
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ExportError } from './errors.ts';

/** Fills the file at tempPath (which does not exist yet); used for files that another library writes. */
export type WriteTo = (tempPath: string) => Promise<void> | void;

export async function writeFileAtomically(path: string, content: Uint8Array | WriteTo): Promise<void> {
  const destination = resolve(path);
  const folder = dirname(destination);
  // Hidden and unmistakable, so a crash leaves something a person recognises as debris.
  const temp = join(folder, `.${basename(destination)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    if (typeof content === 'function') await content(temp);
    else await writeNew(temp, content);
    await flush(temp);
    await rename(temp, destination);
  } catch (error) {
    // Cleaning up must not hide why the write failed.
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(error, destination);
  }
  await flushFolder(folder);
}

async function writeNew(path: string, content: Uint8Array): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(content);
  } finally {
    await file.close();
  }
}

async function flush(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes the rename itself durable; Windows cannot open a folder for this, and there it does not matter. */
async function flushFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

function writeError(error: unknown, destination: string): ExportError {
  if (error instanceof ExportError) return error;
  const folder = dirname(destination);
  // Node's errno codes, and SQLite's for the project file that SQLite writes itself.
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    SQLITE_FULL: 'the disk is full',
    EACCES: `the folder ${folder} is not writable`,
    EPERM: `the folder ${folder} is not writable`,
    EROFS: `the folder ${folder} is on a read-only disk`,
    SQLITE_CANTOPEN: `the folder ${folder} is not writable`,
    SQLITE_READONLY: `the folder ${folder} is not writable`,
    ENOENT: `the folder ${folder} does not exist`,
    ENOTDIR: `${folder} is not a folder`,
    EISDIR: 'a folder of that name is in the way',
  };
  const code = (error as { code?: unknown }).code;
  const reason = (typeof code === 'string' && reasons[code]) || (error as Error).message;
  return new ExportError('write_failed', `Could not write ${destination}: ${reason}. Nothing was written.`, { cause: error });
}
