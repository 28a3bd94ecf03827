// The element type of every value in a graph, from its inputs, initializers and each op's typing rule: what the
// float16 pass needs to know which values are float32. Shapes are not needed, so no input dims are asked for.
import type { GraphMessage, NodeMessage } from '../onnx/onnx-proto.ts';
import { FLOAT, INT64 } from './model-file.ts';

const BOOL = 9;
const ALWAYS_INT64 = new Set(['Shape', 'Size', 'NonZero', 'ArgMax', 'ArgMin']);
const ALWAYS_BOOL = new Set(['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);

function attribute(node: NodeMessage, name: string) {
  return node.attribute.find((a) => a.name === name);
}

/** Output element types of one node, given its inputs' types (undefined where not known). */
function outputTypes(node: NodeMessage, typeOf: (name: string) => number | undefined): (number | undefined)[] {
  const same = (t: number | undefined) => node.output.map(() => t);
  const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${node.opType}` : node.opType;
  if (op === 'Cast') return same(Number(attribute(node, 'to')?.i));
  if (op === 'CastLike') return same(typeOf(node.input[1]));
  if (ALWAYS_INT64.has(op)) return same(INT64);
  if (ALWAYS_BOOL.has(op)) return same(BOOL);
  if (op === 'Where') return same(typeOf(node.input[1]));
  if (op === 'TopK') return [typeOf(node.input[0]), INT64];
  if (op === 'Constant') {
    const value = node.attribute[0];
    if (value?.t) return same(value.t.dataType);
    return same(value?.name === 'value_float' || value?.name === 'value_floats' ? FLOAT : INT64);
  }
  if (op === 'ConstantOfShape') return same(attribute(node, 'value')?.t?.dataType ?? FLOAT);
  const first = node.input.find((name) => name !== '');
  return same(first === undefined ? undefined : typeOf(first));
}

export function elemTypes(graph: GraphMessage): Map<string, number> {
  const types = new Map<string, number>();
  for (const v of graph.input) types.set(v.name, v.type.tensorType.elemType);
  for (const t of graph.initializer) types.set(t.name, t.dataType);
  for (const node of graph.node) {
    outputTypes(node, (name) => types.get(name)).forEach((t, i) => {
      if (t !== undefined && node.output[i]) types.set(node.output[i], t);
    });
  }
  return types;
}
