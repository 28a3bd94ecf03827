// The execution provider: what onnxruntime-node offers here, the user's choice (kept in the library), the WebGPU
// adapter, where the last job ran and how each component's batches went, and a real fallback to CPU reported to the
// user. Real engine process, real fixture models, real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { writeFixtureVariant } from '../../scripts/fixtures/ensure.ts';
import { bufferLimitBytes, PROVIDER_CHOICES, type Hardware, type SettingsPatch } from '../../src-shared/domain/index.ts';
import { webGpuAdapter } from '../engine/gpu/adapter.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { describeWithWebGpu } from '../../test-support/webgpu.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

/** Generates a one-frame story and returns the finished job. */
async function runJob(t: TestBackend, prompt: string, modelPath = t.fixtures.sd15, settings: SettingsPatch = {}) {
  const models = await t.call('models.list', {});
  const model = models.find((m) => m.path === modelPath) ?? (await t.call('models.register', { path: modelPath }));
  const project = await t.call('projects.create', { name: prompt, identityPrompt: 'a red fox', modelId: model.id });
  await t.call('projects.update', { id: project.id, patch: { settings } });
  await t.call('frames.add', { projectId: project.id, prompt });
  const job = await t.finished((await t.call('jobs.generate', { projectId: project.id })).id);
  expect(job.status, job.error ?? '').toBe('done');
  return job;
}

describeWithShared('hardware: the execution provider', () => {
  let t: TestBackend;
  let hardware: Hardware;

  beforeAll(async () => {
    t = await openTestBackend();
    hardware = await t.call('hardware.get', {});
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.events.length = 0;
  });

  it('lists the providers onnxruntime-node offers here, with CPU always among them; auto is chosen and nothing has run', () => {
    expect(hardware.providers).toContainEqual({ name: 'cpu', label: 'CPU', bundled: true, installed: true });
    expect(new Set(hardware.providers.map((p) => p.name)).size).toBe(hardware.providers.length);
    expect(hardware).toMatchObject({ chosen: 'auto', inUse: null, fallbackReason: null, device: null, lastCalls: {} });
  });

  it('describes the WebGPU adapter as the engine process sees it, where WebGPU is offered', async () => {
    if (!hardware.providers.some((p) => p.name === 'webgpu')) return expect(hardware.webGpu).toBeNull();
    const { adapter, reason } = await webGpuAdapter();
    expect(hardware.webGpu).toEqual({ adapter, reason: reason ?? null });
  });

  it('reads the last run as an earlier version stored it, without device or calls', async () => {
    t.backend.store.db.prepare("INSERT INTO settings (key, value) VALUES ('lastRun', ?)").run(JSON.stringify({ provider: 'cpu', fallbackReason: 'CUDA could not start.' }));
    expect(await t.call('hardware.get', {})).toMatchObject({ inUse: 'cpu', fallbackReason: 'CUDA could not start.', device: null, lastCalls: {} });
  });

  it('keeps the choice, tells every client, and refuses a provider this build does not offer', async () => {
    const chosen = await t.call('hardware.set', { provider: 'cpu' });
    expect(chosen.chosen).toBe('cpu');
    expect(t.emitted('hardware.updated')).toEqual([chosen]);
    expect((await t.call('hardware.get', {})).chosen).toBe('cpu');

    const foreign = PROVIDER_CHOICES.find((p) => p !== 'auto' && !hardware.providers.some((o) => o.name === p));
    if (foreign) {
      const error = await rejection(t.call('hardware.set', { provider: foreign }));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/is not offered by onnxruntime-node on this machine; it offers .*CPU/);
    }
    const job = await runJob(t, 'on the CPU');
    expect(job.warnings).toEqual([]);
    const after = await t.call('hardware.get', {});
    expect(after).toMatchObject({ chosen: 'cpu', inUse: 'cpu', fallbackReason: null, device: { provider: 'cpu', requested: 'cpu', adapter: null, bufferLimitBytes: null, notes: [] } });
    // SD 1.5 at its guidance: the UNet takes both branches of the one frame in one run
    expect(Object.keys(after.lastCalls).sort()).toEqual(['text_encoder', 'unet', 'vae_decoder']);
    expect(after.lastCalls.unet).toEqual([{ provider: 'cpu', batch: 2, itemsPerRun: 2, largestTensorBytes: null, limitBytes: null, cpuReason: null }]);
  });

  it('falls back to CPU when the chosen provider cannot start, and says why', async (ctx) => {
    // A provider this build offers but whose libraries are not installed (CUDA on Linux when its install script did not run).
    const unavailable = hardware.providers.find((p) => !p.installed);
    if (!unavailable) {
      console.warn('[skipped] provider fallback: every provider onnxruntime-node offers here is installed, so none is sure to fail');
      return ctx.skip();
    }
    await t.call('hardware.set', { provider: unavailable.name as (typeof PROVIDER_CHOICES)[number] });
    t.events.length = 0;
    await runJob(t, 'on a missing GPU');
    const after = await t.call('hardware.get', {});
    expect(after).toMatchObject({ chosen: unavailable.name, inUse: 'cpu' });
    // ONNX Runtime's own words, as loading reported them, not only that it failed.
    const failure = after.device!.warnings.find((w) => w.startsWith(`execution provider ${unavailable.name} could not start (`));
    expect(failure).toBeDefined();
    const ortReason = failure!.slice(failure!.indexOf('(') + 1, failure!.lastIndexOf(')'));
    expect(ortReason.length).toBeGreaterThan(10);
    expect(after.fallbackReason).toBe(
      `${unavailable.label} could not start on this machine, so Onestory runs on CPU. ONNX Runtime said: ${/[.!?]$/.test(ortReason) ? ortReason : `${ortReason}.`} It needs its own libraries beside onnxruntime-node (see "GPU acceleration" in the README).`,
    );
    expect(t.emitted('hardware.updated').at(-1)).toEqual(after);

    // A new choice has not been tried yet: the old reason no longer applies.
    expect((await t.call('hardware.set', { provider: 'auto' })).fallbackReason).toBeNull();
  });

  describeWithWebGpu('on a software adapter with a 128 MiB limit', (a) => a.software && bufferLimitBytes(a) === LAVAPIPE_LIMIT, () => {
    let lavapipe: TestBackend;
    let dir: string;
    let eightHeads: string;

    beforeAll(async () => {
      lavapipe = await openTestBackend();
      dir = mkdtempSync(join(tmpdir(), 'onestory-hardware-'));
      eightHeads = await writeFixtureVariant(join(dir, 'sd15-8-heads'), 'sd15', { unetHeads: 8 });
    });
    afterAll(async () => {
      await lavapipe.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('auto passes the adapter over and says why; the page names it, software, with its limit', async () => {
      await runJob(lavapipe, 'on auto');
      const after = await lavapipe.call('hardware.get', {});
      expect(after.webGpu?.adapter).toMatchObject({ software: true, maxStorageBufferBindingSize: LAVAPIPE_LIMIT });
      expect(after).toMatchObject({ inUse: 'cpu', fallbackReason: null, device: { provider: 'cpu', requested: 'auto', adapter: null } });
      expect(after.device?.notes).toEqual([expect.stringMatching(/^auto: WebGPU skipped: its adapter is software/)]);
    });

    it('a UNet whose one item is over the limit runs on the CPU: the job warns of it and the hardware report says why', async () => {
      await lavapipe.call('hardware.set', { provider: 'webgpu' });
      // 384²: 48×48 latents, so each of the 8 heads' self-attention scores is 2304² float32: 170 MB for one item.
      const job = await runJob(lavapipe, 'over the limit', eightHeads, { width: 384, height: 384, steps: 1, guidance: 1 });
      const reason = expect.stringMatching(/^unet runs on the CPU: one item needs a 170 MB tensor .+ over the adapter's 134 MB limit$/);
      expect(job.warnings).toEqual([expect.stringMatching(/^WebGPU runs on a software adapter/), reason]);
      const after = await lavapipe.call('hardware.get', {});
      expect(after).toMatchObject({ chosen: 'webgpu', inUse: 'cpu', device: { provider: 'webgpu', requested: 'webgpu', bufferLimitBytes: LAVAPIPE_LIMIT, adapter: after.webGpu?.adapter } });
      expect(after.lastCalls.unet).toEqual([{ provider: 'cpu', batch: 1, itemsPerRun: 1, largestTensorBytes: 8 * 2304 * 2304 * 4, limitBytes: LAVAPIPE_LIMIT, cpuReason: reason }]);
      expect(after.lastCalls.vae_decoder).toEqual([expect.objectContaining({ provider: 'webgpu', cpuReason: null })]);
      expect(after.fallbackReason).toBe(`${after.lastCalls.unet[0].cpuReason}.`);
    });
  });
});

const LAVAPIPE_LIMIT = 128 * 2 ** 20;
