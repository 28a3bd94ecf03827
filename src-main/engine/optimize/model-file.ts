// Reading an ONNX model whose weights may live in external data files, and writing a transformed copy with its
// weights in one external file beside it. Weights are read one tensor at a time, so a UNet of several gigabytes is
// never held whole in memory.
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DATA_LOCATION_EXTERNAL, decodeModel, encodeModel, type ModelMessage, type TensorMessage } from '../onnx/onnx-proto.ts';
import { toHalfBits } from '../models/float16.ts';

/** TensorProto.DataType codes the passes look at. */
export const FLOAT = 1;
export const INT64 = 7;
export const FLOAT16 = 10;

/** The external data file a derived model writes its weights to. */
export const DERIVED_DATA_FILE = 'model.onnx_data';
/** Weights smaller than this stay inline in the graph (shape constants, scalars), as exporters do. */
const INLINE_BELOW = 1024;
/** The largest finite half: weights beyond it are clamped, as onnxruntime's float16 converter does. */
const HALF_MAX = 65504;

export async function readModel(path: string): Promise<ModelMessage> {
  return decodeModel(await readFile(path));
}

function external(t: TensorMessage): Record<string, string> | null {
  if (t.dataLocation !== DATA_LOCATION_EXTERNAL) return null;
  return Object.fromEntries((t.externalData ?? []).map((e) => [e.key, e.value]));
}

/** A tensor's little-endian bytes, from raw_data, the typed fields, or its external file (relative to `dir`). */
export function tensorBytes(t: TensorMessage, dir: string): Uint8Array {
  const ext = external(t);
  if (ext) {
    const location = ext.location;
    if (!location || basename(location) !== location) throw new Error(`${t.name}: external data location "${location}" is not a file beside the model`);
    const offset = Number(ext.offset ?? 0);
    const length = ext.length !== undefined ? Number(ext.length) : statSync(join(dir, location)).size - offset;
    const out = new Uint8Array(length);
    const fd = openSync(join(dir, location), 'r');
    try {
      for (let read = 0; read < length; ) {
        const n = readSync(fd, out, read, length - read, offset + read);
        if (n === 0) throw new Error(`${t.name}: external data ends before ${length} bytes`);
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }
  if (t.rawData?.length) return t.rawData;
  if (t.floatData?.length) return new Uint8Array(Float32Array.from(t.floatData).buffer);
  if (t.int64Data?.length) return new Uint8Array(BigInt64Array.from(t.int64Data.map((v) => BigInt(v))).buffer);
  if (t.int32Data?.length) return new Uint8Array(Int32Array.from(t.int32Data).buffer);
  if (t.doubleData?.length) return new Uint8Array(Float64Array.from(t.doubleData).buffer);
  return new Uint8Array(0);
}

/** float32 little-endian bytes → float16 bytes, clamped to the half range (±65504) rather than overflowing to ∞. */
export function halfBytes(float32: Uint8Array): Uint8Array {
  const copy = new Float32Array(float32.length / 4);
  new Uint8Array(copy.buffer).set(float32);
  for (let i = 0; i < copy.length; i++) copy[i] = Math.max(-HALF_MAX, Math.min(HALF_MAX, copy[i]));
  return new Uint8Array(toHalfBits(copy).buffer);
}

/** A tensor's values as numbers (small constants: shapes, scales). */
export function tensorNumbers(t: TensorMessage, dir: string): number[] {
  const bytes = tensorBytes(t, dir);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (t.dataType === FLOAT) return Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  if (t.dataType === INT64) return Array.from({ length: bytes.length / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
  throw new Error(`${t.name}: element type ${t.dataType} is not read as numbers here`);
}

/** Plain (inline raw_data) form of a tensor, its data taken from `bytes`. */
function inline(t: TensorMessage, bytes: Uint8Array, dataType: number): TensorMessage {
  return { name: t.name, dims: t.dims, dataType, rawData: bytes };
}

/**
 * Writes `model` to `path`, each initializer's data read from `sourceDir` (converted to float16 when its dataType
 * was changed to FLOAT16 by a pass) and every weight of 1 KiB or more put into DERIVED_DATA_FILE. Returns the
 * bytes written (graph and weights).
 */
export async function writeDerivedModel(path: string, model: ModelMessage, sourceDir: string, sourceTypes: ReadonlyMap<string, number>): Promise<number> {
  const dataPath = join(dirname(path), DERIVED_DATA_FILE);
  const fd = openSync(dataPath, 'w');
  let offset = 0;
  try {
    const initializer = model.graph.initializer.map((t) => {
      let bytes = tensorBytes(t, sourceDir);
      if (t.dataType === FLOAT16 && sourceTypes.get(t.name) === FLOAT) bytes = halfBytes(bytes);
      if (bytes.length < INLINE_BELOW) return inline(t, bytes, t.dataType);
      const start = Math.ceil(offset / 64) * 64; // aligned, as onnxruntime maps external data
      writeSync(fd, bytes, 0, bytes.length, start);
      offset = start + bytes.length;
      const entries = { location: DERIVED_DATA_FILE, offset: String(start), length: String(bytes.length) };
      return { name: t.name, dims: t.dims, dataType: t.dataType, dataLocation: DATA_LOCATION_EXTERNAL, externalData: Object.entries(entries).map(([key, value]) => ({ key, value })) };
    });
    const graphBytes = encodeModel({ ...model, graph: { ...model.graph, initializer } });
    await writeFile(path, graphBytes);
    return graphBytes.length + offset;
  } finally {
    closeSync(fd);
  }
}
