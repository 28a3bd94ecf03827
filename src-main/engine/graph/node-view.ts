// One node as a shape rule sees it: its inputs' tensors (known ones only reach a rule), its attributes
// with ONNX defaults, and its operator set's version.
import type { Attribute, GraphNode, Tensor } from './onnx-graph.ts';
import { Undetermined } from './tensor-math.ts';

export class NodeView {
  readonly node: GraphNode;
  readonly opset: number;
  readonly #inputs: (Tensor | undefined)[];

  constructor(node: GraphNode, opset: number, inputs: (Tensor | undefined)[]) {
    this.node = node;
    this.opset = opset;
    this.#inputs = inputs;
  }

  /** How many output slots the node declares (some may be '' — omitted). */
  get outputCount(): number {
    return this.node.outputs.length;
  }

  get inputCount(): number {
    return this.#inputs.length;
  }

  /** Input `i`, or undefined when the node omits it. */
  optional(i: number): Tensor | undefined {
    return this.#inputs[i];
  }

  input(i: number): Tensor {
    const t = this.#inputs[i];
    if (!t) throw new Undetermined(`input ${i} is missing`);
    return t;
  }

  /** The inputs that are present, in order (variadic ops). */
  present(): Tensor[] {
    return this.#inputs.filter((t) => t !== undefined);
  }

  /** Values of input `i`, which must be a known (small, computed or constant) tensor. */
  values(i: number, what: string): number[] {
    const values = this.input(i).values;
    if (values === null) throw new Undetermined(`${what} (input ${i}, "${this.node.inputs[i]}") is not a known constant`);
    return values;
  }

  /** Values of an optional input; undefined when omitted or empty. */
  optionalValues(i: number, what: string): number[] | undefined {
    const t = this.optional(i);
    if (!t || t.dims.includes(0)) return undefined;
    return this.values(i, what);
  }

  #attribute<K extends Attribute['type']>(name: string, type: K): Extract<Attribute, { type: K }> | undefined {
    const a = this.node.attributes.get(name);
    if (a === undefined) return undefined;
    if (a.type !== type) throw new Undetermined(`attribute ${name} is ${a.type}, expected ${type}`);
    return a as Extract<Attribute, { type: K }>;
  }

  has(name: string): boolean {
    return this.node.attributes.has(name);
  }

  int(name: string, fallback: number): number {
    return this.#attribute(name, 'int')?.value ?? fallback;
  }

  ints(name: string): number[] | undefined {
    return this.#attribute(name, 'ints')?.value;
  }

  float(name: string, fallback: number): number {
    return this.#attribute(name, 'float')?.value ?? fallback;
  }

  floats(name: string): number[] | undefined {
    return this.#attribute(name, 'floats')?.value;
  }

  string(name: string, fallback: string): string {
    return this.#attribute(name, 'string')?.value ?? fallback;
  }

  tensor(name: string): Tensor | undefined {
    return this.#attribute(name, 'tensor')?.value;
  }
}

export type ShapeRule = (n: NodeView) => Tensor[];
