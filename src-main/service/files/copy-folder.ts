import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';

interface FileToCopy {
  /** relative to the folder */
  path: string;
  size: number;
}

/**
 * Copies every file under `from` into `to` (which must not exist yet). Symbolic links are followed, as the
 * engine follows them (a Hugging Face cache snapshot is all links); dot entries (.git, .cache) are left out,
 * since no model component lives there and a Git checkout's history can be larger than the model.
 * `signal` stops it mid-file; what it wrote stays for the caller to remove.
 */
export async function copyFolder(from: string, to: string, onProgress: (copied: number, total: number) => void, signal?: AbortSignal): Promise<number> {
  const files = await listFiles(from, '');
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let copied = 0;
  onProgress(copied, total);
  for (const file of files) {
    signal?.throwIfAborted();
    const target = join(to, file.path);
    await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    await pipeline(
      createReadStream(join(from, file.path)),
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          onProgress((copied += chunk.length), total);
          callback(null, chunk);
        },
      }),
      createWriteStream(target, { flags: 'wx' }),
      { signal },
    );
  }
  return total;
}

async function listFiles(root: string, rel: string): Promise<FileToCopy[]> {
  const files: FileToCopy[] = [];
  for (const name of (await readdir(join(root, rel))).sort()) {
    if (name.startsWith('.')) continue;
    const path = rel ? join(rel, name) : name;
    const stats = await stat(join(root, path));
    if (stats.isDirectory()) files.push(...(await listFiles(root, path)));
    else if (stats.isFile()) files.push({ path, size: stats.size });
  }
  return files;
}
