// The derived copy a GPU provider loads, made from the fixture models and run on the CPU provider: the
// transformations it claims are counted in the written file, the results match the original, the original is
// untouched, and a second request reuses the copy.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import { editJson, makeTempRoot, writeFixture } from '../models/test-folders.ts';
import { decodeModel, type ModelMessage } from '../onnx/onnx-proto.ts';
import { maxAbsDifference } from '../gpu/self-check.ts';
import { derivedCopy, type DeriveRequest } from './derived-cache.ts';
import { FLOAT, FLOAT16 } from './model-file.ts';
import { vaeFloat32Reason } from './optimize-model.ts';

const { root, cleanup } = makeTempRoot('derived-');
afterAll(cleanup);

const count = (model: ModelMessage, op: string) => model.graph.node.filter((n) => n.opType === op).length;
const decode = (path: string) => decodeModel(readFileSync(path));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function unetOutputs(path: string, feeds: Record<string, Tensor>): Promise<Float32Array> {
  const session = await InferenceSession.create(path, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  try {
    return (await session.run(feeds)).out_sample.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('derived copies of the SD-1.5-shaped fixture', () => {
  let unet: string;
  let encoder: string;
  let feeds: Record<string, Tensor>;
  const request = (over: Partial<DeriveRequest>): DeriveRequest => ({ source: unet, component: 'unet', float16: true, fuseAttention: true, ...over });

  beforeAll(async () => {
    const dir = await writeFixture(join(root, 'sd15'), 'sd15');
    unet = join(dir, 'unet', 'model.onnx');
    encoder = join(dir, 'text_encoder', 'model.onnx');
    const random = new Random(3);
    feeds = {
      sample: new Tensor('float32', random.normals(2 * 4 * 8 * 8), [2, 4, 8, 8]),
      timestep: new Tensor('float32', [501], []),
      encoder_hidden_states: new Tensor('float32', random.normals(2 * 77 * 32), [2, 77, 32]),
    };
  });

  it('float16 and fused: every float weight half, Casts only at the float32 inputs and output, each attention one MultiHeadAttention', async () => {
    const original = decode(unet);
    const before = sha(unet);
    const copy = await derivedCopy(join(root, 'derived'), request({}));
    expect(copy.path).not.toBeNull();
    const derived = decode(copy.path!);
    const softmaxes = count(original, 'Softmax');
    expect(softmaxes).toBeGreaterThan(0);
    expect(copy.fusedAttention).toBe(softmaxes);
    expect(count(derived, 'MultiHeadAttention')).toBe(softmaxes);
    expect(derived.graph.node.filter((n) => n.opType === 'MultiHeadAttention').every((n) => n.domain === 'com.microsoft')).toBe(true);
    expect(count(derived, 'Softmax')).toBe(0);
    // the graph's three float32 inputs cast down, its output cast back: the engine feeds it as it feeds the original
    expect(count(derived, 'Cast') - count(original, 'Cast')).toBe(4);
    expect(copy.float16?.castNodes).toBe(4);
    expect(derived.graph.input).toEqual(original.graph.input);
    expect(derived.graph.output).toEqual(original.graph.output);
    const floats = derived.graph.initializer.filter((t) => t.dataType === FLOAT || t.dataType === FLOAT16);
    expect(floats.length).toBe(copy.float16?.halfTensors);
    expect(floats.every((t) => t.dataType === FLOAT16)).toBe(true);
    // weights in one external file beside the copy; the size recorded is what is on disk
    const onDisk = readFileSync(copy.path!).length + readFileSync(join(dirname(copy.path!), 'model.onnx_data')).length;
    expect(copy.bytes).toBe(onDisk);
    expect(sha(unet)).toBe(before);

    const reference = await unetOutputs(unet, feeds);
    const half = await unetOutputs(copy.path!, feeds);
    expect(maxAbsDifference(half, reference)).toBeLessThan(1e-2);
    expect(maxAbsDifference(half, reference)).toBeGreaterThan(0); // it did compute in float16

    const again = await derivedCopy(join(root, 'derived'), request({}));
    expect(again).toEqual({ ...copy, reused: true });
  });

  it('fused only (float32): the same numbers as the unfused original', async () => {
    const copy = await derivedCopy(join(root, 'derived'), request({ float16: false }));
    expect(decode(copy.path!).graph.initializer.some((t) => t.dataType === FLOAT16)).toBe(false);
    expect(maxAbsDifference(await unetOutputs(copy.path!, feeds), await unetOutputs(unet, feeds))).toBeLessThan(1e-5);
  });

  it("CLIP's causally masked attention is not fused; the encoder still goes float16", async () => {
    const copy = await derivedCopy(join(root, 'derived'), { source: encoder, component: 'text_encoder', float16: true, fuseAttention: true });
    const derived = decode(copy.path!);
    expect(copy.fusedAttention).toBe(0);
    expect(count(derived, 'MultiHeadAttention')).toBe(0);
    expect(count(derived, 'Softmax')).toBe(count(decode(encoder), 'Softmax'));
    expect(derived.graph.initializer.some((t) => t.dataType === FLOAT)).toBe(false);
  });

  it('nothing to change: no copy is written and the original runs', async () => {
    const copy = await derivedCopy(join(root, 'derived'), { source: encoder, component: 'text_encoder', float16: false, fuseAttention: true });
    expect(copy).toMatchObject({ path: null, fusedAttention: 0, bytes: 0 });
  });
});

describe('SDXL VAE precision', () => {
  it('stays float32 unless its config says it need not be upcast (the fp16-fixed VAE)', async () => {
    const dir = await writeFixture(join(root, 'sdxl'), 'sdxl');
    const vae = join(dir, 'vae_decoder', 'model.onnx');
    expect(vaeFloat32Reason(true, vae)).toMatch(/SDXL’s VAE overflows in float16/);
    expect(vaeFloat32Reason(false, vae)).toBeNull();
    editJson(join(dir, 'vae_decoder', 'config.json'), (config) => {
      config.force_upcast = false;
    });
    expect(vaeFloat32Reason(true, vae)).toBeNull();
  });
});
