// A model.onnx's declared inputs and outputs and the external weight files it refers to, read from the
// protobuf without creating a session (field numbers from onnx.proto).
import { readFailure } from '../files/regular-file.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import { MalformedProtobuf, ProtobufFileReader, WIRE_LEN, WIRE_VARINT } from './protobuf-file-reader.ts';
import type { ValueSignature } from './value-signature.ts';

export interface ExternalDataRef {
  /** file name beside the model, as the tensor names it */
  location: string;
  /** the byte the last tensor stored there ends at; null when no tensor gives its offset and length */
  end: number | null;
}

export interface OnnxGraphIo {
  inputs: ValueSignature[];
  outputs: ValueSignature[];
  externalData: ExternalDataRef[];
}

const MODEL = { irVersion: 1, graph: 7 };
const GRAPH = { initializer: 5, input: 11, output: 12 };
const TENSOR = { name: 8, externalData: 13, dataLocation: 14 };
const DATA_LOCATION_EXTERNAL = 1;
const VALUE_INFO = { name: 1, type: 2 };
const TYPE = { tensor: 1 };
const TENSOR_TYPE = { elemType: 1, shape: 2 };
const SHAPE = { dim: 1 };
const DIM = { value: 1, param: 2 };
const ENTRY = { key: 1, value: 2 };

/** TensorProto.DataType codes, named as onnxruntime names element types. */
export const ELEMENT_TYPES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

export function readOnnxGraphIo(path: string): Promise<OnnxGraphIo> {
  return withModelFile(path, readModel);
}

/**
 * Opens a model file for `read`, turning what is wrong with the file (missing, empty, an impostor,
 * malformed or truncated protobuf) into a ModelFolderError that names it.
 */
export async function withModelFile<T>(path: string, read: (reader: ProtobufFileReader) => Promise<T>): Promise<T> {
  let reader: ProtobufFileReader;
  try {
    reader = await ProtobufFileReader.open(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ModelFolderError(path, missing ? 'the model file is missing' : readFailure(error), REEXPORT, { cause: error });
  }
  try {
    if (reader.size === 0) throw new ModelFolderError(path, 'the model file is empty', REEXPORT);
    const impostor = recognizeImpostor(await reader.head(64));
    if (impostor) throw new ModelFolderError(path, impostor.problem, impostor.remedy);
    return await read(reader);
  } catch (error) {
    if (!(error instanceof MalformedProtobuf)) throw error;
    const problem = error.truncated ? `the model file is truncated (it ends after ${reader.size} bytes)` : `not an ONNX model (${error.message})`;
    throw new ModelFolderError(path, problem, REEXPORT, { cause: error });
  } finally {
    await reader.close();
  }
}

/** Files that often stand where a model should: a Git LFS pointer, or an error page saved by a failed download. */
function recognizeImpostor(head: Buffer): { problem: string; remedy: string } | null {
  const text = head.toString('latin1');
  if (text.startsWith('version https://git-lfs')) {
    return { problem: 'this is a Git LFS pointer, not the model', remedy: 'Fetch the real file with `git lfs pull` in the model repository' };
  }
  if (/^\s*(<!doctype|<html|<\?xml|\{)/i.test(text)) {
    return { problem: 'this is a text or web page, not an ONNX model', remedy: 'Download the model file again' };
  }
  return null;
}

async function readModel(reader: ProtobufFileReader): Promise<OnnxGraphIo> {
  let graph: OnnxGraphIo | null = null;
  let hasIrVersion = false;
  for await (const { field, wire } of reader.fields(reader.size)) {
    if (field === MODEL.irVersion && wire === WIRE_VARINT) {
      await reader.varint();
      hasIrVersion = true;
    } else if (field === MODEL.graph && wire === WIRE_LEN) {
      graph = await readGraph(reader, await reader.lengthEnd(reader.size));
    } else {
      await reader.skip(wire, reader.size);
    }
  }
  if (!hasIrVersion || !graph) throw new MalformedProtobuf(hasIrVersion ? 'it has no graph' : 'it has no ONNX IR version', false);
  return graph;
}

async function readGraph(reader: ProtobufFileReader, end: number): Promise<OnnxGraphIo> {
  const inputs: ValueSignature[] = [];
  const outputs: ValueSignature[] = [];
  const initializers = new Set<string>();
  const externalData = new Map<string, number | null>();
  for await (const { field, wire } of reader.fields(end)) {
    if (wire !== WIRE_LEN) {
      await reader.skip(wire, end);
    } else if (field === GRAPH.input || field === GRAPH.output) {
      const value = await readValueInfo(reader, await reader.lengthEnd(end));
      (field === GRAPH.input ? inputs : outputs).push(value);
    } else if (field === GRAPH.initializer) {
      const tensor = await readInitializer(reader, await reader.lengthEnd(end));
      initializers.add(tensor.name);
      if (tensor.external) {
        const known = externalData.get(tensor.external.location);
        const ends = [known, tensor.external.end].filter((e) => e != null);
        externalData.set(tensor.external.location, ends.length ? Math.max(...ends) : null);
      }
    } else {
      await reader.skip(wire, end);
    }
  }
  return {
    // Before IR 4, initializers were listed among the inputs too; they are weights, not inputs.
    inputs: inputs.filter((input) => !initializers.has(input.name)),
    outputs,
    externalData: [...externalData].map(([location, dataEnd]) => ({ location, end: dataEnd })),
  };
}

export async function readValueInfo(reader: ProtobufFileReader, end: number): Promise<ValueSignature> {
  const value: ValueSignature = { name: '', type: 'non-tensor', shape: [] };
  for await (const { field, wire } of reader.fields(end)) {
    if (field === VALUE_INFO.name && wire === WIRE_LEN) value.name = await reader.string(end);
    else if (field === VALUE_INFO.type && wire === WIRE_LEN) Object.assign(value, await readType(reader, await reader.lengthEnd(end)));
    else await reader.skip(wire, end);
  }
  return value;
}

async function readType(reader: ProtobufFileReader, end: number): Promise<Pick<ValueSignature, 'type' | 'shape'>> {
  const result: Pick<ValueSignature, 'type' | 'shape'> = { type: 'non-tensor', shape: [] };
  for await (const { field, wire } of reader.fields(end)) {
    if (field !== TYPE.tensor || wire !== WIRE_LEN) {
      await reader.skip(wire, end);
      continue;
    }
    const tensorEnd = await reader.lengthEnd(end);
    for await (const inner of reader.fields(tensorEnd)) {
      if (inner.field === TENSOR_TYPE.elemType && inner.wire === WIRE_VARINT) {
        const code = await reader.varint();
        result.type = ELEMENT_TYPES[code] ?? `element type ${code}`;
      } else if (inner.field === TENSOR_TYPE.shape && inner.wire === WIRE_LEN) {
        result.shape = await readShape(reader, await reader.lengthEnd(tensorEnd));
      } else {
        await reader.skip(inner.wire, tensorEnd);
      }
    }
  }
  return result;
}

/** Dimensions as onnxruntime reports them: a number, or the symbolic name ('' when unnamed). */
async function readShape(reader: ProtobufFileReader, end: number): Promise<(number | string)[]> {
  const shape: (number | string)[] = [];
  for await (const { field, wire } of reader.fields(end)) {
    if (field !== SHAPE.dim || wire !== WIRE_LEN) {
      await reader.skip(wire, end);
      continue;
    }
    const dimEnd = await reader.lengthEnd(end);
    let dim: number | string = '';
    for await (const inner of reader.fields(dimEnd)) {
      if (inner.field === DIM.value && inner.wire === WIRE_VARINT) dim = await reader.varint();
      else if (inner.field === DIM.param && inner.wire === WIRE_LEN) dim = await reader.string(dimEnd);
      else await reader.skip(inner.wire, dimEnd);
    }
    shape.push(dim);
  }
  return shape;
}

interface InitializerHeader {
  name: string;
  external: ExternalDataRef | null;
}

/** An initializer's name and external-data entries; its (possibly huge) inline data is skipped. */
async function readInitializer(reader: ProtobufFileReader, end: number): Promise<InitializerHeader> {
  let name = '';
  let isExternal = false;
  const entries = new Map<string, string>();
  for await (const { field, wire } of reader.fields(end)) {
    if (field === TENSOR.name && wire === WIRE_LEN) {
      name = await reader.string(end);
    } else if (field === TENSOR.dataLocation && wire === WIRE_VARINT) {
      isExternal = (await reader.varint()) === DATA_LOCATION_EXTERNAL;
    } else if (field === TENSOR.externalData && wire === WIRE_LEN) {
      const entryEnd = await reader.lengthEnd(end);
      let key = '';
      let value = '';
      for await (const inner of reader.fields(entryEnd)) {
        if (inner.field === ENTRY.key && inner.wire === WIRE_LEN) key = await reader.string(entryEnd);
        else if (inner.field === ENTRY.value && inner.wire === WIRE_LEN) value = await reader.string(entryEnd);
        else await reader.skip(inner.wire, entryEnd);
      }
      entries.set(key, value);
    } else {
      await reader.skip(wire, end);
    }
  }
  const location = entries.get('location');
  if (!isExternal || location === undefined) return { name, external: null };
  const offset = Number(entries.get('offset') ?? 0);
  const length = entries.get('length');
  return { name, external: { location, end: length === undefined ? null : offset + Number(length) } };
}
