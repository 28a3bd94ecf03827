// An ONNX graph as the shape pass sees it: the nodes and their attributes, what is known of each
// initializer (its shape, and its values when small), and the declared inputs and outputs.
import type { ValueSignature } from '../models/value-signature.ts';

/** A tensor's shape and element type, and its values when they are small and known (shape arithmetic). */
export interface Tensor {
  dims: number[];
  /** onnxruntime's element type name: 'float32', 'int64', 'bool', … */
  elemType: string;
  /** Row-major values (int64 as plain numbers, bool as 0/1); null when large or not computed. */
  values: number[] | null;
}

export type Attribute =
  | { type: 'int'; value: number }
  | { type: 'ints'; value: number[] }
  | { type: 'float'; value: number }
  | { type: 'floats'; value: number[] }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: Tensor }
  /** subgraphs, sparse tensors, lists of strings or tensors: no shape rule reads them */
  | { type: 'other' };

export interface GraphNode {
  name: string;
  opType: string;
  /** '' for the default ONNX domain (also when written 'ai.onnx') */
  domain: string;
  /** '' marks an omitted optional input or output */
  inputs: string[];
  outputs: string[];
  attributes: Map<string, Attribute>;
}

export interface OnnxGraph {
  /** operator set version per domain ('' = ONNX) */
  opsets: Map<string, number>;
  nodes: GraphNode[];
  initializers: Map<string, Tensor>;
  /** the graph's inputs, initializers excluded */
  inputs: ValueSignature[];
  outputs: ValueSignature[];
}
