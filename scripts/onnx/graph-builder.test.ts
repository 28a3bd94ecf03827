import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../fixtures/random.ts';
import { GraphBuilder, float, floats } from './graph-builder.ts';
import { DATA_LOCATION_EXTERNAL, decodeModel } from '../../src-main/engine/onnx/onnx-proto.ts';
import { matmul } from './reference-math.ts';
import { halfBits } from '../../src-main/engine/onnx/tensor-data.ts';

const tmp = mkdtempSync(join(tmpdir(), 'graph-builder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function matmulGraph(weight: Float32Array): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input('x', 'float32', ['batch', 'sequence', 8]);
  const w = g.constant('w', weight, [8, 8]);
  const bias = g.constant('b', new Float32Array(8).fill(0.5), [8]);
  g.output(g.node('Add', [g.node('MatMul', [x, w]), bias]), 'y', 'float32', ['batch', 'sequence', 8]);
  return g;
}

describe('GraphBuilder', () => {
  const weight = new Random(1).normals(64);
  const xs = new Random(2).normals(2 * 3 * 8);
  const expected = Array.from(matmul(xs, weight, 6, 8, 8), (v) => v + 0.5);

  it('writes a model ONNX Runtime loads, with symbolic and fixed dims, and computes x·W + b', async () => {
    const session = await ort.InferenceSession.create(matmulGraph(weight).toBytes({ opset: 17, producer: 'test' }));
    expect(session.inputMetadata).toEqual([{ name: 'x', isTensor: true, type: 'float32', shape: ['batch', 'sequence', 8] }]);
    expect(session.outputMetadata).toEqual([{ name: 'y', isTensor: true, type: 'float32', shape: ['batch', 'sequence', 8] }]);
    const { y } = await session.run({ x: new ort.Tensor('float32', xs, [2, 3, 8]) });
    expect(y.dims).toEqual([2, 3, 8]);
    Array.from(y.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
  });

  it('is deterministic and records opset, IR version and producer', () => {
    const a = matmulGraph(weight).toBytes({ opset: 17, producer: 'test' });
    expect(Buffer.from(a).equals(Buffer.from(matmulGraph(weight).toBytes({ opset: 17, producer: 'test' })))).toBe(true);
    const model = decodeModel(a);
    expect(model.irVersion).toBe(8);
    expect(model.producerName).toBe('test');
    expect(model.opsetImport.map((o) => [o.domain ?? '', o.version])).toEqual([['', 17]]);
  });

  it('moves large initializers to an external data file that ONNX Runtime reads', async () => {
    const path = join(tmp, 'ext', 'model.onnx');
    matmulGraph(weight).save(path, { externalData: { location: 'model.onnx_data', threshold: 64 } });
    const model = decodeModel(readFileSync(path));
    const w = model.graph.initializer.find((t) => t.name === 'w')!;
    const b = model.graph.initializer.find((t) => t.name === 'b')!;
    expect(w.dataLocation).toBe(DATA_LOCATION_EXTERNAL);
    expect(w.externalData).toEqual([{ key: 'location', value: 'model.onnx_data' }, { key: 'offset', value: '0' }, { key: 'length', value: '256' }]);
    expect(b.rawData?.length).toBe(32); // under the threshold: stays inline
    expect(readFileSync(join(tmp, 'ext', 'model.onnx_data')).length).toBe(256);
    const session = await ort.InferenceSession.create(path);
    const { y } = await session.run({ x: new ort.Tensor('float32', xs, [2, 3, 8]) });
    Array.from(y.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
  });

  it('aligns external tensors', () => {
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', [3]);
    const a = g.constant('a', [1, 2, 3], [3]);
    const b = g.constant('b', [4, 5, 6], [3]);
    g.output(g.node('Add', [g.node('Add', [x, a]), b]), 'y', 'float32', [3]);
    const { model, externalData } = g.serialize({ externalData: { location: 'w.bin', threshold: 1, align: 16 } });
    const offsets = decodeModel(model).graph.initializer.map((t) => t.externalData?.find((e) => e.key === 'offset')?.value);
    expect(offsets).toEqual(['0', '16']);
    expect(externalData?.length).toBe(28);
  });

  it('stores float16, int32 and int64 constants and float16 / int64 / int32 graph I/O', async () => {
    const g = new GraphBuilder();
    const h = g.input('h', 'float16', [2]);
    const l = g.input('l', 'int64', ['n']);
    const i = g.input('i', 'int32', [1]);
    g.output(g.node('Add', [h, g.constant('hc', [0.5, -1.25], [2], 'float16')]), 'h_out', 'float16', [2]);
    g.output(g.node('Mul', [l, g.constant('lc', [3], [1], 'int64')]), 'l_out', 'int64', ['n']);
    g.output(g.node('Add', [i, g.scalar(7, 'int32')]), 'i_out', 'int32', [1]);
    const session = await ort.InferenceSession.create(g.toBytes());
    expect(session.inputMetadata.map((m) => (m.isTensor ? [m.name, m.type, m.shape] : null))).toEqual([
      ['h', 'float16', [2]], ['l', 'int64', ['n']], ['i', 'int32', [1]],
    ]);
    const out = await session.run({
      h: new ort.Tensor('float16', Uint16Array.from([halfBits(1), halfBits(2)]), [2]),
      l: new ort.Tensor('int64', BigInt64Array.from([2n, -5n, 2n ** 40n]), [3]),
      i: new ort.Tensor('int32', Int32Array.from([-2]), [1]),
    });
    // Node 22 has no Float16Array: float16 tensors travel as their bit patterns.
    expect(Array.from(out.h_out.data as Uint16Array)).toEqual([halfBits(1.5), halfBits(0.75)]);
    expect(Array.from(out.l_out.data as BigInt64Array)).toEqual([6n, -15n, 3n * 2n ** 40n]);
    expect(Array.from(out.i_out.data as Int32Array)).toEqual([5]);
  });

  it('writes int, float, ints, floats and string attributes', async () => {
    const g = new GraphBuilder();
    const x = g.input('x', 'float32', [2, 3]);
    const t = g.node('Transpose', [x], { perm: [1, 0] });
    const leaky = g.node('LeakyRelu', [t], { alpha: float(2) });
    const resized = g.node('Resize', [g.node('Unsqueeze', [leaky, g.int64s([0, 1])]), '', g.constant('s', [1, 1, 1, 2], [4])], { mode: 'nearest' });
    g.output(resized, 'y', 'float32', [1, 1, 3, 4]);
    g.output(g.node('Constant', [], { value_floats: floats([1, 2]) }), 'c', 'float32', [2]);
    const session = await ort.InferenceSession.create(g.toBytes());
    const { y, c } = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, -2, 3, -4, 5, -6]), [2, 3]) });
    expect(Array.from(y.data as Float32Array)).toEqual([1, 1, -8, -8, -4, -4, 5, 5, 3, 3, -12, -12]);
    expect(Array.from(c.data as Float32Array)).toEqual([1, 2]);
  });

  it('rejects duplicate names, unknown inputs and mis-sized constants', () => {
    const g = new GraphBuilder();
    g.input('x', 'float32', [1]);
    expect(() => g.input('x', 'float32', [1])).toThrow(/duplicate/);
    expect(() => g.node('Relu', ['nope'])).toThrow(/unknown input "nope"/);
    expect(() => g.constant('c', [1, 2, 3], [2, 2])).toThrow(/3 values for dims \[2, 2\]/);
    expect(() => g.output('nope', 'y', 'float32', [1])).toThrow(/unknown input "nope"/);
  });
});

describe('halfBits', () => {
  it('encodes IEEE binary16 with round-to-nearest-even', () => {
    expect([1, -2, 0.1, 65504, 65519, 65520, 2 ** -24, 2 ** -14, 0, -0, Infinity, 1 + 2 ** -11, 1 + 3 * 2 ** -11].map(halfBits))
      .toEqual([0x3c00, 0xc000, 0x2e66, 0x7bff, 0x7bff, 0x7c00, 0x0001, 0x0400, 0, 0x8000, 0x7c00, 0x3c00, 0x3c02]);
    expect(halfBits(NaN)).toBe(0x7e00);
  });
});
