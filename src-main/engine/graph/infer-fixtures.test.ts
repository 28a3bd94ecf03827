// Every node output shape inferred for the fixture models equals the one onnxruntime computes, at two
// batch sizes and two latent sizes; the largest tensor is the attention scores, growing as they do.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtureModels, type FixturePaths } from '../../../scripts/fixtures/ensure.ts';
import { inferGraphShapes } from './infer-shapes.ts';
import { differences, profiledShapes } from './profiled-shapes.ts';

let fixtures: FixturePaths;
beforeAll(async () => {
  fixtures = await ensureFixtureModels();
});

const BATCHES = [1, 3];
const LATENTS: [number, number][] = [[16, 16], [12, 16]];
const HEADS = 2;

/** The fixtures' UNet inputs (optimum's names); SDXL adds its pooled text embeds and time ids. */
function unetInputs(family: 'sd15' | 'sdxl', batch: number, [h, w]: [number, number], tokens: number): Record<string, number[]> {
  const sample = { sample: [batch, 4, h, w], timestep: [] };
  if (family === 'sd15') return { ...sample, encoder_hidden_states: [batch, tokens, 32] };
  return { ...sample, encoder_hidden_states: [batch, tokens, 80], text_embeds: [batch, 40], time_ids: [batch, 6] };
}

async function expectAgreement(path: string, inputs: Record<string, number[]>) {
  const shapes = await inferGraphShapes(path, inputs);
  const profiled = await profiledShapes(path, inputs);
  expect(shapes.unknown).toEqual([]);
  expect(profiled.size).toBeGreaterThan(50);
  expect(differences(shapes, profiled)).toEqual([]);
  expect(new Set(shapes.tensors.map((t) => t.node)).size).toBe(profiled.size); // no node left out of either
  return shapes;
}

describe.each(['sd15', 'sdxl'] as const)('%s fixture', (family) => {
  describe.each(BATCHES)('batch %i', (batch) => {
    it.each(LATENTS)('UNet at %i×%i latents: every node as onnxruntime computes it; the largest is the attention scores', async (h, w) => {
      const shapes = await expectAgreement(join(fixtures[family], 'unet', 'model.onnx'), unetInputs(family, batch, [h, w], 77));
      const tokens = h * w;
      expect(shapes.largest).toMatchObject({ dims: [batch, HEADS, tokens, tokens], elemType: 'float32', bytes: batch * HEADS * tokens * tokens * 4, op: 'MatMul' });
    });

    it.each(LATENTS)('VAE decoder at %i×%i latents', async (h, w) => {
      const shapes = await expectAgreement(join(fixtures[family], 'vae_decoder', 'model.onnx'), { latent_sample: [batch, 4, h, w] });
      expect(shapes.tensors.at(-1)).toMatchObject({ name: 'sample', dims: [batch, 3, 8 * h, 8 * w] });
    });
  });

  it.each([[1, 77], [2, 20]])('text encoders with batch %i and %i tokens', async (batch, tokens) => {
    const folders = family === 'sd15' ? ['text_encoder'] : ['text_encoder', 'text_encoder_2'];
    for (const folder of folders) await expectAgreement(join(fixtures[family], folder, 'model.onnx'), { input_ids: [batch, tokens] });
  });
});
