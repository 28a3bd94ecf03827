// Concrete shape inference over an ONNX graph: given the inputs' dims, every node output's dims,
// element type and byte size, in graph order, and the largest one. Small integer tensors carry their
// values (shape subgraphs), so Reshape, Expand, Slice, Resize and the like get their real targets.
// What cannot be determined is marked unknown and reported, never guessed.
import { describeValue } from '../models/value-signature.ts';
import { NodeView } from './node-view.ts';
import type { GraphNode, OnnxGraph, Tensor } from './onnx-graph.ts';
import { readOnnxGraph } from './read-graph.ts';
import { ruleFor } from './shape-rules.ts';
import { ELEMENT_BYTES, elementCount, tensor } from './tensor-math.ts';

export interface TensorSize { name: string; node: string; op: string; dims: number[]; elemType: string; bytes: number }
export interface UnknownShape { node: string; op: string; reason: string }
export interface GraphShapes {
  /** every node output whose shape was determined, in graph order */
  tensors: TensorSize[];
  /** the largest intermediate or output tensor by bytes (graph inputs and initializers excluded) */
  largest: TensorSize | null;
  unknown: UnknownShape[];
}

/** Reads the graph (never its weights) and infers its shapes for these input dims. */
export async function inferGraphShapes(modelPath: string, inputs: Record<string, number[]>): Promise<GraphShapes> {
  return inferShapes(await readOnnxGraph(modelPath), inputs);
}

/** Shapes for one set of input dims; read the graph once and call this per batch size or resolution. */
export function inferShapes(graph: OnnxGraph, inputs: Record<string, number[]>): GraphShapes {
  const known = new Map<string, Tensor>(graph.initializers);
  const unknown: UnknownShape[] = [];
  /** Why a value is unknown, for the nodes that read it. */
  const missing = new Map<string, string>();
  for (const [name, reason] of bindInputs(graph, inputs, known)) {
    missing.set(name, reason);
    unknown.push({ node: name, op: 'graph input', reason });
  }

  const tensors: TensorSize[] = [];
  for (const node of topologicalOrder(graph.nodes, new Set([...known.keys(), ...missing.keys()]))) {
    const label = node.name || node.outputs[0];
    const fail = (reason: string) => {
      unknown.push({ node: label, op: node.opType, reason });
      for (const output of node.outputs) if (output) missing.set(output, `it comes from ${label} (${node.opType}), whose shape is unknown`);
    };
    const blocked = node.inputs.find((i) => i !== '' && !known.has(i));
    if (blocked !== undefined) {
      fail(`input "${blocked}" is unknown: ${missing.get(blocked) ?? 'nothing produces it'}`);
      continue;
    }
    const rule = ruleFor(node.domain, node.opType);
    if (!rule) {
      fail(`no shape rule for ${node.domain ? `${node.domain}.` : ''}${node.opType}`);
      continue;
    }
    let outputs: Tensor[];
    try {
      outputs = rule(new NodeView(node, graph.opsets.get(node.domain) ?? 0, node.inputs.map((i) => (i === '' ? undefined : known.get(i)))));
    } catch (error) {
      fail((error as Error).message);
      continue;
    }
    node.outputs.forEach((name, i) => {
      if (!name) return;
      const out = outputs[i];
      if (!out || out.dims.some((d) => !Number.isInteger(d) || d < 0)) {
        unknown.push({ node: label, op: node.opType, reason: out ? `output ${i} came out as [${out.dims.join(', ')}]` : `output ${i} is not modelled` });
        missing.set(name, `it is output ${i} of ${label} (${node.opType})`);
        return;
      }
      known.set(name, out);
      tensors.push({ name, node: label, op: node.opType, dims: out.dims, elemType: out.elemType, bytes: elementCount(out.dims) * (ELEMENT_BYTES[out.elemType] ?? 0) });
    });
  }
  const largest = tensors.reduce<TensorSize | null>((best, t) => (best === null || t.bytes > best.bytes ? t : best), null);
  return { tensors, largest, unknown };
}

/** Puts each graph input's dims into `known`; returns the inputs left unknown, with why. */
function bindInputs(graph: OnnxGraph, inputs: Record<string, number[]>, known: Map<string, Tensor>): [string, string][] {
  const declared = new Map(graph.inputs.map((i) => [i.name, i]));
  const strangers = Object.keys(inputs).filter((name) => !declared.has(name));
  if (strangers.length) throw new Error(`the graph has no input ${strangers.join(', ')} (its inputs: ${[...declared.keys()].join(', ')})`);
  const left: [string, string][] = [];
  for (const input of graph.inputs) {
    const given = inputs[input.name];
    const fixed = input.shape.every((d) => typeof d === 'number') ? (input.shape as number[]) : undefined;
    const dims = given ?? fixed;
    if (input.type === 'non-tensor') {
      left.push([input.name, 'it is not a tensor']);
    } else if (!dims) {
      left.push([input.name, `no dims given for ${describeValue(input)}`]);
    } else if (dims.length !== input.shape.length || input.shape.some((d, i) => typeof d === 'number' && d !== dims[i])) {
      throw new Error(`input dims [${dims.join(', ')}] do not fit ${describeValue(input)}`);
    } else {
      known.set(input.name, tensor([...dims], input.type));
    }
  }
  return left;
}

/**
 * The nodes in an order where each comes after the producers of its inputs: the file's own order when
 * it already is (exporters write them sorted), else a stable topological sort. Nodes in a cycle or fed
 * by nothing keep their place at the end and are reported unknown.
 */
function topologicalOrder(nodes: GraphNode[], available: Set<string>): GraphNode[] {
  const ready = new Set(available);
  if (nodes.every((node) => node.inputs.every((i) => i === '' || ready.has(i)) && node.outputs.every((o) => ready.add(o)))) return nodes;
  const producer = new Map<string, number>();
  nodes.forEach((node, k) => node.outputs.forEach((o) => o && producer.set(o, k)));
  const waitingOn = nodes.map((node) => new Set(node.inputs.filter((i) => i !== '' && !available.has(i) && producer.has(i)).map((i) => producer.get(i) as number)));
  const consumers = nodes.map(() => [] as number[]);
  waitingOn.forEach((producers, k) => producers.forEach((p) => consumers[p].push(k)));
  const order: number[] = [];
  const placed = new Set<number>();
  // Repeatedly take the first node in file order whose producers are all placed.
  const queue = nodes.map((_, k) => k).filter((k) => waitingOn[k].size === 0);
  while (queue.length) {
    queue.sort((a, b) => a - b);
    const k = queue.shift() as number;
    order.push(k);
    placed.add(k);
    for (const c of consumers[k]) {
      waitingOn[c].delete(k);
      if (waitingOn[c].size === 0) queue.push(c);
    }
  }
  return [...order, ...nodes.map((_, k) => k).filter((k) => !placed.has(k))].map((k) => nodes[k]);
}
