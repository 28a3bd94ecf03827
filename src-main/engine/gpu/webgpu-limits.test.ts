// The WebGPU provider on a software adapter with a 128 MiB buffer limit (Mesa's lavapipe, as CI installs it): runs cut
// to fit the limit, the self-check that catches what a limit breaks, and `auto` passing a software adapter over.
// Real sessions on both providers, images compared as pixels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureFixtureModels, writeFixtureVariant } from '../../../scripts/fixtures/ensure.ts';
import type { SettingsPatch } from '../../../src-shared/domain/index.ts';
import { describeWithWebGpu } from '../../../test-support/webgpu.ts';
import { loadModel } from '../models/index.ts';
import type { StoryResult } from '../pipeline/index.ts';
import { expectSameImages, story } from './stories.testing.ts';

const LIMIT = 128 * 2 ** 20;

describeWithWebGpu('WebGPU within a software adapter’s 128 MiB buffer limit', (a) => a.software && Math.min(a.maxStorageBufferBindingSize, a.maxBufferSize) === LIMIT, () => {
  let dir: string;
  let variant: string;
  let onCpu: StoryResult;
  // 320² images: 40×40 latents, so each of the fixture UNet's 8-head self-attentions makes 8 × 1600² float32 scores,
  // 82 MB per item. Guidance doubles the batch to 2 items: 164 MB in one run, over the limit.
  const big: SettingsPatch = { width: 320, height: 320 };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onestory-webgpu-'));
    variant = await writeFixtureVariant(join(dir, 'sd15-8-heads'), 'sd15', { unetHeads: 8 });
    const cpu = await loadModel(variant, { provider: 'cpu' });
    onCpu = await story(cpu, big);
    await cpu.release();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts a UNet batch whose attention would exceed the limit into runs that fit, and equals the CPU', async () => {
    const warnings: string[] = [];
    const model = await loadModel(variant, { provider: 'webgpu', onWarning: (m) => warnings.push(m) });
    try {
      const result = await story(model, big);
      expect(result.provider).toBe('webgpu');
      expect(result.device).toMatchObject({ provider: 'webgpu', requested: 'webgpu', bufferLimitBytes: LIMIT, adapter: { software: true } });
      const [unet] = result.componentCalls.unet;
      expect(result.componentCalls.unet).toHaveLength(1);
      expect(unet).toMatchObject({ provider: 'webgpu', batch: 2, itemsPerRun: 1, limitBytes: LIMIT, cpuReason: null });
      expect(unet.largestTensorBytes).toBe(8 * 1600 * 1600 * 4);
      // what loading warned of reaches every story's record: nothing about limits, only the adapter's kind
      expect(result.warnings).toEqual([expect.stringMatching(/^WebGPU runs on a software adapter/)]);
      expect(warnings).toEqual(result.warnings);
      await expectSameImages(result, onCpu, 1);
    } finally {
      await model.release();
    }
  });

  it('without the cut (a test-only switch) the self-check finds the wrong results and the model runs on the CPU, saying why', async () => {
    const model = await loadModel(variant, { provider: 'webgpu', splitBatches: false });
    try {
      const result = await story(model, big);
      expect(result.warnings).toEqual([
        expect.stringMatching(/^WebGPU runs on a software adapter/),
        expect.stringMatching(/^webgpu gave wrong results on .+ — software: an attention block with a 164 MB score tensor differs from the CPU by .+; running on the CPU instead/),
      ]);
      expect(result.provider).toBe('cpu');
      // the text encoder ran before (its own small attention passed the check); everything after runs on the CPU
      for (const call of [...result.componentCalls.unet, ...result.componentCalls.vae_decoder]) expect(call).toMatchObject({ provider: 'cpu', cpuReason: result.warnings[1] });
      // within 1 grey level, not 0: the text encoder ran on the adapter, whose rounding follows the host CPU's vector units
      await expectSameImages(result, onCpu, 1);
    } finally {
      await model.release();
    }
  });

  it('auto runs on the CPU and says why; WebGPU by name runs on the software adapter with a warning; both give the same image', async () => {
    const fixture = (await ensureFixtureModels()).sd15;
    const auto = await loadModel(fixture, { provider: 'auto' });
    const warnings: string[] = [];
    const named = await loadModel(fixture, { provider: 'webgpu', onWarning: (m) => warnings.push(m) });
    try {
      expect(auto.provider).toBe('cpu');
      expect(auto.device.notes).toEqual([expect.stringMatching(/^auto: WebGPU skipped: its adapter is software \(.+\), slower than the CPU provider/)]);
      expect(named.provider).toBe('webgpu');
      expect(warnings).toEqual([expect.stringMatching(/^WebGPU runs on a software adapter/)]);
      const frames = ['in a garden', 'asleep in a basket'];
      await expectSameImages(await story(named, {}, frames), await story(auto, {}, frames), 1);
    } finally {
      await Promise.all([auto.release(), named.release()]);
    }
  });
});
