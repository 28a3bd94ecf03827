// Decodes a TensorProto (an initializer, or Constant's `value`) as its dims, element type and — only
// when it holds few elements — its values. Large data (weights) is never decoded; the file reader
// leaves it out before the message reaches here (see MAX_VALUE_BYTES).
import { fromHalfBits } from '../models/float16.ts';
import { ELEMENT_TYPES } from '../models/onnx-graph-io.ts';
import type { ProtobufBytes } from '../models/protobuf-bytes.ts';
import { WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from '../models/protobuf-wire.ts';
import type { Tensor } from './onnx-graph.ts';

const TENSOR = { dims: 1, dataType: 2, floatData: 4, int32Data: 5, int64Data: 7, name: 8, rawData: 9, doubleData: 10, uint64Data: 11 };
const TYPED_DATA = [TENSOR.floatData, TENSOR.int32Data, TENSOR.int64Data, TENSOR.doubleData, TENSOR.uint64Data];

/** Shape subgraphs read axes, shapes, scales and bounds from initializers: a handful of elements each. */
export const MAX_INITIALIZER_VALUES = 64;
/** The most bytes the values of such a tensor take; longer data fields need not be read at all. */
export const MAX_VALUE_BYTES = MAX_INITIALIZER_VALUES * 8;

export interface NamedTensor extends Tensor {
  name: string;
}

export function readTensor(reader: ProtobufBytes, end: number): NamedTensor {
  let name = '';
  const dims: number[] = [];
  let code = 0;
  let raw: Buffer | null = null;
  const typed: number[] = [];
  for (const { field, wire } of reader.fields(end)) {
    if (field === TENSOR.name && wire === WIRE_LEN) name = reader.string(end);
    else if (field === TENSOR.dims) readRepeated(reader, wire, end, () => reader.int64(), dims);
    else if (field === TENSOR.dataType && wire === WIRE_VARINT) code = reader.varint();
    else if (field === TENSOR.rawData && wire === WIRE_LEN) raw = reader.bytes(end);
    else if (TYPED_DATA.includes(field)) readRepeated(reader, wire, end, numberReader(reader, field, wire), typed);
    else reader.skip(wire, end);
  }
  const elemType = ELEMENT_TYPES[code] ?? `element type ${code}`;
  const count = dims.reduce((a, b) => a * b, 1);
  let values: number[] | null = null;
  if (count <= MAX_INITIALIZER_VALUES) {
    const words = raw ? decodeRaw(raw, elemType) : typed;
    values = words && (elemType === 'float16' || elemType === 'bfloat16') ? decodeHalfWords(words, elemType) : words;
  }
  if (values && values.length !== count) values = null; // external data, or an inconsistent tensor
  return { name, dims, elemType, values };
}

/** A repeated numeric field, packed (one length-delimited run) or one value per tag. */
export function readRepeated(reader: ProtobufBytes, wire: number, end: number, read: () => number, into: number[]): void {
  if (wire !== WIRE_LEN) {
    into.push(read());
    return;
  }
  const fieldEnd = reader.lengthEnd(end);
  while (reader.position < fieldEnd) into.push(read());
}

function numberReader(reader: ProtobufBytes, field: number, wire: number): () => number {
  if (wire === WIRE_I32 || (wire === WIRE_LEN && field === TENSOR.floatData)) return () => reader.float32();
  if (wire === WIRE_I64 || (wire === WIRE_LEN && field === TENSOR.doubleData)) return () => reader.float64();
  return () => reader.int64();
}

const RAW_READERS: Record<string, [bytes: number, read: (b: Buffer, offset: number) => number]> = {
  float32: [4, (b, o) => b.readFloatLE(o)],
  float64: [8, (b, o) => b.readDoubleLE(o)],
  int8: [1, (b, o) => b.readInt8(o)],
  uint8: [1, (b, o) => b.readUInt8(o)],
  bool: [1, (b, o) => b.readUInt8(o)],
  int16: [2, (b, o) => b.readInt16LE(o)],
  uint16: [2, (b, o) => b.readUInt16LE(o)],
  int32: [4, (b, o) => b.readInt32LE(o)],
  uint32: [4, (b, o) => b.readUInt32LE(o)],
  int64: [8, (b, o) => Number(b.readBigInt64LE(o))],
  uint64: [8, (b, o) => Number(b.readBigUInt64LE(o))],
  float16: [2, (b, o) => b.readUInt16LE(o)],
  bfloat16: [2, (b, o) => b.readUInt16LE(o)],
};

function decodeRaw(raw: Buffer, elemType: string): number[] | null {
  const reader = RAW_READERS[elemType];
  if (!reader) return null;
  const [size, read] = reader;
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => read(raw, i * size));
}

/** float16 and bfloat16 are stored as 16-bit words (in int32_data when not raw). */
function decodeHalfWords(words: number[], elemType: string): number[] {
  if (elemType === 'bfloat16') return words.map((w) => new Float32Array(new Uint32Array([w << 16]).buffer)[0]);
  return [...fromHalfBits(Uint16Array.from(words))];
}
