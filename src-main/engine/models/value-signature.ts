// One input or output of an ONNX graph, whether read from the file or from a live session's metadata.
import type { InferenceSession } from 'onnxruntime-node';

export interface ValueSignature {
  name: string;
  /** onnxruntime's element type name ('float32', 'float16', 'int64', …) or 'non-tensor' */
  type: string;
  /** numbers are fixed sizes; strings are symbolic (dynamic) axes */
  shape: readonly (number | string)[];
}

export interface GraphSignature {
  inputs: readonly ValueSignature[];
  outputs: readonly ValueSignature[];
}

export function sessionSignature(session: InferenceSession): GraphSignature {
  const convert = (m: InferenceSession.ValueMetadata): ValueSignature =>
    m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name, type: 'non-tensor', shape: [] };
  return { inputs: session.inputMetadata.map(convert), outputs: session.outputMetadata.map(convert) };
}

export function describeValue(value: ValueSignature): string {
  return `${value.name} (${value.type} [${value.shape.map((d) => (typeof d === 'string' ? d || '?' : d)).join(', ')}])`;
}
