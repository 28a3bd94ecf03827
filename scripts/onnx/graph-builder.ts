// Builds ONNX models node by node and serialises them as ModelProto bytes, optionally with the large
// initializers in an external data file beside the model (as real exports do). Initializers may be random
// fills, made only while the file is written (streamed, in parallel worker threads with `write`), so a
// multi-gigabyte model never sits in memory.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFills, writeFillsInParallel, type FillJob } from './fill-pool.ts';
import { DATA_LOCATION_EXTERNAL, encodeModel } from '../../src-main/engine/onnx/onnx-proto.ts';
import type { AttributeMessage, DimensionMessage, TensorMessage, ValueInfoMessage, NodeMessage } from '../../src-main/engine/onnx/onnx-proto.ts';
import { FILL_CHUNK, fillBytes, isRandomFill, type RandomFill } from './random-fill.ts';
import { ONNX_DATA_TYPE, elementCount, toRawBytes } from '../../src-main/engine/onnx/tensor-data.ts';
import type { ElemType, TensorValues } from '../../src-main/engine/onnx/tensor-data.ts';

export type { ElemType, TensorValues } from '../../src-main/engine/onnx/tensor-data.ts';
export type { RandomFill } from './random-fill.ts';

/** A constant's contents: values, or a random fill made when the model is written. */
export type TensorSource = TensorValues | RandomFill;
export type FloatType = 'float32' | 'float16';

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

interface Initializer { name: string; dims: number[]; type: ElemType; raw: Uint8Array | null; fill: RandomFill | null }

/** One tensor's bytes in the external data file: held, or a fill to make there. */
type ExternalPart = { position: number; raw: Uint8Array } | { position: number; fill: RandomFill; count: number; type: FloatType };

interface Layout { model: Uint8Array; parts: ExternalPart[]; size: number }

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
  /** Element type of float constants and scalars when none is given: the graph's compute precision. */
  readonly floatType: FloatType;
  private readonly names = new Set<string>();
  private readonly inputs: ValueInfoMessage[] = [];
  private readonly outputs: ValueInfoMessage[] = [];
  private readonly nodes: NodeMessage[] = [];
  private readonly initializers: Initializer[] = [];
  private counter = 0;

  constructor(options: { floatType?: FloatType } = {}) {
    this.floatType = options.floatType ?? 'float32';
  }

  /** A graph input; returns its name. */
  input(name: string, type: ElemType, dims: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** An initializer (a weight or any constant tensor); returns its name. */
  constant(name: string, values: TensorSource, dims: readonly number[], type: ElemType = this.floatType): string {
    if (isRandomFill(values)) {
      if (type !== 'float32' && type !== 'float16') throw new Error(`constant ${name}: a random fill must be float32 or float16, not ${type}`);
      this.claim(name);
      this.initializers.push({ name, dims: [...dims], type, raw: null, fill: values });
      return name;
    }
    if (values.length !== elementCount(dims)) {
      throw new Error(`constant ${name}: ${values.length} values for dims [${dims.join(', ')}]`);
    }
    this.claim(name);
    this.initializers.push({ name, dims: [...dims], type, raw: toRawBytes(values, type), fill: null });
    return name;
  }

  /** A 1-D int64 constant with a generated name (shapes, axes, slice bounds). */
  int64s(values: readonly number[]): string {
    return this.constant(this.fresh('const'), values, [values.length], 'int64');
  }

  /** Initializers' names and dims, in the order they were added (parameter counts, without making any weights). */
  initializerShapes(): { name: string; dims: number[] }[] {
    return this.initializers.map((t) => ({ name: t.name, dims: [...t.dims] }));
  }

  /** A rank-0 constant with a generated name. */
  scalar(value: number, type: ElemType = this.floatType): string {
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
    const { model, parts, size } = this.layout(options);
    if (!options.externalData) return { model, externalData: null };
    const data = new Uint8Array(size);
    for (const part of parts) data.set(partBytes(part), part.position);
    return { model, externalData: data };
  }

  /** Writes the model to `path` and, with `externalData`, its weights file into the same folder. */
  save(path: string, options: SerializeOptions = {}): void {
    const { parts } = this.prepare(path, options);
    const location = options.externalData?.location;
    if (location !== undefined) writeParts(join(dirname(path), location), parts);
  }

  /**
   * As `save`, with random fills made and written by `threads` worker threads (same bytes as `save`):
   * gigabytes of weights in seconds, never held in memory.
   */
  async write(path: string, options: SerializeOptions & { threads?: number } = {}): Promise<void> {
    const { parts } = this.prepare(path, options);
    const location = options.externalData?.location;
    if (location === undefined) return;
    const file = join(dirname(path), location);
    writeParts(file, parts.filter((p) => 'raw' in p));
    const jobs = parts.flatMap((p): FillJob[] => ('fill' in p ? fillJobs(p) : []));
    await writeFillsInParallel(file, jobs, options.threads ?? 1);
  }

  /** Checks the location, writes the model file, and returns the external data's layout. */
  private prepare(path: string, options: SerializeOptions): Layout {
    const location = options.externalData?.location;
    if (location !== undefined && basename(location) !== location) throw new Error(`external data location must be a bare file name: ${location}`);
    const layout = this.layout(options);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, layout.model);
    return layout;
  }

  private layout(options: SerializeOptions): Layout {
    const opset = options.opset ?? DEFAULT_OPSET;
    const external = options.externalData;
    const threshold = external?.threshold ?? 1024;
    const align = external?.align ?? 64;
    const parts: ExternalPart[] = [];
    let offset = 0;
    const initializer = this.initializers.map((t): TensorMessage => {
      const base = { name: t.name, dims: t.dims, dataType: ONNX_DATA_TYPE[t.type] };
      const count = elementCount(t.dims);
      const length = t.raw?.length ?? count * (t.type === 'float16' ? 2 : 4);
      if (!external || length < threshold) return { ...base, rawData: t.raw ?? fillBytes(t.fill!, 0, count, t.type as FloatType) };
      const start = Math.ceil(offset / align) * align;
      parts.push(t.raw ? { position: start, raw: t.raw } : { position: start, fill: t.fill!, count, type: t.type as FloatType });
      offset = start + length;
      const entries = { location: external.location, offset: String(start), length: String(length) };
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
    return { model, parts, size: offset };
  }

  private claim(name: string): void {
    if (!name) throw new Error('empty value name');
    if (this.names.has(name)) throw new Error(`duplicate value name "${name}"`);
    this.names.add(name);
  }
}

function partBytes(part: ExternalPart): Uint8Array {
  return 'raw' in part ? part.raw : fillBytes(part.fill, 0, part.count, part.type);
}

/** Fills split into jobs of whole chunks (a few MB each), so threads share a large tensor. */
const JOB_ELEMENTS = 64 * FILL_CHUNK;

function fillJobs(part: Extract<ExternalPart, { fill: RandomFill }>): FillJob[] {
  const jobs: FillJob[] = [];
  const bytes = part.type === 'float16' ? 2 : 4;
  for (let start = 0; start < part.count; start += JOB_ELEMENTS) {
    jobs.push({ fill: part.fill, start, count: Math.min(JOB_ELEMENTS, part.count - start), type: part.type, position: part.position + start * bytes });
  }
  return jobs;
}

/** Writes (truncating) `file` with `parts` at their positions (gaps stay zero), one job's bytes in memory at a time. */
function writeParts(file: string, parts: readonly ExternalPart[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const part of parts) {
      if ('raw' in part) writeSync(fd, part.raw, 0, part.raw.length, part.position);
    }
  } finally {
    closeSync(fd);
  }
  writeFills(file, parts.flatMap((p) => ('fill' in p ? fillJobs(p) : [])));
}
