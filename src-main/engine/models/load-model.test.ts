// Real ONNX sessions on the fixture models and their export variants: whatever the export's element types,
// shapes and names, the components give the same results.
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import type { FixtureOptions, Family } from '../../../scripts/fixtures/model-spec.ts';
import { offeredProviders } from './execution-provider.ts';
import { loadModel } from './load-model.ts';
import type { LoadedModel, ModelInfo, UnetInput } from './model-types.ts';
import { makeTempRoot, writeFixture } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('load-model-');
const opened: LoadedModel[] = [];
afterAll(async () => {
  await Promise.all(opened.map((m) => m.release()));
  cleanup();
});

let written = 0;
async function fixtureModel(family: Family, options: FixtureOptions = {}): Promise<LoadedModel> {
  const dir = await writeFixture(join(root, `${family}-${++written}`), family, options);
  const model = await loadModel(dir, { provider: 'cpu', threads: 1 });
  opened.push(model);
  return model;
}

const LATENT = 8;
function unetInput(info: ModelInfo, batch: number, contextTokens: number, seed = 1, timestep = 981): UnetInput {
  const random = new Random(seed);
  return {
    sample: random.normals(batch * 4 * LATENT * LATENT),
    batch,
    latentHeight: LATENT,
    latentWidth: LATENT,
    timestep,
    context: random.normals(batch * contextTokens * info.contextDim),
    contextTokens,
    ...(info.usesAddedConditions ? { textEmbeds: random.normals(batch * 40), timeIds: new Float32Array(batch * 6).fill(64) } : {}),
  };
}

async function encodeAll(model: LoadedModel, prompts: string[]) {
  return Promise.all(model.textEncoders.map((encoder, i) => encoder.encode(prompts.map((p) => model.tokenizers[i].encode(p).ids))));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('loadModel: SDXL-shaped fixture', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await fixtureModel('sdxl');
  });

  it('loads both tokenizers, each with its own padding', () => {
    expect(model.provider).toBe('cpu');
    expect(model.tokenizers).toHaveLength(2);
    const [ids1, ids2] = model.tokenizers.map((t) => t.encode('a b').ids);
    expect(ids1).toHaveLength(77);
    expect(ids1.at(-1)).not.toBe(ids2.at(-1)); // tokenizer_2 pads with "!"
  });

  it("conditions on each encoder's penultimate hidden layer; pooled text_embeds from encoder 2 only", async () => {
    const [first, second] = await encodeAll(model, ['a b c d']);
    expect(first[0].hidden).toMatchObject({ tokens: 77, dim: 32 });
    expect(first[0].pooled).toBeNull();
    expect(second[0].hidden).toMatchObject({ tokens: 77, dim: 48 });
    expect(second[0].pooled).toHaveLength(40);

    // Against the graph itself: hidden_states.2 of 0…3 is hidden_states[-2], as diffusers' SDXL pipeline takes it.
    const session = await ort.InferenceSession.create(join(model.info.dir, 'text_encoder_2', 'model.onnx'), { intraOpNumThreads: 1 });
    const ids = model.tokenizers[1].encode('a b c d').ids;
    const raw = await session.run({ input_ids: new ort.Tensor('int32', ids, [1, 77]) });
    await session.release();
    expect(second[0].hidden.data).toEqual(raw['hidden_states.2'].data);
    expect(second[0].pooled).toEqual(raw.text_embeds.data);
  });

  it('encodes several prompts in one run, each as if alone', async () => {
    const [, together] = await encodeAll(model, ['a b', 'c d a']);
    const [, alone] = await encodeAll(model, ['c d a']);
    expect(maxAbsDiff(together[1].hidden.data, alone[0].hidden.data)).toBeLessThan(1e-5);
  });

  it('the UNet takes a context longer than 77 tokens (IPCA)', async () => {
    const long = await model.unet.predict(unetInput(model.info, 1, 154));
    const short = await model.unet.predict(unetInput(model.info, 1, 77));
    expect(long).toHaveLength(4 * LATENT * LATENT);
    expect(long.every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(long, short)).toBeGreaterThan(0);
  });

  it('a batch of two gives what two single runs give', async () => {
    const pair = unetInput(model.info, 2, 77, 5);
    const together = await model.unet.predict(pair);
    const plane = 4 * LATENT * LATENT;
    const contextRow = 77 * model.info.contextDim;
    for (const i of [0, 1]) {
      const single = await model.unet.predict({
        ...pair,
        batch: 1,
        sample: pair.sample.slice(i * plane, (i + 1) * plane),
        context: pair.context.slice(i * contextRow, (i + 1) * contextRow),
        textEmbeds: pair.textEmbeds?.slice(i * 40, (i + 1) * 40),
        timeIds: pair.timeIds?.slice(i * 6, (i + 1) * 6),
      });
      expect(maxAbsDiff(together.slice(i * plane, (i + 1) * plane), single)).toBeLessThan(1e-4);
    }
  });

  it('decodes latents ×8 into images', async () => {
    const latents = new Random(3).normals(2 * 4 * LATENT * LATENT);
    const images = await model.vaeDecoder.decode(latents, 2, LATENT, LATENT);
    expect(images).toHaveLength(2 * 3 * 64 * 64);
    expect(images.every(Number.isFinite)).toBe(true);
  });
});

describe('loadModel: export variants give matching results', () => {
  it('float16 inputs and outputs ≈ float32', async () => {
    const [full, half] = [await fixtureModel('sdxl'), await fixtureModel('sdxl', { precision: 'float16', timestep: { shape: 'one' } })];
    const [fullEncodings, halfEncodings] = [await encodeAll(full, ['a b c']), await encodeAll(half, ['a b c'])];
    for (const e of [0, 1]) {
      const reference = fullEncodings[e][0].hidden.data;
      expect(maxAbsDiff(halfEncodings[e][0].hidden.data, reference)).toBeLessThan(maxAbs(reference) * 2e-3);
    }
    const input = unetInput(full.info, 2, 90);
    const reference = await full.unet.predict(input);
    expect(maxAbsDiff(await half.unet.predict(input), reference)).toBeLessThan(maxAbs(reference) * 5e-3);
    const latents = new Random(4).normals(4 * LATENT * LATENT);
    const image = await full.vaeDecoder.decode(latents, 1, LATENT, LATENT);
    expect(maxAbsDiff(await half.vaeDecoder.decode(latents, 1, LATENT, LATENT), image)).toBeLessThan(maxAbs(image) * 5e-3);
  });

  it('int64 input_ids (per encoder) = int32 input_ids', async () => {
    const [int32, mixed] = [await fixtureModel('sdxl'), await fixtureModel('sdxl', { inputIds: ['int64', 'int32'] })];
    const int64 = await fixtureModel('sdxl', { inputIds: ['int32', 'int64'] });
    const expected = await encodeAll(int32, ['a b', 'c']);
    for (const model of [mixed, int64]) expect(await encodeAll(model, ['a b', 'c'])).toEqual(expected);
  });

  it.each([
    [{ type: 'float', shape: 'one' }],
    [{ type: 'float', shape: 'batch' }],
    [{ type: 'int64', shape: 'scalar' }],
    [{ type: 'int64', shape: 'one' }],
    [{ type: 'int64', shape: 'batch' }],
  ] as const)('timestep %o = float scalar timestep', async (timestep) => {
    const [scalar, variant] = [await fixtureModel('sd15'), await fixtureModel('sd15', { timestep })];
    const input = unetInput(scalar.info, 3, 77);
    expect(await variant.unet.predict(input)).toEqual(await scalar.unet.predict(input));
  });

  it('an int64 timestep export gets fractional timesteps truncated, as diffusers feeds them (np.array([t], int64))', async () => {
    const [float, int64] = [await fixtureModel('sd15'), await fixtureModel('sd15', { timestep: { type: 'int64' } })];
    const truncated = await float.unet.predict(unetInput(float.info, 1, 77, 1, 499));
    expect(await int64.unet.predict(unetInput(float.info, 1, 77, 1, 499.6))).toEqual(truncated);
    expect(await float.unet.predict(unetInput(float.info, 1, 77, 1, 499.6))).not.toEqual(truncated);
  });

  it('the UNet output found by name: "latent" as well as "out_sample"', async () => {
    const [named, latent] = [await fixtureModel('sd15'), await fixtureModel('sd15', { unetOutputName: 'latent' })];
    const input = unetInput(named.info, 1, 77);
    expect(await latent.unet.predict(input)).toEqual(await named.unet.predict(input));
  });

  it('a UNet with a fixed 77-token context = the dynamic one at 77 tokens; a longer context (IPCA) is refused by name', async () => {
    const [dynamic, fixed] = [await fixtureModel('sd15'), await fixtureModel('sd15', { unetContextTokens: 77 })];
    expect(fixed.info).toMatchObject({ contextTokens: 77, ipcaUnavailableReason: expect.stringMatching(/fixed 77-token context/) as unknown });
    const input = unetInput(fixed.info, 2, 77);
    expect(await fixed.unet.predict(input)).toEqual(await dynamic.unet.predict(input));
    await expect(fixed.unet.predict(unetInput(fixed.info, 1, 154))).rejects.toThrow(
      /unet\/model\.onnx: the UNet takes a fixed 77-token context \(encoder_hidden_states\), not 154 tokens: run with IPCA off\. Re-export the UNet with a dynamic sequence axis/,
    );
  });

  it('SD 1.x conditions on last_hidden_state even when hidden_states.N are exported', async () => {
    const [plain, withLayers] = [await fixtureModel('sd15'), await fixtureModel('sd15', { hiddenStates: true })];
    expect(await encodeAll(withLayers, ['a b'])).toEqual(await encodeAll(plain, ['a b']));
  });
});

describe('loadModel: sessions and where they run', () => {
  it('counts runs per component, each item of a batch once, and the time inside run()', async () => {
    const model = await fixtureModel('sdxl');
    await encodeAll(model, ['a', 'b', 'c']);
    await model.unet.predict(unetInput(model.info, 2, 77));
    await model.unet.predict(unetInput(model.info, 2, 154));
    await model.vaeDecoder.decode(new Float32Array(4 * LATENT * LATENT), 1, LATENT, LATENT);
    const stats = model.stats();
    expect(stats.runs).toEqual({ text_encoder: 3, text_encoder_2: 3, unet: 4, vae_decoder: 1 });
    expect(Object.keys(stats.sessionMs).sort()).toEqual(['text_encoder', 'text_encoder_2', 'unet', 'vae_decoder']);
    expect(Object.values(stats.sessionMs).every((ms) => ms >= 0)).toBe(true);
  });

  it('"auto" picks from what onnxruntime-node offers and falls back to CPU when a GPU provider cannot start', async () => {
    const dir = await writeFixture(join(root, 'auto'), 'sd15');
    const warnings: string[] = [];
    const model = await loadModel(dir, { threads: 1, onWarning: (w) => warnings.push(w) });
    opened.push(model);
    expect(offeredProviders()).toContain(model.provider);
    if (model.provider === 'cpu') expect(warnings.every((w) => /could not start .*; running on cpu$/.test(w))).toBe(true);
    expect(await model.unet.predict(unetInput(model.info, 1, 77))).toHaveLength(4 * LATENT * LATENT);
  });

  it('a provider this build does not offer: a warning, and CPU', async () => {
    const dir = await writeFixture(join(root, 'unoffered'), 'sd15');
    const warnings: string[] = [];
    const model = await loadModel(dir, { provider: 'nosuch', threads: 1, onWarning: (w) => warnings.push(w) });
    opened.push(model);
    expect(model.provider).toBe('cpu');
    expect(warnings).toEqual([expect.stringMatching(/"nosuch" is not offered by onnxruntime-node here \(it offers .*cpu.*\); running on CPU/)]);
  });
});
