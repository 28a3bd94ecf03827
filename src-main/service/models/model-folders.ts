// Folders in the models folder: the staging copies imports are made in, and claiming a model's own folder.
// Other imports, downloads being adopted and the CLI (another process) work in the same folder at the same time.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning } from '../files/process-alive.ts';

/** `<pid>-<uuid>`: the pid tells a later run whether the copy's process is still at work. */
const STAGING_FOLDER = /^(\d+)-[0-9a-f-]{36}$/;

const stagingRoot = (modelsDir: string) => join(modelsDir, '.staging');

/** Where the derived copies GPU providers load (float16, fused attention) are kept: beside the models, made on first GPU use. */
export const derivedFolder = (modelsDir: string): string => join(modelsDir, '.derived');

/** Where a new import's copy is made before it moves into place (not created yet). */
export function newStagingDir(modelsDir: string): string {
  return join(stagingRoot(modelsDir), `${process.pid}-${randomUUID()}`);
}

/**
 * Removes the copies of imports that were interrupted (Onestory quit or was killed mid-copy). Copies of
 * processes still running (this one, the CLI beside the app) are theirs to finish; older unnamed ones go too.
 */
export async function clearStaging(modelsDir: string): Promise<void> {
  const root = stagingRoot(modelsDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const leftovers = names.filter((name) => {
    const pid = STAGING_FOLDER.exec(name)?.[1];
    return pid === undefined || !isRunning(Number(pid));
  });
  await Promise.all(leftovers.map((name) => rm(join(root, name), { recursive: true, force: true })));
}

/**
 * Moves `from` into the models folder under a name of its own (from the model's name) and returns where.
 * The rename itself claims the name: one taken meanwhile makes it fail (POSIX: EEXIST or ENOTEMPTY,
 * Windows: EPERM), and the next name is tried, so another model's folder is never touched. (POSIX lets it
 * replace an empty folder made in that instant, which loses nothing.)
 */
export async function moveIntoModelsDir(from: string, modelsDir: string, name: string): Promise<string> {
  const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'model';
  for (let n = 1; ; n++) {
    const dir = join(modelsDir, n === 1 ? base : `${base}-${n}`);
    if (existsSync(dir)) continue;
    try {
      await rename(from, dir);
      return dir;
    } catch (error) {
      if (!existsSync(dir)) throw error; // not a taken name: a real failure
    }
  }
}
