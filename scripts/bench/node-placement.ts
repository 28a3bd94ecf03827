// Where onnxruntime runs each node of a graph, and how long each op type takes there: one profiled run of a
// separate session with the engine's options (onnxruntime-node 1.30 does not surface the verbose
// VerifyEachNodeIsAssignedToAnEp log to JavaScript; its profiler records each kernel's provider and op instead).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { toHalfBits } from '../../src-main/engine/models/float16.ts';

export interface OpPlacement { op: string; nodes: number; ms: number }
/** provider → op types run there (node count and kernel time of the profiled run), slowest first */
export type NodePlacement = Record<string, OpPlacement[]>;

interface ProfileEvent { cat: string; name: string; dur: number; args?: { provider?: string; op_name?: string } }

/** Feeds of the given dims for a session's inputs, in their element types (values 0.1; int ids 1). */
export function constantFeeds(session: InferenceSession, dims: Record<string, number[]>): Record<string, Tensor> {
  return Object.fromEntries(session.inputMetadata.map((m) => {
    if (!m.isTensor) throw new Error(`${m.name} is not a tensor`);
    const shape = dims[m.name];
    if (!shape) throw new Error(`no dims for input ${m.name}`);
    const n = shape.reduce((a, b) => a * b, 1);
    switch (m.type) {
      case 'int64': return [m.name, new Tensor('int64', new BigInt64Array(n).fill(1n), shape)];
      case 'int32': return [m.name, new Tensor('int32', new Int32Array(n).fill(1), shape)];
      case 'float16': return [m.name, new Tensor('float16', toHalfBits(new Float32Array(n).fill(0.1)), shape)];
      default: return [m.name, new Tensor('float32', new Float32Array(n).fill(0.1), shape)];
    }
  }));
}

export async function profileNodePlacement(path: string, options: InferenceSession.SessionOptions, dims: Record<string, number[]>): Promise<NodePlacement> {
  const dir = mkdtempSync(join(tmpdir(), 'placement-'));
  try {
    const session = await InferenceSession.create(path, { ...options, enableProfiling: true, profileFilePrefix: join(dir, 'profile') });
    await session.run(constantFeeds(session, dims));
    session.endProfiling();
    await session.release();
    const events = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')) as ProfileEvent[];
    const byProvider = new Map<string, Map<string, OpPlacement>>();
    for (const e of events) {
      if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || !e.args?.provider || !e.args.op_name) continue;
      const ops = byProvider.get(e.args.provider) ?? new Map<string, OpPlacement>();
      byProvider.set(e.args.provider, ops);
      const entry = ops.get(e.args.op_name) ?? { op: e.args.op_name, nodes: 0, ms: 0 };
      entry.nodes += 1;
      entry.ms += e.dur / 1000;
      ops.set(e.args.op_name, entry);
    }
    return Object.fromEntries([...byProvider].map(([provider, ops]) => [provider, [...ops.values()].sort((a, b) => b.ms - a.ms)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
