// Where files wait while this process works on them (a project file being imported, an upload, an export not yet
// handed over): a folder of its own under <data folder>/staging, named by pid and start time, so that the next
// process to start removes what a crashed one left there, and never what a live one is using.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';
import { isRunning } from './process-alive.ts';

/** `<pid>-<start>`: start tells a process from a later one given the same pid. */
const FOLDER = /^(\d+)-(\d+)$/;
/** Where the start time cannot be read: the pid alone decides (a reused pid keeps a folder until that process ends). */
const START_UNKNOWN = '0';

/**
 * When pid started, as a token that never changes while it runs; undefined when no such process runs.
 * Linux: clock ticks from boot to the start (field 22 of /proc/<pid>/stat, after the parenthesised name).
 */
export function processStart(pid: number): string | undefined {
  if (process.platform !== 'linux') return isRunning(pid) ? START_UNKNOWN : undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export class ProcessStaging {
  readonly #root: string;
  /** this process's folder; made on first use */
  readonly folder: string;

  /** root: the folder every process keeps its staging under */
  constructor(root: string) {
    this.#root = root;
    this.folder = join(root, `${process.pid}-${processStart(process.pid) ?? START_UNKNOWN}`);
  }

  /** Removes the folders of processes that no longer run. Synchronous: a start is clean before it does anything else. */
  sweep(): void {
    let names: string[];
    try {
      names = readdirSync(this.#root);
    } catch {
      return; // none yet
    }
    for (const name of names) {
      const [, pid, start] = FOLDER.exec(name) ?? [];
      if (pid !== undefined && join(this.#root, name) !== this.folder && processStart(Number(pid)) !== start) {
        rmSync(join(this.#root, name), { recursive: true, force: true });
      }
    }
  }

  /** This process's folder (private), made now if need be. */
  async ensure(): Promise<string> {
    await mkdir(this.folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    return this.folder;
  }

  /** Everything this process staged goes. */
  async close(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
