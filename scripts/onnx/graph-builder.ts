// Builds ONNX models node by node and serialises them as ModelProto bytes, optionally with the large
// initializers in an external data file beside the model (as real exports do).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DATA_LOCATION_EXTERNAL, encodeModel } from './onnx-proto.ts';
import type { AttributeMessage, DimensionMessage, TensorMessage, ValueInfoMessage, NodeMessage } from './onnx-proto.ts';
import { ONNX_DATA_TYPE, elementCount, toRawBytes } from './tensor-data.ts';
import type { ElemType, TensorValues } from './tensor-data.ts';

export type { ElemType, TensorValues } from './tensor-data.ts';

/** A dimension: a fixed size, or a symbolic name (dim_param) for a dynamic axis. */
export type Dim = number | string;

/** Marks a number attribute as FLOAT even when it is a whole number (plain whole numbers become INT). */
export interface FloatAttr { readonly float: number }
export interface FloatsAttr { readonly floats: readonly number[] }
export type AttrValue = number | string | readonly number[] | FloatAttr | FloatsAttr;
export type Attrs = Record<string, AttrValue>;

export const float = (value: number): FloatAttr => ({ float: value });
export const floats = (values: readonly number[]): FloatsAttr => ({ floats: values });

export interface NodeOptions {
  /** Name of the (first) output; generated when absent. */
  name?: string;
  /** Operator domain; the default ONNX domain when absent. */
  domain?: string;
}

export interface ExternalDataOptions {
  /** File name beside the model, e.g. `model.onnx_data`. */
  location: string;
  /** Initializers of at least this many bytes go to the external file (default 1024). */
  threshold?: number;
  /** Offset alignment of each tensor in the external file (default 64). */
  align?: number;
}

export interface SerializeOptions {
  opset?: number;
  irVersion?: number;
  producer?: string;
  producerVersion?: string;
  graphName?: string;
  metadata?: Record<string, string>;
  externalData?: ExternalDataOptions;
}

export interface SerializedModel {
  model: Uint8Array;
  /** Contents of `externalData.location`; null when every initializer is inline. */
  externalData: Uint8Array | null;
}

interface Initializer { name: string; dims: number[]; type: ElemType; raw: Uint8Array }

const DEFAULT_OPSET = 17;

/** IR version matching an opset (ONNX's versioning table), so the checker in the runtime is satisfied. */
function irVersionFor(opset: number): number {
  if (opset >= 21) return 10;
  if (opset >= 19) return 9;
  return 8;
}

/** `dims` null: shape unknown (not even the rank), which ValueInfoProto expresses by leaving it out. */
function valueInfo(name: string, type: ElemType, dims: readonly Dim[] | null): ValueInfoMessage {
  const elemType = ONNX_DATA_TYPE[type];
  if (dims === null) return { name, type: { tensorType: { elemType } } };
  const dim: DimensionMessage[] = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function attribute(name: string, value: AttrValue): AttributeMessage {
  if (typeof value === 'string') return { name, type: 3, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return Number.isInteger(value) ? { name, type: 2, i: value } : { name, type: 1, f: value };
  if ('float' in value) return { name, type: 1, f: value.float };
  if ('floats' in value) return { name, type: 6, floats: [...value.floats] };
  const list = value as readonly number[];
  return list.every(Number.isInteger) ? { name, type: 7, ints: [...list] } : { name, type: 6, floats: [...list] };
}

export class GraphBuilder {
  private readonly names = new Set<string>();
  private readonly inputs: ValueInfoMessage[] = [];
  private readonly outputs: ValueInfoMessage[] = [];
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: Initializer[] = [];
  private counter = 0;

  /** A graph input; returns its name. */
  input(name: string, type: ElemType, dims: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** An initializer (a weight or any constant tensor); returns its name. */
  constant(name: string, values: TensorValues, dims: readonly number[], type: ElemType = 'float32'): string {
    if (values.length !== elementCount(dims)) {
      throw new Error(`constant ${name}: ${values.length} values for dims [${dims.join(', ')}]`);
    }
    this.claim(name);
    this.initializers.push({ name, dims: [...dims], type, raw: toRawBytes(values, type) });
    return name;
  }

  /** A 1-D int64 constant with a generated name (shapes, axes, slice bounds). */
  int64s(values: readonly number[]): string {
    return this.constant(this.fresh('const'), values, [values.length], 'int64');
  }

  /** A rank-0 constant with a generated name. */
  scalar(value: number, type: ElemType = 'float32'): string {
    return this.constant(this.fresh('const'), [value], [], type);
  }

  /** Appends a node with one output; returns the output's name. Pass '' for an omitted optional input. */
  node(op: string, inputs: readonly string[], attrs: Attrs = {}, options: NodeOptions = {}): string {
    return this.nodeN(op, inputs, 1, attrs, options)[0];
  }

  /** Appends a node with `count` outputs; returns their names. */
  nodeN(op: string, inputs: readonly string[], count: number, attrs: Attrs = {}, options: NodeOptions = {}): string[] {
    for (const input of inputs) {
      if (input !== '' && !this.names.has(input)) throw new Error(`${op}: unknown input "${input}"`);
    }
    const base = options.name ?? this.fresh(op.toLowerCase());
    const outputs = Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}_${i}`));
    outputs.forEach((o) => this.claim(o));
    this.nodes.push({
      name: `${op}_${this.nodes.length}`,
      opType: op,
      ...(options.domain ? { domain: options.domain } : {}),
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /**
   * Declares `value` a graph output called `name` (through an Identity node when the names differ);
   * `dims` null leaves the shape undeclared.
   */
  output(value: string, name: string, type: ElemType, dims: readonly Dim[] | null): string {
    const produced = value === name ? value : this.node('Identity', [value], {}, { name });
    if (!this.names.has(produced)) throw new Error(`output: unknown value "${value}"`);
    this.outputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** A name not yet used in this graph, starting with `base`. */
  fresh(base: string): string {
    let name: string;
    do name = `${base}_${this.counter++}`; while (this.names.has(name));
    return name;
  }

  /** The model with every initializer inline. */
  toBytes(options: Omit<SerializeOptions, 'externalData'> = {}): Uint8Array {
    return this.serialize(options).model;
  }

  serialize(options: SerializeOptions = {}): SerializedModel {
    const opset = options.opset ?? DEFAULT_OPSET;
    const external = options.externalData;
    const threshold = external?.threshold ?? 1024;
    const align = external?.align ?? 64;
    const chunks: Uint8Array[] = [];
    let offset = 0;
    const initializer = this.initializers.map((t): TensorMessage => {
      const base = { name: t.name, dims: t.dims, dataType: ONNX_DATA_TYPE[t.type] };
      if (!external || t.raw.length < threshold) return { ...base, rawData: t.raw };
      const start = Math.ceil(offset / align) * align;
      if (start > offset) chunks.push(new Uint8Array(start - offset));
      chunks.push(t.raw);
      offset = start + t.raw.length;
      const entries = { location: external.location, offset: String(start), length: String(t.raw.length) };
      return { ...base, dataLocation: DATA_LOCATION_EXTERNAL, externalData: Object.entries(entries).map(([key, value]) => ({ key, value })) };
    });
    const model = encodeModel({
      irVersion: options.irVersion ?? irVersionFor(opset),
      producerName: options.producer ?? 'onestory',
      ...(options.producerVersion ? { producerVersion: options.producerVersion } : {}),
      // Other domains (onnxruntime's com.microsoft contrib ops) at their version 1, as exporters declare them.
      opsetImport: [{ domain: '', version: opset }, ...[...new Set(this.nodes.map((n) => n.domain ?? ''))].filter(Boolean).map((domain) => ({ domain, version: 1 }))],
      graph: { name: options.graphName ?? 'main_graph', node: this.nodes, initializer, input: this.inputs, output: this.outputs },
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    });
    return { model, externalData: external ? Buffer.concat(chunks) : null };
  }

  /** Writes the model to `path` and, with `externalData`, its weights file into the same folder. */
  save(path: string, options: SerializeOptions = {}): void {
    const location = options.externalData?.location;
    if (location !== undefined && basename(location) !== location) throw new Error(`external data location must be a bare file name: ${location}`);
    const { model, externalData } = this.serialize(options);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, model);
    if (location !== undefined && externalData) writeFileSync(join(dirname(path), location), externalData);
  }

  private claim(name: string): void {
    if (!name) throw new Error('empty value name');
    if (this.names.has(name)) throw new Error(`duplicate value name "${name}"`);
    this.names.add(name);
  }
}
