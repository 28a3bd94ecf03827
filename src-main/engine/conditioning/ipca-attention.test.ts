// IPCA as a context is IPCA as the method defines it on keys and values: proved on a tiny cross-attention block
// with bias-free to_q/to_k/to_v (as in SD's UNet), run in onnxruntime-node.
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../scripts/fixtures/random.ts';
import { attention, linear } from '../../../scripts/onnx/blocks.ts';
import { GraphBuilder } from '../../../scripts/onnx/graph-builder.ts';
import { DEFAULT_REWEIGHT } from '../../../src-shared/domain/index.ts';
import { createClipTokenizer } from '../tokenizer/index.ts';
import { toyVocabulary } from '../tokenizer/toy-vocabulary.ts';
import { createEmbedding, type Embedding } from './embedding.ts';
import { StoryConditioning } from './story-conditioning.ts';
import { planStory } from './story-plan.ts';

const DIM = 8; // attention width
const HEADS = 2;
const QUERIES = 5; // latent pixels
const ENCODER_DIMS = [6, 10]; // SDXL-like: two encoders joined feature-wise
const CONTEXT_DIM = 16;

const random = new Random(21);
const weights = {
  q: random.normals(DIM * DIM, 0.5),
  k: random.normals(CONTEXT_DIM * DIM, 0.5),
  v: random.normals(CONTEXT_DIM * DIM, 0.5),
  out: random.normals(DIM * DIM, 0.5),
  outBias: random.normals(DIM, 0.1),
};
const x = random.normals(QUERIES * DIM);

/** The UNet's cross-attention block (attn2): it only ever sees a context, of any length. */
function unetCrossAttention(): Uint8Array {
  const g = new GraphBuilder();
  const input = g.input('x', 'float32', [1, QUERIES, DIM]);
  const context = g.input('context', 'float32', [1, 'tokens', CONTEXT_DIM]);
  const y = attention(g, input, context, {
    name: 'attn2',
    dim: DIM,
    contextDim: CONTEXT_DIM,
    heads: HEADS,
    q: { weight: weights.q },
    k: { weight: weights.k },
    v: { weight: weights.v },
    out: { weight: weights.out, bias: weights.outBias },
  });
  g.output(y, 'y', 'float32', null);
  return g.toBytes();
}

/** Softmax attention of x's queries over keys K and values V given directly ([1, T, DIM]), plus an additive mask. */
function attendOver(g: GraphBuilder, input: string, keys: string, values: string, mask?: string): string {
  const headDim = DIM / HEADS;
  const split = (t: string, perm: number[]) => g.node('Transpose', [g.node('Reshape', [t, g.int64s([0, 0, HEADS, headDim])])], { perm });
  const q = split(linear(g, input, { name: 'to_q', inFeatures: DIM, outFeatures: DIM, weight: weights.q }), [0, 2, 1, 3]);
  let scores = g.node('Mul', [g.node('MatMul', [q, split(keys, [0, 2, 3, 1])]), g.scalar(1 / Math.sqrt(headDim))]);
  if (mask) scores = g.node('Add', [scores, mask]);
  const heads = g.node('MatMul', [g.node('Softmax', [scores], { axis: -1 }), split(values, [0, 2, 1, 3])]);
  const merged = g.node('Reshape', [g.node('Transpose', [heads], { perm: [0, 2, 1, 3] }), g.int64s([0, 0, DIM])]);
  return linear(g, merged, { name: 'to_out', inFeatures: DIM, outFeatures: DIM, weight: weights.out, bias: weights.outBias });
}

/** The method notes' IPCA: K̂ = [K̄ ; K̃], V̂ = [V̄ ; Ṽ], where K̄, V̄ are K̃, Ṽ with the frame-prompt rows zeroed (keep = 0). */
function paperIpca(): Uint8Array {
  const g = new GraphBuilder();
  const input = g.input('x', 'float32', [1, QUERIES, DIM]);
  const c = g.input('c', 'float32', [1, 'tokens', CONTEXT_DIM]);
  const keep = g.input('keep', 'float32', [1, 'tokens', 1]);
  const k = linear(g, c, { name: 'to_k', inFeatures: CONTEXT_DIM, outFeatures: DIM, weight: weights.k });
  const v = linear(g, c, { name: 'to_v', inFeatures: CONTEXT_DIM, outFeatures: DIM, weight: weights.v });
  const keys = g.node('Concat', [g.node('Mul', [k, keep]), k], { axis: 1 });
  const values = g.node('Concat', [g.node('Mul', [v, keep]), v], { axis: 1 });
  g.output(attendOver(g, input, keys, values), 'y', 'float32', null);
  return g.toBytes();
}

/** The authors' code: attention over [K̃ ; K_id] with every row of K_id but the start and identity tokens at −∞. */
function referenceIpca(): Uint8Array {
  const g = new GraphBuilder();
  const input = g.input('x', 'float32', [1, QUERIES, DIM]);
  const c = g.input('c', 'float32', [1, 'tokens', CONTEXT_DIM]);
  const cId = g.input('c_id', 'float32', [1, 'id_tokens', CONTEXT_DIM]);
  const mask = g.input('mask', 'float32', [1, 1, 1, 'all_tokens']);
  const project = (t: string, name: string, weight: Float32Array) => linear(g, t, { name, inFeatures: CONTEXT_DIM, outFeatures: DIM, weight });
  const keys = g.node('Concat', [project(c, 'to_k', weights.k), project(cId, 'to_k_id', weights.k)], { axis: 1 });
  const values = g.node('Concat', [project(c, 'to_v', weights.v), project(cId, 'to_v_id', weights.v)], { axis: 1 });
  g.output(attendOver(g, input, keys, values, mask), 'y', 'float32', null);
  return g.toBytes();
}

const tensor = (e: Embedding) => new ort.Tensor('float32', e.data, [1, e.tokens, e.dim]);
const join = (parts: readonly Embedding[]): Embedding => {
  const out = createEmbedding(parts[0].tokens, parts.reduce((sum, p) => sum + p.dim, 0));
  for (let t = 0; t < out.tokens; t++) {
    let column = 0;
    for (const p of parts) {
      out.data.set(p.data.subarray(t * p.dim, (t + 1) * p.dim), t * out.dim + column);
      column += p.dim;
    }
  }
  return out;
};

function expectSameOutput(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  const scale = Math.max(...Array.from(b, Math.abs));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 * scale);
}

describe('IPCA contexts in a bias-free cross-attention block (onnxruntime-node)', () => {
  // identity rows 1–3, frame prompts at rows 4–10, EOT from 11
  const plan = planStory({ identity: 'abc', frames: ['de', 'fgh', 'ij'], tokenizer: createClipTokenizer(toyVocabulary([])), tokenizerId: 'toy' });
  const encode = (): Embedding[] => ENCODER_DIMS.map((dim) => createEmbedding(77, dim, random.normals(77 * dim)));
  const encodings = { prompts: [encode()], identity: encode(), uncond: encode() };
  const story = new StoryConditioning(plan, encodings);
  const settings = (ipca: 'paper' | 'reference' | 'off') => ({ reweight: DEFAULT_REWEIGHT, ipca });
  let unet: ort.InferenceSession;
  const runUnet = async (context: Embedding) => (await unet.run({ x: new ort.Tensor('float32', x, [1, QUERIES, DIM]), context: tensor(context) })).y.data as Float32Array;

  beforeAll(async () => {
    unet = await ort.InferenceSession.create(unetCrossAttention());
  });

  it("paper: the UNet over [C̄ ; C̃] equals attention over [K̄ ; K̃] with K̄'s frame rows zeroed", async () => {
    const session = await ort.InferenceSession.create(paperIpca());
    for (let frame = 0; frame < 3; frame++) {
      const tilde = story.prepareFrame(frame, settings('off')).cond;
      const keep = Float32Array.from({ length: 77 }, (_, t) => (t >= 4 && t < 11 ? 0 : 1));
      const { y } = await session.run({ x: new ort.Tensor('float32', x, [1, QUERIES, DIM]), c: tensor(tilde), keep: new ort.Tensor('float32', keep, [1, 77, 1]) });
      expectSameOutput(await runUnet(story.prepareFrame(frame, settings('paper')).cond), y.data as Float32Array);
    }
  });

  it('paper: the unconditional [U ; U] attends exactly like U alone', async () => {
    const { uncond } = story.prepareFrame(0, settings('paper'));
    expect(uncond!.tokens).toBe(154);
    expectSameOutput(await runUnet(uncond!), await runUnet(join(encodings.uncond)));
  });

  it('reference: the UNet over [C̃ ; C_id[start … last identity token]] equals attention over [K̃ ; K_id] with the other rows of K_id at −∞', async () => {
    const session = await ort.InferenceSession.create(referenceIpca());
    const cId = join(encodings.identity);
    const mask = Float32Array.from({ length: 77 + 77 }, (_, t) => (t < 77 + 4 ? 0 : -Infinity));
    for (let frame = 0; frame < 3; frame++) {
      const tilde = story.prepareFrame(frame, settings('off')).cond;
      const { y } = await session.run({
        x: new ort.Tensor('float32', x, [1, QUERIES, DIM]),
        c: tensor(tilde),
        c_id: tensor(cId),
        mask: new ort.Tensor('float32', mask, [1, 1, 1, 154]),
      });
      expectSameOutput(await runUnet(story.prepareFrame(frame, settings('reference')).cond), y.data as Float32Array);
    }
  });

  it('the IPCA modes really change what the block computes', async () => {
    const [off, paper, reference] = await Promise.all((['off', 'paper', 'reference'] as const).map((mode) => runUnet(story.prepareFrame(1, settings(mode)).cond)));
    expect(off).not.toEqual(paper);
    expect(off).not.toEqual(reference);
    expect(paper).not.toEqual(reference);
  });
});
