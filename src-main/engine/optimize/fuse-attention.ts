// Attention fusion: the unfused multi-head attention the fixture exports write (per-head Reshape and Transpose of
// the q, k and v projections, QKᵀ scaled by a constant, Softmax, ·V, heads merged back) becomes one com.microsoft
// MultiHeadAttention over the unpacked projections [B, S, heads × width], which onnxruntime's GPU providers run as
// one kernel. Masked attention (CLIP's causal mask) is left as it is.
import type { GraphMessage, ModelMessage, NodeMessage, TensorMessage } from '../onnx/onnx-proto.ts';
import { tensorNumbers } from './model-file.ts';

export const MS_DOMAIN = 'com.microsoft';
const INT = 2;
const FLOAT_ATTR = 1;

interface Index {
  producer: Map<string, NodeMessage>;
  readers: Map<string, NodeMessage[]>;
  initializers: Map<string, TensorMessage>;
}

function index(graph: GraphMessage): Index {
  const producer = new Map<string, NodeMessage>();
  const readers = new Map<string, NodeMessage[]>();
  for (const node of graph.node) {
    for (const out of node.output) producer.set(out, node);
    for (const input of node.input) readers.set(input, [...(readers.get(input) ?? []), node]);
  }
  return { producer, readers, initializers: new Map(graph.initializer.map((t) => [t.name, t])) };
}

const ints = (node: NodeMessage, name: string) => node.attribute.find((a) => a.name === name)?.ints;
const samePerm = (node: NodeMessage | undefined, perm: number[]) => node?.opType === 'Transpose' && ints(node, 'perm')?.join() === perm.join();

/** Reads a constant input (initializer or Constant node) as numbers; null when it is computed. */
function constant(ix: Index, name: string, dir: string): number[] | null {
  const producer = ix.producer.get(name);
  const t = ix.initializers.get(name) ?? (producer?.opType === 'Constant' ? producer.attribute.find((a) => a.name === 'value')?.t : undefined);
  return t ? tensorNumbers(t, dir) : null;
}

interface Match {
  q: string;
  k: string;
  v: string;
  heads: number;
  scale: number;
  /** the merged heads' value, [B, S, heads × width]: the fused node's output */
  output: string;
}

/** x [B, S, D] split into heads: Transpose(perm)(Reshape(x, [0, 0, heads, width])); returns x and the heads. */
function splitHeads(ix: Index, value: string, perm: number[], dir: string): { x: string; heads: number; width: number } | null {
  const transpose = ix.producer.get(value);
  if (!samePerm(transpose, perm)) return null;
  const reshape = ix.producer.get(transpose!.input[0]);
  if (reshape?.opType !== 'Reshape') return null;
  const shape = constant(ix, reshape.input[1], dir);
  if (shape?.length !== 4 || shape[0] !== 0 || shape[1] !== 0 || shape[2] <= 0 || shape[3] <= 0) return null;
  return { x: reshape.input[0], heads: shape[2], width: shape[3] };
}

function matchAt(ix: Index, softmax: NodeMessage, dir: string): Match | null {
  const axis = softmax.attribute.find((a) => a.name === 'axis')?.i ?? -1;
  if (axis !== -1 && axis !== 3) return null;
  const mul = ix.producer.get(softmax.input[0]);
  if (mul?.opType !== 'Mul') return null;
  const scoresAt = mul.input.findIndex((name) => ix.producer.get(name)?.opType === 'MatMul');
  const scale = scoresAt < 0 ? null : constant(ix, mul.input[1 - scoresAt], dir);
  if (scale?.length !== 1) return null;
  const qk = ix.producer.get(mul.input[scoresAt])!;
  const q = splitHeads(ix, qk.input[0], [0, 2, 1, 3], dir);
  const k = splitHeads(ix, qk.input[1], [0, 2, 3, 1], dir);
  const [pv] = ix.readers.get(softmax.output[0]) ?? [];
  if (!q || !k || pv?.opType !== 'MatMul' || pv.input[0] !== softmax.output[0] || ix.readers.get(softmax.output[0])!.length !== 1) return null;
  const v = splitHeads(ix, pv.input[1], [0, 2, 1, 3], dir);
  const [merge] = ix.readers.get(pv.output[0]) ?? [];
  if (!v || !samePerm(merge, [0, 2, 1, 3])) return null;
  const [reshape] = ix.readers.get(merge.output[0]) ?? [];
  const shape = reshape?.opType === 'Reshape' ? constant(ix, reshape.input[1], dir) : null;
  const same = q.heads === k.heads && k.heads === v.heads && q.width === k.width && k.width === v.width;
  if (!same || shape?.length !== 3 || shape[0] !== 0 || shape[1] !== 0 || shape[2] !== q.heads * q.width) return null;
  return { q: q.x, k: k.x, v: v.x, heads: q.heads, scale: scale[0], output: reshape.output[0] };
}

/** Drops nodes none of whose outputs is read (or is a graph output), and initializers nothing reads. */
function pruneUnused(graph: GraphMessage): void {
  const outputs = new Set(graph.output.map((v) => v.name));
  let changed = true;
  while (changed) {
    const read = new Set(graph.node.flatMap((n) => n.input));
    const kept = graph.node.filter((n) => n.output.some((o) => o !== '' && (read.has(o) || outputs.has(o))));
    changed = kept.length !== graph.node.length;
    graph.node = kept;
  }
  const read = new Set(graph.node.flatMap((n) => n.input));
  graph.initializer = graph.initializer.filter((t) => read.has(t.name) || outputs.has(t.name));
}

/** Fuses every matching attention in place; returns how many MultiHeadAttention nodes it made. */
export function fuseAttention(model: ModelMessage, sourceDir: string): number {
  const graph = model.graph;
  const ix = index(graph);
  const fused = new Map<NodeMessage, NodeMessage>(); // the heads-merging Reshape → the node replacing it
  for (const node of graph.node) {
    if (node.opType !== 'Softmax' || (node.domain ?? '') !== '') continue;
    const m = matchAt(ix, node, sourceDir);
    if (!m) continue;
    fused.set(ix.producer.get(m.output)!, {
      name: `${m.output}/MultiHeadAttention`,
      opType: 'MultiHeadAttention',
      domain: MS_DOMAIN,
      input: [m.q, m.k, m.v],
      output: [m.output],
      attribute: [
        { name: 'num_heads', type: INT, i: m.heads },
        { name: 'scale', type: FLOAT_ATTR, f: m.scale },
      ],
    });
  }
  if (fused.size === 0) return 0;
  graph.node = graph.node.map((n) => fused.get(n) ?? n);
  pruneUnused(graph);
  if (!model.opsetImport.some((o) => o.domain === MS_DOMAIN)) model.opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  return fused.size;
}
