// Worker thread of fill-pool.ts: writes its share of the jobs, then exits.
import { workerData } from 'node:worker_threads';
import { writeFills, type FillJob } from './fill-pool.ts';

const { file, jobs } = workerData as { file: string; jobs: FillJob[] };
writeFills(file, jobs);
