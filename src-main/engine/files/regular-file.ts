// Files from folders the user points at (model folders) may be anything: a FIFO that blocks a plain open for ever,
// a link to /dev/zero that a plain read follows without end, a loop of links. Open them without blocking, refuse
// whatever is not a regular file, and read small ones only up to a cap.
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { formatBytes } from '../../../src-shared/format/quantities.ts';

/** A file refused for what it is, not for an error of the file system. */
export class FileRefusedError extends Error {
  /** a clause naming the file: "the file is a device, not a regular file" */
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'FileRefusedError';
    this.problem = problem;
  }
}

// O_NONBLOCK makes opening a FIFO return at once (it is then refused by fstat); Windows has no such flag or FIFOs.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** An open regular file and its size; the caller closes it. */
export async function openRegularFile(path: string): Promise<{ file: FileHandle; stats: Stats }> {
  const file = await open(path, OPEN_FLAGS);
  try {
    const stats = await file.stat();
    if (!stats.isFile()) throw new FileRefusedError(path, `the file is ${kindOf(stats)}, not a regular file`);
    return { file, stats };
  } catch (error) {
    await file.close();
    throw error;
  }
}

/** Throws what `readSmallFile` would, without reading: for files read later (or by another library). */
export async function checkSmallFile(path: string, maxBytes: number): Promise<void> {
  const { file, stats } = await openRegularFile(path);
  await file.close();
  if (stats.size > maxBytes) throw tooLarge(path, maxBytes);
}

/** The whole of a regular file of at most `maxBytes`; a larger one is refused without reading more than the cap. */
export async function readSmallFile(path: string, maxBytes: number): Promise<Buffer> {
  const { file, stats } = await openRegularFile(path);
  try {
    if (stats.size > maxBytes) throw tooLarge(path, maxBytes);
    // The size can change after fstat: read one byte past it to notice a file that grew (refused past the cap).
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, maxBytes + 1 - length))]);
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, maxBytes);
    }
    return buffer.subarray(0, length);
  } finally {
    await file.close();
  }
}

/** What went wrong opening or reading a file, as a clause: "the file is missing". */
export function readFailure(error: unknown): string {
  if (error instanceof FileRefusedError) return error.problem;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file is missing';
    case 'ELOOP':
      return 'the path is a loop of symbolic links';
    case 'EACCES':
    case 'EPERM':
      return 'the file cannot be read (permission denied)';
    case 'EISDIR':
      return 'the path is a folder, not a file';
    default:
      return `the file cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function tooLarge(path: string, maxBytes: number): FileRefusedError {
  return new FileRefusedError(path, `the file is larger than ${formatBytes(maxBytes)}, too large for what it should hold`);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}
