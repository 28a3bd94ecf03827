// models.optimize on the tiny fixture through the real engine process and a real SQLite file: the timed run, its
// progress events, the record kept with the model, cancelling; and the sweep of derived copies whose model has gone.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithShared } from '../../test-support/shared.ts';
import { describeWithWebGpu } from '../../test-support/webgpu.ts';
import { SPEED_STEPS } from './models/model-speed.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

describeWithShared('models.optimize', () => {
  let t: TestBackend;

  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());

  it('times a few steps on the CPU, reports progress, and keeps the measurement with the model', async () => {
    const model = await t.call('models.register', { path: t.fixtures.sd15 });
    expect(model.speeds).toEqual([]);
    t.events.length = 0;
    const speed = await t.call('models.optimize', { id: model.id, provider: 'cpu' });
    expect(speed).toMatchObject({ provider: 'cpu', steps: SPEED_STEPS, width: 64, height: 64, originalBytes: model.sizeBytes, optimization: null });
    expect(speed.secondsPerStep).toBeGreaterThan(0);
    const progress = t.emitted('model.optimizeProgress', (p) => p.modelId === model.id);
    expect(progress[0]).toEqual({ modelId: model.id, stage: 'preparing', step: 0, totalSteps: SPEED_STEPS });
    expect(progress.at(-1)).toEqual({ modelId: model.id, stage: 'measuring', step: SPEED_STEPS, totalSteps: SPEED_STEPS });
    expect(t.emitted('models.changed').length).toBeGreaterThan(0);

    // one record per provider: measuring again replaces it, and registering the folder again keeps it
    const again = await t.call('models.optimize', { id: model.id, provider: 'cpu' });
    await t.call('models.register', { path: t.fixtures.sd15 });
    const listed = (await t.call('models.list', {})).find((m) => m.id === model.id)!;
    expect(listed.speeds).toEqual([again]);
  });

  it('cancels a run under way, recording nothing; refuses unknown models and a second run of the same model', async () => {
    const model = await t.call('models.register', { path: t.fixtures.sdxl });
    expect(await t.call('models.cancelOptimize', { id: model.id })).toEqual({ ok: true, cancelled: false });
    const cancelledOnFirstStep = new Promise<void>((resolve) => {
      const unsubscribe = t.backend.events.subscribe((m) => {
        if (m.event !== 'model.optimizeProgress' || (m.payload as { stage: string }).stage !== 'measuring') return;
        unsubscribe();
        void t.call('models.cancelOptimize', { id: model.id }).then((answer) => {
          expect(answer).toEqual({ ok: true, cancelled: true });
          resolve();
        });
      });
    });
    const run = t.call('models.optimize', { id: model.id, provider: 'cpu' });
    expect((await rejection(t.call('models.optimize', { id: model.id, provider: 'cpu' }))).message).toMatch(/being measured already/);
    await cancelledOnFirstStep;
    const refused = await rejection(run);
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(/was cancelled; nothing was recorded/) });
    expect((await t.call('models.list', {})).find((m) => m.id === model.id)!.speeds).toEqual([]);
    expect((await rejection(t.call('models.optimize', { id: 'no-such-model' }))).code).toBe('not_found');
  });

  it('sweeps the derived copies of a removed model on models.remove, keeping those of models still in the library', async () => {
    const models = await t.call('models.list', {});
    const sd15 = models.find((m) => m.path === t.fixtures.sd15)!;
    const sdxl = models.find((m) => m.path === t.fixtures.sdxl)!;
    const root = join(t.modelsDir, '.derived');
    const copy = (name: string, source: string) => {
      mkdirSync(join(root, name), { recursive: true });
      writeFileSync(join(root, name, 'derived.json'), JSON.stringify({ source }));
    };
    copy('unet-aaaaaaaaaaaaaaaaaaaaaaaa', join(sd15.path, 'unet', 'model.onnx'));
    copy('unet-bbbbbbbbbbbbbbbbbbbbbbbb', join(sdxl.path, 'unet', 'model.onnx'));
    mkdirSync(join(root, 'vae_decoder-cccccccccccccccccccccccc')); // no manifest: an interrupted or older copy
    writeFileSync(join(root, 'attention-checks.json'), '{}');
    await t.call('models.remove', { id: sdxl.id });
    expect(readdirSync(root).sort()).toEqual(['attention-checks.json', 'unet-aaaaaaaaaaaaaaaaaaaaaaaa']);
  });
});

// On WebGPU (Mesa's lavapipe in CI): the copy is made, its transformations recorded, and a second run reuses it.
describeWithWebGpu('models.optimize on WebGPU', () => true, () => {
  let t: TestBackend;

  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());

  it('makes the float16 copy, records what was done and its size, and reuses it the second time', async () => {
    const model = await t.call('models.register', { path: t.fixtures.sd15 });
    const speed = await t.call('models.optimize', { id: model.id, provider: 'webgpu' });
    expect(speed).toMatchObject({ provider: 'webgpu', steps: SPEED_STEPS, width: 64, height: 64, originalBytes: model.sizeBytes });
    const optimization = speed.optimization!;
    expect(optimization).toMatchObject({ provider: 'webgpu', layout: 'NHWC' });
    const byName = Object.fromEntries(optimization.components.map((c) => [c.component, c]));
    expect(byName.unet).toMatchObject({ float16: true, path: expect.stringContaining(join(t.modelsDir, '.derived')) });
    expect(byName.unet.halfTensors).toBeGreaterThan(0);
    expect(byName.text_encoder).toMatchObject({ float16: false, path: null });
    expect(optimization.bytes).toBeGreaterThan(0);
    expect(optimization.bytes).toBe(optimization.components.reduce((sum, c) => sum + c.bytes, 0));
    const copies = readdirSync(join(t.modelsDir, '.derived')).sort();
    const again = await t.call('models.optimize', { id: model.id, provider: 'webgpu' });
    expect(again.optimization).toEqual(optimization);
    expect(readdirSync(join(t.modelsDir, '.derived')).sort()).toEqual(copies);
    // measured again: still one figure for WebGPU
    const listed = (await t.call('models.list', {})).find((m) => m.id === model.id)!;
    expect(listed.speeds.map((s) => s.provider)).toEqual(['webgpu']);
  }, 10 * 60_000);
});
