// Jobs across a restart, on real SQLite and the real engine with the fixture model: the library is left as a
// process that ended unexpectedly leaves it (its jobs' rows written as that process writes them, owned by a
// process that is gone), then a backend that takes over such jobs opens it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi, type MockInstance } from 'vitest';
import type { Job } from '../../src-shared/domain/index.ts';
import { openStore, type Store, type StoredJob } from '../store/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { openTestBackend, type TestBackend } from './backend.testing.ts';

const PROMPTS = ['reading a book', 'in the snow', 'asleep under a tree', 'chasing a butterfly', 'by the river', 'at the fire'];

/** The id of a process that has ended: what a killed Onestory leaves as its jobs' owner. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

describeWithShared('jobs after a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onestory-restart-'));
  let resumed: TestBackend;
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)']);
  /** the rows as the ended process left them, by role */
  const rows: Record<string, StoredJob> = {};
  const stories: Record<string, string[]> = {};
  let warn: MockInstance<typeof console.warn>;
  /** console.warn's lines while the backend took over the jobs (kept here: mocks' calls are cleared before each test) */
  const warnings: string[] = [];

  beforeAll(async () => {
    // A first run: three stories, each generated once, so that every frame has one render.
    const first = await openTestBackend({ dir });
    const model = await first.call('models.register', { path: first.fixtures.sd15 });
    const finished: Record<string, Job> = {};
    for (const name of ['interrupted', 'waiting', 'deleted', 'shrunk']) {
      const project = await first.call('projects.create', { name, identityPrompt: 'a watercolor fox', modelId: model.id, settings: { steps: 4 } });
      for (const prompt of PROMPTS.slice(0, name === 'interrupted' ? 6 : 3)) await first.call('frames.add', { projectId: project.id, prompt });
      finished[name] = await first.finished((await first.call('jobs.generate', { projectId: project.id })).id);
      expect(finished[name]).toMatchObject({ status: 'done', resumed: false });
      stories[name] = finished[name].frameIds;
    }
    const store = first.backend.store;
    const saved = (job: Job) => store.jobs.get(job.id)!;
    // Each finished job is saved as it ended, its snapshot with it.
    expect(saved(finished.interrupted)).toMatchObject({ status: 'done', doneFrameIds: finished.interrupted.doneFrameIds, ownerPid: null, resumed: false });
    await first.call('projects.delete', { id: finished.deleted.projectId });
    for (const frameId of stories.shrunk.slice(1)) await first.call('frames.delete', { id: frameId });
    await first.close();

    // What the ended process left: a job running with two frames stored, one queued behind it, and others.
    const library = openStore(join(dir, 'library.sqlite'));
    const pid = deadPid();
    const at = Date.now();
    const row = (name: string, source: Job, patch: Partial<StoredJob>) => {
      const stored = { ...library.jobs.get(source.id)!, id: crypto.randomUUID(), createdAt: at + Object.keys(rows).length, ownerPid: pid, finishedAt: null, ...patch };
      library.jobs.insert(stored);
      rows[name] = stored;
    };
    row('running', finished.interrupted, { status: 'running', startedAt: at, doneFrameIds: stories.interrupted.slice(0, 2) });
    row('queued', finished.waiting, { status: 'queued', doneFrameIds: [] });
    row('cancelled', finished.waiting, { status: 'cancelled', doneFrameIds: [], finishedAt: at, error: 'Cancelled by you.', ownerPid: null });
    row('done', finished.waiting, { status: 'done', finishedAt: at, ownerPid: null });
    row('ofDeletedStory', finished.deleted, { status: 'queued', doneFrameIds: [] });
    row('corrupt', finished.waiting, { status: 'queued', doneFrameIds: [], snapshot: '{"projectId": 7}' });
    row('ownedByLiveProcess', finished.waiting, { status: 'queued', doneFrameIds: [], ownerPid: live.pid! });
    row('someFramesDeleted', finished.shrunk, { status: 'queued', doneFrameIds: [] });
    row('framesLeftDeleted', finished.shrunk, { status: 'running', startedAt: at, doneFrameIds: stories.shrunk.slice(0, 1) });
    library.close();

    warn = vi.spyOn(console, 'warn');
    resumed = await openTestBackend({ dir, resumeJobs: true });
    warnings.push(...warn.mock.calls.map((args) => args.join(' ')));
  }, 120_000);

  afterAll(async () => {
    await resumed?.close();
    live.kill();
    rmSync(dir, { recursive: true, force: true });
    warn.mockRestore();
  });

  const renderCounts = (store: Store, frameIds: string[]) => frameIds.map((id) => store.renders.listByFrame(id).length);

  it('runs the interrupted job for its frames not stored, then the queued one; jobs.list reports both as resumed', async () => {
    const listed = await resumed.call('jobs.list', {});
    expect(listed.map((j) => [j.id, j.resumed])).toEqual([
      [rows.running.id, true],
      [rows.queued.id, true],
      [rows.someFramesDeleted.id, true],
    ]);
    expect(listed[0]).toMatchObject({ frameIds: stories.interrupted, doneFrameIds: stories.interrupted.slice(0, 2) });

    const running = await resumed.finished(rows.running.id);
    expect(running).toMatchObject({ status: 'done', error: null, resumed: true });
    expect(running.doneFrameIds).toEqual(stories.interrupted.slice(0, 2).concat(running.doneFrameIds.slice(2)));
    expect(new Set(running.doneFrameIds)).toEqual(new Set(stories.interrupted));
    // Frames stored before the exit are kept and not rendered again; the four others got one render each.
    expect(renderCounts(resumed.backend.store, stories.interrupted)).toEqual([1, 1, 2, 2, 2, 2]);
    expect(await resumed.finished(rows.queued.id)).toMatchObject({ status: 'done', resumed: true });
    expect(renderCounts(resumed.backend.store, stories.waiting)).toEqual([2, 2, 2]);
    // Frames deleted meanwhile are no longer the job's; the one left is rendered.
    expect(await resumed.finished(rows.someFramesDeleted.id)).toMatchObject({ status: 'done', frameIds: stories.shrunk.slice(0, 1) });
    expect(renderCounts(resumed.backend.store, stories.shrunk.slice(0, 1))).toEqual([2]);

    // One at a time, in their first order (the interrupted one started while the backend opened, before the test listened).
    const name = (id: string) => Object.keys(rows).find((key) => rows[key].id === id);
    const transitions = resumed.emitted('job.updated', (j) => j.status !== 'queued').map((j) => `${name(j.id)} ${j.status}`);
    expect(transitions.filter((s, i, all) => s !== all[i - 1] && s !== 'running running')).toEqual([
      'running done',
      'queued running',
      'queued done',
      'someFramesDeleted running',
      'someFramesDeleted done',
    ]);
    expect(resumed.backend.store.jobs.get(rows.running.id)).toMatchObject({ status: 'done', ownerPid: null, resumed: true });
  });

  it('leaves finished jobs as they ended and jobs of a live process to it', () => {
    const { jobs } = resumed.backend.store;
    const unchanged = (row: StoredJob) => expect(jobs.get(row.id)).toEqual(row);
    unchanged(rows.cancelled);
    unchanged(rows.done);
    unchanged(rows.ownedByLiveProcess);
  });

  it('drops a job of a deleted story or whose frames left were deleted with a log line, and fails a job it cannot read with the reason', () => {
    const { jobs } = resumed.backend.store;
    expect(jobs.get(rows.ofDeletedStory.id)).toBeUndefined();
    expect(warnings).toContain(`[onestory] dropping interrupted job ${rows.ofDeletedStory.id}: its story was deleted`);
    expect(jobs.get(rows.framesLeftDeleted.id)).toBeUndefined();
    expect(warnings).toContain(`[onestory] dropping interrupted job ${rows.framesLeftDeleted.id}: the frames it had left were deleted`);
    expect(jobs.get(rows.corrupt.id)).toMatchObject({
      status: 'failed',
      ownerPid: null,
      error: 'This job could not be read back after Onestory restarted (its record is damaged or from another version); generate its frames again.',
    });
    expect(jobs.listActiveIds()).toEqual([rows.ownedByLiveProcess.id]);
  });
});
