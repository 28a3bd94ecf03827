// Downloads of models from the Hugging Face Hub: planned (size, free space), fetched file by file with resumable
// partial files, verified, validated by the engine, and only then added to the library.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { Download, DownloadPlan, DownloadStatus } from '../../../src-shared/domain/index.ts';
import type { StoredDownload, StoredDownloadFile } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import { freeBytesAt } from '../files/disk.ts';
import { Throttle } from '../jobs/throttle.ts';
import type { ModelLibrary } from '../models/model-library.ts';
import type { SecretStore } from '../secrets.ts';
import { describeFailure } from './describe-failure.ts';
import { fetchFiles, fileTarget, onDisk, receivedBytes, type FetchHooks, type FilePhase } from './download-files.ts';
import type { Hub } from './hub.ts';
import { RETRY_DELAYS_MS, retryNetworkErrors } from './retry.ts';
import { selectFiles } from './select-files.ts';
import { TransferRate } from './transfer-rate.ts';
import { formatBytes } from '../../../src-shared/format/quantities.ts';
import { isOtherLiveProcess } from '../files/process-alive.ts';

/** The secret store's key for the Hugging Face access token. */
export const HUB_TOKEN_SECRET = 'huggingface-token';
/** Progress goes out at most this often per download; status changes at once. */
const PROGRESS_INTERVAL_MS = 250;

export interface DownloadRequest {
  repo: string;
  revision?: string;
  files?: string[];
  token?: string;
  name?: string;
}

interface Transfer {
  controller: AbortController;
  /** settles when the transfer has stopped, however it ended */
  finished: Promise<void>;
  /** settles once the transfer has started, or a resume has given it up before starting it */
  launched: Promise<void>;
  current: { path: string; phase: FilePhase } | null;
  rate: TransferRate;
  throttle: Throttle;
}

export interface DownloadManagerDeps {
  ctx: ServiceContext;
  library: ModelLibrary;
  hub: Hub;
  secrets: SecretStore;
  /** the waits before retrying a dropped connection; default 1 s, 2 s, 4 s */
  retryDelaysMs?: readonly number[];
}

export class DownloadManager {
  readonly #ctx: ServiceContext;
  readonly #library: ModelLibrary;
  readonly #hub: Hub;
  readonly #secrets: SecretStore;
  readonly #retryDelaysMs: readonly number[];
  readonly #transfers = new Map<string, Transfer>();

  constructor(deps: DownloadManagerDeps) {
    this.#ctx = deps.ctx;
    this.#library = deps.library;
    this.#hub = deps.hub;
    this.#secrets = deps.secrets;
    this.#retryDelaysMs = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.#recoverInterrupted();
  }

  list(): Download[] {
    return this.#ctx.store.downloads.list().map((d) => this.#view(d));
  }

  async plan(request: DownloadRequest): Promise<DownloadPlan> {
    return (await this.#prepare(request)).plan;
  }

  /** Starts a download, or resumes the unfinished one of the same files. Refused before anything is written when the disk is too full. */
  async start(request: DownloadRequest): Promise<Download> {
    const { plan, files, unfinished } = await this.#prepare(request);
    // Kept once the Hub has taken it, for resuming and later downloads.
    if (request.token) await this.#secrets.set(HUB_TOKEN_SECRET, request.token);
    if (unfinished) return this.resume(unfinished.id);
    requireSpace(plan.neededBytes, plan.freeBytes, this.#library.modelsDir);
    const id = randomUUID();
    const t = this.#ctx.now();
    const download: StoredDownload = {
      id,
      repo: plan.repo,
      revision: plan.revision,
      commit: plan.commit,
      name: request.name ?? null,
      dir: join(this.#library.modelsDir, '.downloads', id),
      files,
      status: 'downloading',
      error: null,
      modelId: null,
      ownerPid: process.pid,
      createdAt: t,
      updatedAt: t,
    };
    for (const file of files) fileTarget(download.dir, file);
    this.#ctx.store.downloads.insert(download);
    return this.#launch(download, this.#reserve(id));
  }

  async resume(id: string): Promise<Download> {
    const download = this.#require(id);
    const running = this.#transfers.get(id);
    if (running) {
      // Another resume may still be checking the space: answer with what it decided.
      await running.launched;
      return this.#view(this.#require(id));
    }
    if (download.status !== 'paused' && download.status !== 'failed') {
      throw new ApiError('conflict', `The download of ${download.repo} is ${download.status}; only a paused or failed download can be resumed`);
    }
    // The slot is taken before the space check awaits, so that a second resume meanwhile starts nothing.
    const transfer = this.#reserve(id);
    const launching = this.#launchWhenRoom(download, transfer);
    transfer.launched = launching.then(
      () => undefined,
      () => undefined,
    );
    return launching;
  }

  async pause(id: string): Promise<Download> {
    const stopped = await this.#stop(id);
    const download = this.#require(id);
    if (download.status === 'downloading' || download.status === 'verifying') return this.#setStatus(download, 'paused', null);
    if (download.status === 'paused' || download.status === 'failed') return this.#view(download);
    // The library took the model while the pause waited for the transfer to stop: it is done, not paused.
    if (download.status === 'done' && stopped) return this.#view(download);
    throw new ApiError('conflict', `The download of ${download.repo} is ${download.status}; there is nothing to pause`);
  }

  async cancel(id: string): Promise<Download> {
    await this.#stop(id);
    const download = this.#require(id);
    if (download.status === 'done') throw new ApiError('conflict', `The download of ${download.repo} is finished; remove the model from the library instead`);
    if (download.status === 'cancelled') return this.#view(download);
    await rm(download.dir, { recursive: true, force: true });
    return this.#setStatus(download, 'cancelled', null);
  }

  /** Stops every transfer, keeping its partial files: each download is paused and resumes later. */
  async close(): Promise<void> {
    await Promise.all([...this.#transfers.keys()].map((id) => this.pause(id)));
  }

  async #prepare(request: DownloadRequest): Promise<{ plan: DownloadPlan; files: StoredDownloadFile[]; unfinished?: StoredDownload }> {
    const revision = request.revision ?? 'main';
    const token = request.token ?? (await this.#secrets.get(HUB_TOKEN_SECRET));
    const snapshot = await this.#hub.snapshot(request.repo, revision, token);
    const selected = selectFiles(snapshot.files, request.files, `${request.repo}@${revision}`);
    const unfinished = this.#unfinished(request.repo, revision, selected);
    const files = unfinished?.files ?? selected;
    const received = unfinished ? receivedBytes(unfinished) : 0;
    const total = totalBytes(files);
    const freeBytes = await freeBytesAt(this.#library.modelsDir);
    const plan: DownloadPlan = {
      repo: request.repo,
      revision,
      commit: unfinished?.commit ?? snapshot.commit,
      files: files.map(({ path, sizeBytes, sha256 }) => ({ path, sizeBytes, sha256 })),
      totalBytes: total,
      neededBytes: total - received,
      freeBytes,
      enoughSpace: total - received <= freeBytes,
      modelsDir: this.#library.modelsDir,
    };
    return { plan, files, unfinished };
  }

  /** A paused, failed or running download of the same files from the same repository and revision. */
  #unfinished(repo: string, revision: string, files: readonly StoredDownloadFile[]): StoredDownload | undefined {
    const paths = files.map((f) => f.path).sort().join('\n');
    return this.#ctx.store.downloads
      .list()
      .find(
        (d) =>
          d.repo === repo &&
          d.revision === revision &&
          (d.status === 'paused' || d.status === 'failed' || this.#transfers.has(d.id)) &&
          d.files.map((f) => f.path).sort().join('\n') === paths,
      );
  }

  /** Takes the download's place among the running transfers; #launch starts it (stopping it before then aborts it). */
  #reserve(id: string): Transfer {
    const transfer: Transfer = {
      controller: new AbortController(),
      finished: Promise.resolve(),
      launched: Promise.resolve(),
      current: null,
      rate: new TransferRate(),
      throttle: new Throttle(PROGRESS_INTERVAL_MS, () => this.#emitProgress(id)),
    };
    this.#transfers.set(id, transfer);
    return transfer;
  }

  /** Launches the reserved transfer if the disk has room for the rest; a pause or cancel meanwhile wins. */
  async #launchWhenRoom(download: StoredDownload, transfer: Transfer): Promise<Download> {
    try {
      const free = await freeBytesAt(download.dir);
      // Read again: a pause or cancel meanwhile changed it.
      const current = this.#require(download.id);
      if (transfer.controller.signal.aborted) {
        this.#transfers.delete(download.id);
        return this.#view(current);
      }
      requireSpace(totalBytes(current.files) - receivedBytes(current), free, this.#library.modelsDir);
      return this.#launch(current, transfer);
    } catch (error) {
      this.#transfers.delete(download.id);
      throw error;
    }
  }

  #launch(download: StoredDownload, transfer: Transfer): Download {
    const { signal } = transfer.controller;
    const view = this.#setStatus(download, 'downloading', null);
    transfer.finished = this.#run(download, transfer)
      .then(
        (modelId) => this.#end(download.id, 'done', null, modelId),
        (error: unknown) => (signal.aborted ? this.#end(download.id) : this.#end(download.id, 'failed', describeFailure(error, download))),
      )
      // Nothing awaits a transfer that ends on its own, so a failure to record its end would be an unhandled rejection.
      .catch((error: unknown) => console.error(`[onestory] recording the end of the download of ${download.repo} (${download.id}) failed:`, error));
    return view;
  }

  /** Fetches and verifies every file, then hands the folder to the library; resolves with the model's id. */
  async #run(download: StoredDownload, transfer: Transfer): Promise<string> {
    const token = await this.#secrets.get(HUB_TOKEN_SECRET);
    const { signal } = transfer.controller;
    const hooks: FetchHooks = {
      signal,
      onProgress: (path, _bytes, phase) => {
        transfer.current = { path, phase };
        transfer.throttle.request();
      },
    };
    await retryNetworkErrors(() => fetchFiles(this.#hub, download, token, hooks), { delaysMs: this.#retryDelaysMs, signal, progress: () => receivedBytes(download) });
    transfer.current = null;
    this.#setStatus(download, 'verifying', null);
    try {
      const model = await this.#library.adopt(download.dir, modelName(download), download.repo);
      return model.id;
    } catch (error) {
      // Every file is the Hub's own, so fetching them again would give the same folder: nothing is kept.
      if (error instanceof ApiError && error.code === 'invalid_input') {
        await rm(download.dir, { recursive: true, force: true });
        throw new ApiError('invalid_input', `${error.message}. The downloaded files were deleted.`);
      }
      throw error;
    }
  }

  /** A transfer has stopped: it leaves the running set, then its outcome (if it decided one) is recorded. */
  #end(id: string, status?: DownloadStatus, error: string | null = null, modelId: string | null = null): void {
    const transfer = this.#transfers.get(id);
    transfer?.throttle.cancel();
    this.#transfers.delete(id);
    if (status) this.#setStatus(this.#require(id), status, error, modelId);
  }

  /** Aborts the download's transfer and waits for it to end; whether there was one. */
  async #stop(id: string): Promise<boolean> {
    const transfer = this.#transfers.get(id);
    if (!transfer) return false;
    transfer.controller.abort();
    await transfer.finished;
    return true;
  }

  /** Downloads left running by a process that is gone (Onestory quit or was killed) are paused, to be resumed. */
  #recoverInterrupted(): void {
    for (const download of this.#ctx.store.downloads.list()) {
      const running = download.status === 'downloading' || download.status === 'verifying';
      if (running && !isOtherLiveProcess(download.ownerPid)) this.#setStatus(download, 'paused', null);
    }
  }

  #setStatus(download: StoredDownload, status: DownloadStatus, error: string | null, modelId = download.modelId): Download {
    const running = status === 'downloading' || status === 'verifying';
    const next: StoredDownload = { ...download, status, error, modelId, ownerPid: running ? process.pid : null, updatedAt: this.#ctx.now() };
    this.#ctx.store.downloads.update(next);
    return this.#emit(next);
  }

  /** Progress, also from the throttle's timer: a failure is logged, since nothing there would catch it. */
  #emitProgress(id: string): void {
    try {
      this.#emit(this.#require(id));
    } catch (error) {
      console.error(`[onestory] reporting the progress of download ${id} failed:`, error);
    }
  }

  #emit(download: StoredDownload): Download {
    const view = this.#view(download);
    this.#ctx.events.emit('download.updated', view);
    return view;
  }

  #view(download: StoredDownload): Download {
    const transfer = this.#transfers.get(download.id);
    const files = download.files.map((file) => {
      const disk = download.status === 'done' ? { bytes: file.sizeBytes, done: true } : download.status === 'cancelled' ? { bytes: 0, done: false } : onDisk(download.dir, file);
      const active = transfer?.current?.path === file.path ? transfer.current.phase : 'pending';
      return { path: file.path, sizeBytes: file.sizeBytes, receivedBytes: disk.bytes, sha256: file.sha256, status: disk.done ? 'done' : active } as const;
    });
    const total = totalBytes(download.files);
    const received = files.reduce((sum, f) => sum + f.receivedBytes, 0);
    const moving = transfer !== undefined && download.status === 'downloading';
    if (moving) transfer.rate.add(received);
    return {
      id: download.id,
      repo: download.repo,
      revision: download.revision,
      commit: download.commit,
      name: modelName(download),
      files,
      totalBytes: total,
      receivedBytes: received,
      bytesPerSecond: moving ? transfer.rate.bytesPerSecond() : null,
      etaSeconds: moving ? transfer.rate.etaSeconds(total - received) : null,
      status: download.status,
      error: download.error,
      modelId: download.modelId,
      createdAt: download.createdAt,
      updatedAt: download.updatedAt,
    };
  }

  #require(id: string): StoredDownload {
    const download = this.#ctx.store.downloads.get(id);
    if (!download) throw new ApiError('not_found', `Download ${id} not found`);
    return download;
  }
}

/** The name asked for, else the repository's own. */
function modelName(download: StoredDownload): string {
  return download.name ?? download.repo.split('/')[1];
}

function totalBytes(files: readonly StoredDownloadFile[]): number {
  return files.reduce((sum, f) => sum + f.sizeBytes, 0);
}

function requireSpace(needed: number, free: number, modelsDir: string): void {
  if (needed > free) {
    throw new ApiError(
      'unavailable',
      `Not enough disk space: the download needs ${formatBytes(needed)} more, and ${modelsDir} has ${formatBytes(free)} free. Free some space, or choose another models folder.`,
    );
  }
}
