import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';

export interface FileToCopy {
  /** where it goes, relative to the target folder */
  path: string;
  /** where its bytes are read from */
  source: string;
  size: number;
}

/**
 * Copies `files` into `to` (which must not exist yet), reporting bytes copied of the total. `signal` stops it
 * mid-file; what it wrote stays for the caller to remove.
 */
export async function copyFiles(files: readonly FileToCopy[], to: string, onProgress: (copied: number, total: number) => void, signal?: AbortSignal): Promise<number> {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let copied = 0;
  onProgress(copied, total);
  for (const file of files) {
    signal?.throwIfAborted();
    const target = join(to, file.path);
    await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
    await pipeline(
      createReadStream(file.source),
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
