// The library, its models and its exports are the user's alone: folders Onestory creates are 0700 and the library's
// files 0600 where the OS has POSIX modes (Windows keeps its ACLs; chmod there only toggles read-only).
import { chmodSync } from 'node:fs';

/** For mkdir: applies to every folder a recursive mkdir creates, never to one that exists already. */
export const PRIVATE_DIR_MODE = 0o700;

const PRIVATE_FILE_MODE = 0o600;

/** Makes the files that exist among `paths` readable by their owner only; one not ours to change keeps its mode. */
export function restrictFiles(paths: string[]): void {
  if (process.platform === 'win32') return;
  for (const path of paths) {
    try {
      chmodSync(path, PRIVATE_FILE_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw error;
    }
  }
}
