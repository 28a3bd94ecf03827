// The files exports.create writes. They wait in this run's own folder under <data dir>/exports until a
// transport has handed them to the user (browser download, Electron save dialog), for a limited time, and go
// with the run.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../export/index.ts';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';
import { isRunning } from '../files/process-alive.ts';
import { withApiErrors } from './api-errors.ts';

export interface ExportFile {
  path: string;
  /** what the user's copy should be called */
  fileName: string;
}

/** `run-<pid>-<random>`: the pid tells a later run whether the folder's owner is still alive. */
const RUN_FOLDER = /^run-(\d+)-[0-9a-f]+$/;

/**
 * How long an export waits to be handed over. A dialog closed before saving, or a download that never
 * started, would otherwise keep the file for as long as a (long-running) browser-mode server lives.
 */
export const EXPORT_KEPT_MS = 10 * 60_000;

export class ExportFiles {
  readonly #root: string;
  readonly #run: string;
  readonly #files = new Map<string, ExportFile>();
  readonly #expiry = new Map<string, NodeJS.Timeout>();
  readonly #keptMs: number;
  #ready: Promise<void> | undefined;

  /** root: the folder every run keeps its exports under */
  constructor(root: string, keptMs = EXPORT_KEPT_MS) {
    this.#root = root;
    this.#keptMs = keptMs;
    this.#run = join(root, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  }

  /** A new export's id and where to write its file; `add` it once written. */
  async reserve(): Promise<{ exportId: string; path: string }> {
    await this.#prepare();
    const exportId = randomUUID();
    return { exportId, path: join(this.#run, exportId) };
  }

  add(exportId: string, file: ExportFile): void {
    this.#files.set(exportId, file);
    // unref: a waiting export never keeps the process alive.
    this.#expiry.set(exportId, setTimeout(() => void this.discard(exportId).catch(() => undefined), this.#keptMs).unref());
  }

  /** An export of this run, or undefined (unknown, from another run, or handed over already). */
  find(exportId: string): ExportFile | undefined {
    return this.#files.get(exportId);
  }

  /** Copies the file to where the user chose (whole or not at all), then lets it go; false for an unknown export. */
  async saveTo(exportId: string, destination: string): Promise<boolean> {
    const file = this.#files.get(exportId);
    if (!file) return false;
    await withApiErrors(() => writeFileAtomically(destination, (temp) => copyFile(file.path, temp)));
    await this.discard(exportId);
    return true;
  }

  /** The user has the file, or never will: it is deleted. */
  async discard(exportId: string): Promise<void> {
    const file = this.#files.get(exportId);
    this.#files.delete(exportId);
    clearTimeout(this.#expiry.get(exportId));
    this.#expiry.delete(exportId);
    await rm(file?.path ?? join(this.#run, exportId), { force: true });
  }

  /** A fresh empty folder in this run's folder, for an upload to wait in; the caller removes it. */
  async stagingFolder(): Promise<string> {
    await this.#prepare();
    return mkdtemp(join(this.#run, 'upload-'));
  }

  /** Everything this run exported and did not hand over goes. */
  async close(): Promise<void> {
    this.#files.clear();
    for (const timer of this.#expiry.values()) clearTimeout(timer);
    this.#expiry.clear();
    if (this.#ready) await rm(this.#run, { recursive: true, force: true });
  }

  /** Made on first use, so a run that never exports (the CLI) touches nothing; clears what dead runs left. */
  #prepare(): Promise<void> {
    // A failure (an unwritable data folder) is reported now and tried again next time.
    this.#ready ??= this.#create().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #create(): Promise<void> {
    await mkdir(this.#run, { recursive: true, mode: PRIVATE_DIR_MODE });
    const leftovers = (await readdir(this.#root)).filter((name) => {
      const pid = RUN_FOLDER.exec(name)?.[1];
      return pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid));
    });
    await Promise.all(leftovers.map((name) => rm(join(this.#root, name), { recursive: true, force: true })));
  }
}
