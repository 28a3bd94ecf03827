// Writes random fills into a file from worker threads: each worker makes its jobs' bytes and writes them at
// their positions itself, so nothing but job descriptions crosses threads. The bytes do not depend on the
// number of threads (each job is whole seeded chunks).
import { closeSync, openSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fillBytes, type RandomFill } from './random-fill.ts';

export interface FillJob {
  fill: RandomFill;
  /** first element (a multiple of FILL_CHUNK) and element count within the tensor */
  start: number;
  count: number;
  type: 'float32' | 'float16';
  /** byte position in the file */
  position: number;
}

/** Makes and writes `jobs` into the existing `file`; in this thread when `threads` ≤ 1. */
export async function writeFillsInParallel(file: string, jobs: readonly FillJob[], threads: number): Promise<void> {
  if (jobs.length === 0) return;
  if (threads <= 1) return writeFills(file, jobs);
  const shares = Array.from({ length: Math.min(threads, jobs.length) }, (_, i) => jobs.filter((_, j) => j % threads === i));
  await Promise.all(shares.map((share) => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./fill-worker.ts', import.meta.url), { workerData: { file, jobs: share } });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fill worker exited with code ${code}`))));
  })));
}

export function writeFills(file: string, jobs: readonly FillJob[]): void {
  const fd = openSync(file, 'r+');
  try {
    for (const job of jobs) writeSync(fd, fillBytes(job.fill, job.start, job.count, job.type), 0, undefined, job.position);
  } finally {
    closeSync(fd);
  }
}
