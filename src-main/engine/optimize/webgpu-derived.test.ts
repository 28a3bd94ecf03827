// Every fixture story on WebGPU (Mesa's lavapipe in CI), with its derived float16 copy and with the original, equals
// the CPU's within one grey level; every component runs on WebGPU (no silent fallback), and the model's record says
// what was done to it. The fused attention kernel's self-check decides fusion on this adapter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensureFixtureModels } from '../../../scripts/fixtures/ensure.ts';
import { describeWithWebGpu } from '../../../test-support/webgpu.ts';
import { expectSameImages, story } from '../gpu/stories.testing.ts';
import { loadModel } from '../models/index.ts';
import { makeTempRoot } from '../models/test-folders.ts';
import { decodeModel } from '../onnx/onnx-proto.ts';
import { FUSED_ATTENTION_TOLERANCE } from './attention-check.ts';

const { root, cleanup } = makeTempRoot('webgpu-derived-');
afterAll(cleanup);
const derivedRoot = join(root, 'derived');
// small enough for a software adapter; the real-size probe is what loads without this option run
const attentionBlock = { heads: 2, headDim: 8, tokens: 64 };
const frames = ['in a garden', 'asleep in a basket'];
/** a software adapter compiles every shader on the CPU: minutes per model, on CI's two cores */
const SOFTWARE_ADAPTER_MS = 15 * 60_000;

describeWithWebGpu('fixture stories on WebGPU, derived and original', () => true, () => {
  for (const family of ['sd15', 'sdxl'] as const) {
    it(`${family}: derived float16 copy and original on webgpu both equal the CPU within one grey level`, async () => {
      const dir = (await ensureFixtureModels())[family];
      const cpu = await loadModel(dir, { provider: 'cpu' });
      const derived = await loadModel(dir, { provider: 'webgpu', derivedRoot, attentionBlock });
      const original = await loadModel(dir, { provider: 'webgpu' });
      try {
        const onCpu = await story(cpu, {}, frames);
        for (const model of [derived, original]) {
          const result = await story(model, {}, frames);
          expect(result.provider).toBe('webgpu');
          for (const calls of Object.values(result.componentCalls)) for (const call of calls) expect(call).toMatchObject({ provider: 'webgpu', cpuReason: null });
          await expectSameImages(result, onCpu, 1);
        }
        expect(original.device.optimization).toBeNull();
        const optimization = derived.device.optimization!;
        expect(optimization).toMatchObject({ provider: 'webgpu', layout: 'NHWC' });
        // fused exactly when the kernel passed its check on this adapter (lavapipe's misses by 0.2)
        const { attention } = optimization;
        expect(attention.fused).toBe(attention.maxError !== null && attention.maxError <= FUSED_ATTENTION_TOLERANCE);
        const byName = Object.fromEntries(optimization.components.map((c) => [c.component, c]));
        const unet = byName.unet;
        const unetGraph = decodeModel(readFileSync(unet.path!));
        expect(unet).toMatchObject({ float16: true, castNodes: family === 'sdxl' ? 6 : 4 });
        expect(unetGraph.graph.initializer.filter((t) => t.dataType === 10).length).toBe(unet.halfTensors);
        expect(unetGraph.graph.node.filter((n) => n.opType === 'MultiHeadAttention').length).toBe(unet.fusedAttention);
        expect(unet.fusedAttention > 0).toBe(attention.fused);
        expect(byName.vae_decoder.float16).toBe(family === 'sd15');
        for (const name of family === 'sdxl' ? ['text_encoder', 'text_encoder_2'] : ['text_encoder']) expect(byName[name]).toMatchObject({ float16: false, note: expect.stringMatching(/kept float32/) });
        if (family === 'sdxl') expect(byName.vae_decoder).toMatchObject({ path: null, bytes: 0, note: expect.stringMatching(/SDXL’s VAE/) });
        expect(optimization.bytes).toBe(optimization.components.reduce((sum, c) => sum + c.bytes, 0));
      } finally {
        await Promise.all([cpu.release(), derived.release(), original.release()]);
      }
    }, SOFTWARE_ADAPTER_MS);
  }
});
