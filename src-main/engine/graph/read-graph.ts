// Reads an ONNX model's graph for shape inference without loading its weights: nodes with their
// attributes, initializers' shapes (values only when small), declared inputs and outputs, opsets.
// Field numbers from onnx.proto. External weight files are never opened.
import { readValueInfo, withModelFile } from '../models/onnx-graph-io.ts';
import type { ProtobufBytes } from '../models/protobuf-bytes.ts';
import type { ProtobufFileReader } from '../models/protobuf-file-reader.ts';
import { MalformedProtobuf, WIRE_I32, WIRE_LEN, WIRE_VARINT } from '../models/protobuf-wire.ts';
import type { ValueSignature } from '../models/value-signature.ts';
import type { Attribute, GraphNode, OnnxGraph, Tensor } from './onnx-graph.ts';
import { MAX_VALUE_BYTES, readRepeated, readTensor } from './read-tensor.ts';

const MODEL = { graph: 7, opsetImport: 8 };
const OPSET_ID = { domain: 1, version: 2 };
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 };
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
const ATTRIBUTE = { name: 1, f: 2, i: 3, s: 4, t: 5, floats: 7, ints: 8, type: 20 };
/** AttributeProto.AttributeType codes of the kinds shape rules read. */
const ATTRIBUTE_TYPES: Record<number, Attribute['type']> = { 1: 'float', 2: 'int', 3: 'string', 4: 'tensor', 6: 'floats', 7: 'ints' };
/**
 * Nodes are decoded whole up to this size; a larger one (a Constant holding weights) loses its large
 * attribute, and the Constant is reported unknown rather than read into memory.
 */
const MAX_NODE_BYTES = 16 << 20;

export function readOnnxGraph(path: string): Promise<OnnxGraph> {
  return withModelFile(path, readModel);
}

async function readModel(reader: ProtobufFileReader): Promise<OnnxGraph> {
  const opsets = new Map<string, number>();
  let graph: Omit<OnnxGraph, 'opsets'> | null = null;
  for await (const { field, wire } of reader.fields(reader.size)) {
    if (field === MODEL.graph && wire === WIRE_LEN) graph = await readGraph(reader, await reader.lengthEnd(reader.size));
    else if (field === MODEL.opsetImport && wire === WIRE_LEN) {
      const [domain, version] = await readOpset(reader, await reader.lengthEnd(reader.size));
      opsets.set(domain, version);
    } else await reader.skip(wire, reader.size);
  }
  if (!graph) throw new MalformedProtobuf('it has no graph', false);
  return { opsets, ...graph };
}

async function readOpset(reader: ProtobufFileReader, end: number): Promise<[string, number]> {
  let domain = '';
  let version = 0;
  for await (const { field, wire } of reader.fields(end)) {
    if (field === OPSET_ID.domain && wire === WIRE_LEN) domain = normalDomain(await reader.string(end));
    else if (field === OPSET_ID.version && wire === WIRE_VARINT) version = await reader.varint();
    else await reader.skip(wire, end);
  }
  return [domain, version];
}

function normalDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

async function readGraph(reader: ProtobufFileReader, end: number): Promise<Omit<OnnxGraph, 'opsets'>> {
  const nodes: GraphNode[] = [];
  const initializers = new Map<string, Tensor>();
  const inputs: ValueSignature[] = [];
  const outputs: ValueSignature[] = [];
  for await (const { field, wire } of reader.fields(end)) {
    if (wire !== WIRE_LEN) await reader.skip(wire, end);
    else if (field === GRAPH.node) nodes.push(readNode(await fieldMessage(reader, end, MAX_NODE_BYTES)));
    else if (field === GRAPH.initializer) {
      const message = await fieldMessage(reader, end, MAX_VALUE_BYTES);
      const { name, ...tensor } = readTensor(message, message.size);
      initializers.set(name, tensor);
    } else if (field === GRAPH.input || field === GRAPH.output) {
      (field === GRAPH.input ? inputs : outputs).push(await readValueInfo(reader, await reader.lengthEnd(end)));
    } else await reader.skip(wire, end);
  }
  // Before IR 4, initializers were listed among the inputs too.
  return { nodes, initializers, inputs: inputs.filter((input) => !initializers.has(input.name)), outputs };
}

/** The length-delimited field at the reader's position, in memory, without its parts over `maxFieldBytes`. */
async function fieldMessage(reader: ProtobufFileReader, end: number, maxFieldBytes: number): Promise<ProtobufBytes> {
  return reader.message(await reader.lengthEnd(end), maxFieldBytes);
}

function readNode(reader: ProtobufBytes): GraphNode {
  const end = reader.size;
  const node: GraphNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: new Map() };
  for (const { field, wire } of reader.fields(end)) {
    if (wire !== WIRE_LEN) reader.skip(wire, end);
    else if (field === NODE.input) node.inputs.push(reader.string(end));
    else if (field === NODE.output) node.outputs.push(reader.string(end));
    else if (field === NODE.name) node.name = reader.string(end);
    else if (field === NODE.opType) node.opType = reader.string(end);
    else if (field === NODE.domain) node.domain = normalDomain(reader.string(end));
    else if (field === NODE.attribute) {
      const [name, attribute] = readAttribute(reader, reader.lengthEnd(end));
      node.attributes.set(name, attribute);
    } else reader.skip(wire, end);
  }
  return node;
}

function readAttribute(reader: ProtobufBytes, end: number): [string, Attribute] {
  let name = '';
  let code: number | null = null;
  // Each kind's field, as read; `type` (field 20) says which one holds the value.
  const found: Partial<Record<Attribute['type'], Attribute>> = {};
  const floats: number[] = [];
  const ints: number[] = [];
  for (const { field, wire } of reader.fields(end)) {
    if (field === ATTRIBUTE.name && wire === WIRE_LEN) name = reader.string(end);
    else if (field === ATTRIBUTE.type && wire === WIRE_VARINT) code = reader.varint();
    else if (field === ATTRIBUTE.f && wire === WIRE_I32) found.float = { type: 'float', value: reader.float32() };
    else if (field === ATTRIBUTE.i && wire === WIRE_VARINT) found.int = { type: 'int', value: reader.int64() };
    else if (field === ATTRIBUTE.s && wire === WIRE_LEN) found.string = { type: 'string', value: reader.string(end) };
    else if (field === ATTRIBUTE.t && wire === WIRE_LEN) {
      const { name: _name, ...tensor } = readTensor(reader, reader.lengthEnd(end));
      found.tensor = { type: 'tensor', value: tensor };
    } else if (field === ATTRIBUTE.floats && (wire === WIRE_LEN || wire === WIRE_I32)) {
      readRepeated(reader, wire, end, () => reader.float32(), floats);
      found.floats = { type: 'floats', value: floats };
    } else if (field === ATTRIBUTE.ints && (wire === WIRE_LEN || wire === WIRE_VARINT)) {
      readRepeated(reader, wire, end, () => reader.int64(), ints);
      found.ints = { type: 'ints', value: ints };
    } else reader.skip(wire, end);
  }
  const kind = code === null ? null : ATTRIBUTE_TYPES[code];
  // A field left at its default (0, '', an empty list) is not written; without a type (early IR
  // versions) the one field present tells.
  const attribute = kind ? (found[kind] ?? defaultOf(kind)) : code === null ? Object.values(found)[0] : undefined;
  return [name, attribute ?? { type: 'other' }];
}

function defaultOf(kind: Attribute['type']): Attribute | undefined {
  if (kind === 'int' || kind === 'float') return { type: kind, value: 0 };
  if (kind === 'ints' || kind === 'floats') return { type: kind, value: [] };
  return kind === 'string' ? { type: kind, value: '' } : undefined;
}
