import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src-shared/domain/index.ts';
import { deriveFrameActivity, finishedJobReport, frameStatus, jobOverview, upsertJob } from './jobs.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const job = (n: number, patch: Partial<Job>): Job => ({
  id: `00000000-0000-4000-a000-00000000000${n}`,
  projectId: id(0),
  frameIds: [id(1), id(2), id(3)],
  doneFrameIds: [],
  status: 'queued',
  createdAt: n,
  startedAt: null,
  finishedAt: null,
  progress: null,
  error: null,
  warnings: [],
  resumed: false,
  ...patch,
});

describe('jobs', () => {
  it('keeps active jobs in queue order before the latest finished ones', () => {
    let jobs = upsertJob([], job(1, { status: 'running' }));
    jobs = upsertJob(jobs, job(2, {}));
    jobs = upsertJob(jobs, job(3, { status: 'done', finishedAt: 10 }));
    jobs = upsertJob(jobs, job(1, { status: 'failed', finishedAt: 20 }));
    expect(jobs.map((j) => [j.createdAt, j.status])).toEqual([
      [2, 'queued'],
      [1, 'failed'],
      [3, 'done'],
    ]);
    expect(jobOverview(jobs)).toMatchObject({ running: null, queued: [{ createdAt: 2 }], lastFinished: { createdAt: 1 } });
  });

  it('says per frame: generating beats queued beats failed; done frames show their render', () => {
    const progress = { fraction: 0.5, frameIds: [id(2)], step: 5, totalSteps: 10, etaMs: null, secondsPerStep: null };
    const jobs = [
      job(3, { status: 'running', doneFrameIds: [id(1)], progress }),
      job(4, { frameIds: [id(3)] }),
      job(1, { status: 'failed', frameIds: [id(1), id(4)], finishedAt: 2, error: 'The engine stopped.' }),
    ];
    expect(deriveFrameActivity(jobs)).toEqual({
      [id(2)]: { status: 'generating', fraction: 0.5 },
      [id(3)]: { status: 'queued' },
      [id(4)]: { status: 'failed', error: 'The engine stopped.' },
    });
  });

  it('clears a failure once a later job renders the frame', () => {
    const jobs = [job(1, { status: 'failed', finishedAt: 1, error: 'x' }), job(2, { status: 'done', finishedAt: 2, doneFrameIds: [id(1), id(2), id(3)] })];
    expect(deriveFrameActivity(jobs)).toEqual({});
  });

  it('falls back to what the render says', () => {
    expect(frameStatus(undefined, false, false)).toBe('empty');
    expect(frameStatus(undefined, true, false)).toBe('done');
    expect(frameStatus(undefined, true, true)).toBe('stale');
    expect(frameStatus({ status: 'queued' }, true, true)).toBe('queued');
  });

  it("reports the last finished job's failure or new warnings while nothing runs, until dismissed", () => {
    const cpu = 'unet runs on the CPU: one item needs a 2.1 GB tensor, over the adapter’s 134 MB limit';
    const planned = 'Frame 3 is cut to fit the window.';
    const failed = job(1, { status: 'failed', finishedAt: 1, error: 'The engine stopped.' });
    const warned = job(2, { status: 'done', finishedAt: 2, warnings: [planned, cpu] });
    expect(finishedJobReport([failed], null, [])).toEqual({ job: failed, warnings: [] });
    expect(finishedJobReport([warned, failed], null, [planned])).toEqual({ job: warned, warnings: [cpu] });
    // what the story panel shows already is not told twice; a clean run tells nothing
    expect(finishedJobReport([warned], null, [planned, cpu])).toBeNull();
    expect(finishedJobReport([job(3, { status: 'done', finishedAt: 3 })], null, [])).toBeNull();
    expect(finishedJobReport([warned], warned.id, [])).toBeNull();
    expect(finishedJobReport([job(4, { status: 'queued' }), warned], null, [])).toBeNull();
  });
});
