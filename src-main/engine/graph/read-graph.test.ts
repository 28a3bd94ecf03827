// The graph is read without its weights: external data files are never opened, inline weights are
// skipped, and only small tensors' values are kept.
import { rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../scripts/onnx/graph-builder.ts';
import { makeTempRoot } from '../models/test-folders.ts';
import { inferGraphShapes } from './infer-shapes.ts';
import { readOnnxGraph } from './read-graph.ts';

const { root, cleanup } = makeTempRoot('read-graph-');
afterAll(cleanup);

/** x [n, 256] · W [256, 128], reshaped by a small int64 constant: W is 128 KiB, past one read chunk. */
function projection(): GraphBuilder {
  const g = new GraphBuilder();
  const x = g.input('x', 'float32', ['n', 256]);
  const w = g.constant('w', Float32Array.from({ length: 256 * 128 }, (_, i) => i % 7), [256, 128]);
  const shape = g.constant('shape', [0, 2, -1], [3], 'int64');
  const y = g.node('Reshape', [g.node('MatMul', [x, w], {}, { name: 'projected' }), shape], {}, { name: 'heads' });
  g.output(g.node('Softmax', [y], { axis: -1 }), 'y', 'float32', null);
  return g;
}

describe('readOnnxGraph', () => {
  it('keeps the values of small initializers only, and reads nodes with their attributes', async () => {
    const path = join(root, 'inline', 'model.onnx');
    projection().save(path);
    const graph = await readOnnxGraph(path);
    expect(graph.initializers.get('w')).toEqual({ dims: [256, 128], elemType: 'float32', values: null });
    expect(graph.initializers.get('shape')).toEqual({ dims: [3], elemType: 'int64', values: [0, 2, -1] });
    expect(graph.opsets).toEqual(new Map([['', 17]]));
    expect(graph.inputs).toEqual([{ name: 'x', type: 'float32', shape: ['n', 256] }]);
    expect(graph.nodes.map((n) => n.opType)).toEqual(['MatMul', 'Reshape', 'Softmax', 'Identity']);
    expect(graph.nodes[2].attributes.get('axis')).toEqual({ type: 'int', value: -1 });
  });

  it('never opens the external data file: shapes come out the same with it deleted or truncated', async () => {
    const dir = join(root, 'external');
    const path = join(dir, 'model.onnx');
    projection().save(path, { externalData: { location: 'model.onnx_data' } });
    const before = await inferGraphShapes(path, { x: [3, 256] });
    expect(before.largest).toMatchObject({ name: 'projected', dims: [3, 128], bytes: 3 * 128 * 4 });
    truncateSync(join(dir, 'model.onnx_data'), 10);
    expect(await inferGraphShapes(path, { x: [3, 256] })).toEqual(before);
    rmSync(join(dir, 'model.onnx_data'));
    const after = await inferGraphShapes(path, { x: [3, 256] });
    expect(after).toEqual(before);
    expect(after.tensors.find((t) => t.name === 'heads')?.dims).toEqual([3, 2, 64]);
    expect((await readOnnxGraph(path)).initializers.get('w')).toEqual({ dims: [256, 128], elemType: 'float32', values: null });
  });
});
