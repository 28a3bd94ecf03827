// The files exports.create writes. They wait in a folder of this process's staging (see files/staging.ts) until a
// transport has handed them to the user (browser download, Electron save dialog), for a limited time, and go
// with the process; what a crashed one left is swept at the next start.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../export/index.ts';
import { PRIVATE_DIR_MODE } from '../../config/private-files.ts';
import { withApiErrors } from './api-errors.ts';

export interface ExportFile {
  path: string;
  /** what the user's copy should be called */
  fileName: string;
}

/**
 * How long an export waits to be handed over. A dialog closed before saving, or a download that never
 * started, would otherwise keep the file for as long as a (long-running) browser-mode server lives.
 */
export const EXPORT_KEPT_MS = 10 * 60_000;

export class ExportFiles {
  readonly #run: string;
  readonly #files = new Map<string, ExportFile>();
  readonly #expiry = new Map<string, NodeJS.Timeout>();
  readonly #keptMs: number;

  /** run: this process's own folder for them (made on first use, removed on close) */
  constructor(run: string, keptMs = EXPORT_KEPT_MS) {
    this.#run = run;
    this.#keptMs = keptMs;
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
    await rm(this.#run, { recursive: true, force: true });
  }

  /** Made on first use (again if it failed, or was removed), so a run that never exports (the CLI) touches nothing. */
  async #prepare(): Promise<void> {
    await mkdir(this.#run, { recursive: true, mode: PRIVATE_DIR_MODE });
  }
}
