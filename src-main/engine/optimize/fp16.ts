// float16 for GPU providers, as onnxruntime's float16 converter does it with keep_io_types: every float32 weight and
// activation becomes float16, except what must stay float32 (Resize's scales and roi, ops without float16 kernels),
// with Cast nodes at each boundary. Graph inputs and outputs stay float32, so the engine feeds the copy as it feeds
// the original.
import type { ModelMessage, NodeMessage } from '../onnx/onnx-proto.ts';
import { elemTypes } from './elem-types.ts';
import { FLOAT, FLOAT16, halfBytes, tensorBytes } from './model-file.ts';

/** Inputs read as float32 whatever the graph's precision (onnxruntime's ALWAYS_FLOAT_INPUTS, plus Resize's roi). */
const FLOAT_INPUTS: Record<string, readonly number[]> = { Resize: [1, 2], Upsample: [1] };
/** Ops that stay float32 throughout (onnxruntime's block list, the ones a diffusion export may contain). */
const FLOAT_OPS = new Set(['Range', 'TopK', 'RoiAlign', 'NonMaxSuppression', 'CumSum', 'RandomNormalLike', 'RandomUniformLike', 'Multinomial']);
/** Producers whose float type is a choice: made float32 when every reader wants float32. */
const FLEXIBLE_OPS = new Set(['Constant', 'ConstantOfShape', 'Cast']);

export interface Float16Report {
  /** initializers and constants now float16 */
  halfTensors: number;
  /** float32 ones kept so, for inputs that must stay float32 */
  floatTensors: number;
  /** Cast nodes added at the float32/float16 boundaries (graph inputs and outputs included) */
  castNodes: number;
}

const INT = 2;

/** Converts `model` in place; initializers' data stays where it is (the writer halves what is now FLOAT16). */
export function convertToFloat16(model: ModelMessage, sourceDir: string): Float16Report {
  const graph = model.graph;
  if (graph.node.some((n) => n.attribute.some((a) => a.g || a.graphs?.length))) throw new Error('graphs with subgraphs (If, Loop, Scan) are not converted');
  const types = elemTypes(graph);
  const isFloat = (name: string) => name !== '' && types.get(name) === FLOAT;
  const wanted = (node: NodeMessage, i: number) => (FLOAT_OPS.has(node.opType) || FLOAT_INPUTS[node.opType]?.includes(i) ? FLOAT : FLOAT16);

  const readers = new Map<string, number[]>();
  for (const node of graph.node) {
    node.input.forEach((name, i) => {
      if (isFloat(name)) readers.set(name, [...(readers.get(name) ?? []), wanted(node, i)]);
    });
  }
  const onlyFloatReaders = (name: string) => (readers.get(name) ?? []).length > 0 && readers.get(name)!.every((t) => t === FLOAT);
  // the type each float32 value has in the converted graph
  const converted = new Map<string, number>();
  for (const v of graph.input) if (isFloat(v.name)) converted.set(v.name, FLOAT);
  const report: Float16Report = { halfTensors: 0, floatTensors: 0, castNodes: 0 };
  for (const t of graph.initializer) {
    if (t.dataType !== FLOAT) continue;
    const keep = onlyFloatReaders(t.name);
    converted.set(t.name, keep ? FLOAT : FLOAT16);
    if (keep) report.floatTensors++;
    else {
      t.dataType = FLOAT16;
      report.halfTensors++;
    }
  }
  for (const node of graph.node) {
    for (const out of node.output) {
      if (!isFloat(out)) continue;
      const keep = FLOAT_OPS.has(node.opType) || (FLEXIBLE_OPS.has(node.opType) && onlyFloatReaders(out));
      converted.set(out, keep ? FLOAT : FLOAT16);
      if (!keep) halveAttributes(node, sourceDir, report);
      else if (node.opType !== 'Cast') report.floatTensors++;
    }
  }

  const names = new Set([...types.keys(), ...graph.node.map((n) => n.name)]);
  const fresh = (base: string) => {
    let name = base;
    for (let i = 1; names.has(name); i++) name = `${base}_${i}`;
    names.add(name);
    return name;
  };
  const cast = (input: string, output: string, to: number): NodeMessage => {
    report.castNodes++;
    return { name: fresh(`${output}/Cast`), opType: 'Cast', input: [input], output: [output], attribute: [{ name: 'to', type: INT, i: to }] };
  };

  // Outputs stay float32: their producers write a float16 value, cast back under the output's own name.
  const renamed = new Map<string, string>();
  for (const v of graph.output) if (converted.get(v.name) === FLOAT16) renamed.set(v.name, fresh(`${v.name}_fp16`));
  const rename = (name: string) => renamed.get(name) ?? name;

  const nodes: NodeMessage[] = [];
  const casts = new Map<string, string>();
  for (const node of graph.node) {
    node.input = node.input.map((name, i) => {
      const from = converted.get(name);
      const to = wanted(node, i);
      if (from === undefined || from === to) return rename(name);
      const key = `${name}\0${to}`;
      let castName = casts.get(key);
      if (!castName) {
        castName = fresh(`${name}_${to === FLOAT16 ? 'fp16' : 'fp32'}`);
        casts.set(key, castName);
        nodes.push(cast(rename(name), castName, to));
      }
      return castName;
    });
    node.output = node.output.map(rename);
    nodes.push(node);
  }
  for (const [output, half] of renamed) nodes.push(cast(half, output, FLOAT));
  graph.node = nodes;
  return report;
}

/** A node whose float32 output becomes float16: the float type in its attributes follows. */
function halveAttributes(node: NodeMessage, sourceDir: string, report: Float16Report): void {
  if (node.opType === 'ConstantOfShape' && !node.attribute.some((a) => a.name === 'value')) {
    node.attribute.push({ name: 'value', type: 4, t: { name: '', dims: [1], dataType: FLOAT16, rawData: new Uint8Array(2) } }); // its default: float32 zero
  }
  for (const a of node.attribute) {
    if (node.opType === 'Cast' && a.name === 'to') a.i = FLOAT16;
    else if (a.t?.dataType === FLOAT) {
      a.t = { name: a.t.name, dims: a.t.dims, dataType: FLOAT16, rawData: halfBytes(tensorBytes(a.t, sourceDir)) };
      report.halfTensors++;
    } else if (node.opType === 'Constant' && (a.name === 'value_float' || a.name === 'value_floats')) {
      const values = a.name === 'value_float' ? [a.f ?? 0] : (a.floats ?? []);
      const dims = a.name === 'value_float' ? [] : [values.length];
      node.attribute = [{ name: 'value', type: 4, t: { name: '', dims, dataType: FLOAT16, rawData: halfBytes(new Uint8Array(Float32Array.from(values).buffer)) } }];
      report.halfTensors++;
      return;
    }
  }
}
