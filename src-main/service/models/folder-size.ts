import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes of every file under dir (symbolic links followed, as the engine follows them when it loads). */
export async function folderSize(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries.filter((e) => !e.isDirectory()).map(async (e) => (await stat(join(e.parentPath, e.name)).catch(() => null))?.size ?? 0),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
