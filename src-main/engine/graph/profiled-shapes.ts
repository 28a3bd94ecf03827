// For tests: every node's output types and dims as onnxruntime itself computes them, from its profiler
// (one CPU run with graph optimisations off, so node names stay those of the file).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { GraphShapes } from './infer-shapes.ts';

/** node name → [elemType, dims] per output, in the names this module uses. */
export type ProfiledShapes = Map<string, [string, number[]][]>;

/** The profiler's element type names → onnxruntime-node's. */
const PROFILER_TYPES: Record<string, string> = { float: 'float32', double: 'float64', MLFloat16: 'float16', BFloat16: 'bfloat16' };

interface ProfileEvent {
  cat: string;
  name: string;
  args?: { output_type_shape?: Record<string, number[]>[] };
}

export async function profiledShapes(modelPath: string, inputs: Record<string, number[]>): Promise<ProfiledShapes> {
  const dir = mkdtempSync(join(tmpdir(), 'ort-profile-'));
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      enableProfiling: true, profileFilePrefix: join(dir, 'profile'), graphOptimizationLevel: 'disabled', intraOpNumThreads: 1,
    });
    const feeds = Object.fromEntries(session.inputMetadata.map((m) => {
      if (!m.isTensor) throw new Error(`${m.name} is not a tensor`);
      const dims = inputs[m.name];
      const count = dims.reduce((a, b) => a * b, 1);
      const data = m.type === 'int64' ? new BigInt64Array(count) : m.type === 'int32' ? new Int32Array(count) : new Float32Array(count);
      return [m.name, new ort.Tensor(m.type as 'float32', data as Float32Array, dims)];
    }));
    await session.run(feeds);
    session.endProfiling(); // onnxruntime-node does not return the file's path: it is the one file in `dir`
    await session.release();
    const [file] = readdirSync(dir);
    const events = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ProfileEvent[];
    const shapes: ProfiledShapes = new Map();
    for (const event of events) {
      if (event.cat !== 'Node' || !event.name.endsWith('_kernel_time')) continue;
      const outputs = (event.args?.output_type_shape ?? []).map((o): [string, number[]] => {
        const [[type, dims]] = Object.entries(o);
        return [PROFILER_TYPES[type] ?? type, dims];
      });
      shapes.set(event.name.slice(0, -'_kernel_time'.length), outputs);
    }
    return shapes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where inferred shapes differ from onnxruntime's: one line per node onnxruntime ran whose outputs
 * (element type and dims, in order) are not exactly the inferred ones. Empty when they all agree.
 */
export function differences(shapes: GraphShapes, profiled: ProfiledShapes): string[] {
  const inferred = new Map<string, [string, number[]][]>();
  for (const t of shapes.tensors) inferred.set(t.node, [...(inferred.get(t.node) ?? []), [t.elemType, t.dims]]);
  const lines: string[] = [];
  for (const [node, outputs] of profiled) {
    const ours = JSON.stringify(inferred.get(node) ?? 'unknown');
    if (ours !== JSON.stringify(outputs)) lines.push(`${node}: inferred ${ours}, onnxruntime ${JSON.stringify(outputs)}`);
  }
  return lines;
}
