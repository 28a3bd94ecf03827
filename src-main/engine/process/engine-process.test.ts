// The real engine in a real child process, on the fixture models: what comes through the process
// is what the pipeline makes in-process, and the caller outlives cancellation and hard crashes.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureFixtureModels } from '../../../scripts/fixtures/ensure.ts';
import { DEFAULT_SETTINGS } from '../../../src-shared/domain/index.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { webGpuAdapter } from '../gpu/adapter.ts';
import { inspectModelFolder, loadModel } from '../models/index.ts';
import { generateStory } from '../pipeline/index.ts';
import type { StoryHooks, StoryRequest, StoryResult } from '../pipeline/story-types.ts';
import { EngineClient } from './engine-client.ts';
import { EngineCrashedError, EngineError } from './engine-errors.ts';
import { nodeEngineSpawner } from './node-spawn.ts';

/** What a story run shows its caller, with bytes as Buffers so in- and out-of-process runs compare equal. */
interface Observed {
  events: unknown[];
  result: unknown;
}

function observing(): { hooks: StoryHooks; events: unknown[] } {
  const events: unknown[] = [];
  const hooks: StoryHooks = {
    onProgress: (progress) => events.push({ progress: plain(progress) }),
    onFrame: (frame) => events.push({ frame: plain(frame) }),
  };
  return { hooks, events };
}

/** Uint8Arrays as Buffers, timings dropped (they differ run to run). */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'timings').map(([key, v]) => [key, plain(v)]));
  }
  return value;
}

const CRASH_MARKER = '[crash the engine]';

function pngs(result: StoryResult): Buffer[] {
  return result.frames.map((frame) => Buffer.from(frame.png));
}

describeWithShared('the engine process', () => {
  let request: StoryRequest;
  let inProcess: Observed;
  let referencePngs: Buffer[];
  let client: EngineClient;

  beforeAll(async () => {
    const { sd15 } = await ensureFixtureModels();
    request = {
      modelDir: sd15,
      identityPrompt: 'a watercolor fox',
      framePrompts: ['reading a book', 'in the snow', 'asleep under a tree', 'chasing a butterfly'],
      negativePrompt: 'blurry',
      settings: { ...DEFAULT_SETTINGS, width: 64, height: 64, steps: 2 },
    };
    const model = await loadModel(sd15, {});
    try {
      const { hooks, events } = observing();
      const result = await generateStory(model, request, hooks);
      inProcess = { events, result: plain(result) };
      referencePngs = pngs(result);
    } finally {
      await model.release();
    }
    client = new EngineClient(nodeEngineSpawner({ env: { ...process.env, ONESTORY_ENGINE_TEST_CRASH: CRASH_MARKER } }));
  });

  afterAll(() => client?.dispose());

  it('generates the same story as the pipeline in-process: byte-identical PNGs, the same events in the same order', async () => {
    const { hooks, events } = observing();
    const result = await client.generate(request, hooks);
    expect(result.frames).toHaveLength(4);
    expect(plain(result)).toEqual(inProcess.result);
    expect(events).toEqual(inProcess.events);
    const kinds = events.map((event) => Object.keys(event as object)[0]);
    expect(kinds.filter((kind) => kind === 'frame')).toHaveLength(4);
    expect(kinds[0]).toBe('progress');
  });

  it('reuses the loaded model: a story told again runs no text encoder', async () => {
    await client.generate(request);
    const again = await client.generate(request);
    expect(pngs(again)).toEqual(referencePngs);
    const encoderRuns = Object.entries(again.sessionRuns).filter(([component]) => component.startsWith('text_encoder'));
    expect(encoderRuns.length).toBeGreaterThan(0);
    expect(encoderRuns.every(([, runs]) => runs === 0)).toBe(true);
  });

  it('runs jobs sent at once one after the other, each with its own events', async () => {
    const [a, b] = [observing(), observing()];
    const results = await Promise.all([client.generate(request, a.hooks), client.generate(request, b.hooks)]);
    expect(results.map(pngs)).toEqual([referencePngs, referencePngs]);
    expect(a.events).toEqual(inProcess.events);
    expect(b.events).toEqual(inProcess.events);
  });

  it('cancels mid-job with code cancelled, and the next job works', async () => {
    const controller = new AbortController();
    const error = await client
      .generate(request, { signal: controller.signal, onProgress: () => controller.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(pngs(await client.generate(request))).toEqual(referencePngs);
  });

  it('survives a hard crash (SIGKILL) of the engine mid-job: EngineCrashedError, then a restarted engine runs the next job', async () => {
    const crashed = client.enginePid;
    const crashing = { ...request, identityPrompt: `${request.identityPrompt} ${CRASH_MARKER}` };
    const error = await client.generate(crashing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCrashedError);
    expect((error as EngineCrashedError).exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect((error as Error).message).toBe('The generation engine stopped unexpectedly (signal SIGKILL); it has been restarted. Try again.');
    expect(client.enginePid).toBeDefined();
    expect(client.enginePid).not.toBe(crashed);
    expect(pngs(await client.generate(request))).toEqual(referencePngs);
  });

  it('inspects a model folder as the models module does', async () => {
    await expect(client.inspect(request.modelDir)).resolves.toEqual(await inspectModelFolder(request.modelDir));
  });

  it('describes the WebGPU adapter as Dawn does in this process, or why there is none', async () => {
    const { adapter, reason } = await webGpuAdapter();
    await expect(client.describeDevice()).resolves.toEqual({ adapter, reason: reason ?? null });
  });

  it("reports a broken folder with the models module's message, for inspect and generate alike, and keeps serving", async () => {
    const broken = mkdtempSync(join(tmpdir(), 'onestory-broken-model-'));
    try {
      cpSync(request.modelDir, broken, { recursive: true });
      rmSync(join(broken, 'unet', 'model.onnx'));
      const expected = await inspectModelFolder(broken).then(
        () => expect.unreachable('the folder should be refused'),
        (e: Error) => e.message,
      );
      await expect(client.inspect(broken)).rejects.toMatchObject({ code: 'model', message: expected });
      await expect(client.generate({ ...request, modelDir: broken })).rejects.toMatchObject({ code: 'model', message: expected });
      expect(pngs(await client.generate(request))).toEqual(referencePngs);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
