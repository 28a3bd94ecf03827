// Jobs survive kill -9 of browser mode, the process that owns the library and starts the engine: killed while a
// 6-frame job runs with another queued, then started again on the same library, it finishes both by itself,
// renders no frame twice, and leaves a sound database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensureFixtureModels } from '../../../scripts/fixtures/ensure.ts';
import type { Job } from '../../../src-shared/domain/index.ts';
import { openStore } from '../../store/index.ts';
import { describeWithShared } from '../../../test-support/shared.ts';

const SERVE = join(import.meta.dirname, 'serve.ts');
const TOKEN = 'kill-test-token';
/** A few tenths of a second per frame on the fixture model, one frame per batch: the kill lands between stored frames. */
const SETTINGS = { steps: 8, width: 256, height: 256 };

const dir = mkdtempSync(join(tmpdir(), 'onestory-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Browser mode as `npm run serve` starts it, on a free port, with the library in `dir`. */
async function startServe() {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--data-dir', dir, '--token', TOKEN, '--renderer-dir', join(dir, 'no-renderer')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ONESTORY_ENGINE_TEST_BATCH_SIZE: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = /127\.0\.0\.1:(\d+)\//.exec(stdout);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`serve.ts exited early: ${stderr}`)));
  });
  const call = async <T,>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(body)}`);
    return body as T;
  };
  return {
    call,
    jobs: () => call<Job[]>('jobs.list', {}),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls until `ready` gives a value (the server has no push channel that a plain test client reads as easily). */
async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithShared('kill -9 of browser mode', () => {
  it('finishes the running and the queued job after a restart, rendering no frame twice', { timeout: 300_000 }, async () => {
    const { sd15 } = await ensureFixtureModels();
    const first = await startServe();
    const model = await first.call<{ id: string }>('models.register', { path: sd15 });
    const story = async (frames: number) => {
      const project = await first.call<{ id: string }>('projects.create', { name: `${frames} frames`, identityPrompt: 'a watercolor fox', modelId: model.id, settings: SETTINGS });
      for (let i = 0; i < frames; i++) await first.call('frames.add', { projectId: project.id, prompt: `scene ${i + 1}` });
      return project.id;
    };
    const [six, three] = [await story(6), await story(3)];
    const running = await first.call<Job>('jobs.generate', { projectId: six });
    const queued = await first.call<Job>('jobs.generate', { projectId: three });

    // Killed once the running job has stored its first frame: the engine is busy with the next one.
    await poll(async () => {
      const job = (await first.jobs()).find((j) => j.id === running.id)!;
      expect(job.status).toBe('running');
      return job.doneFrameIds.length > 0 ? true : undefined;
    }, 'a stored frame');
    await first.kill9();

    const library = openStore(join(dir, 'library.sqlite'));
    const left = library.jobs.get(running.id)!;
    expect(left.status).toBe('running');
    expect(library.jobs.get(queued.id)!.status).toBe('queued');
    const storedBefore = new Map(left.doneFrameIds.map((id) => [id, library.frames.get(id)!.currentRenderId]));
    expect(storedBefore.size).toBeGreaterThan(0);
    expect(storedBefore.size).toBeLessThan(6);
    library.close();

    // Started again on the same library: nobody asks for anything.
    const second = await startServe();
    const [resumedRunning, resumedQueued] = await second.jobs();
    expect(resumedRunning).toMatchObject({ id: running.id, resumed: true, doneFrameIds: left.doneFrameIds });
    expect(resumedQueued).toMatchObject({ id: queued.id, resumed: true });
    const finished = await poll(async () => {
      const jobs = await second.jobs();
      return jobs.every((j) => j.status === 'done') ? jobs : undefined;
    }, 'both jobs to finish');
    expect(finished.map((j) => j.id).sort()).toEqual([running.id, queued.id].sort());
    await second.stop();

    const after = openStore(join(dir, 'library.sqlite'));
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.db.pragma('foreign_key_check')).toEqual([]);
    for (const projectId of [six, three]) {
      const frames = after.frames.listByProject(projectId);
      // One render per frame: each was rendered, and stored, exactly once.
      expect(frames.map((f) => after.renders.listByFrame(f.id).length)).toEqual(frames.map(() => 1));
    }
    for (const [frameId, renderId] of storedBefore) expect(after.frames.get(frameId)!.currentRenderId).toBe(renderId);
    expect(after.jobs.get(running.id)).toMatchObject({ status: 'done', ownerPid: null });
    after.close();
  });
});
