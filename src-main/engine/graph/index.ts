// Concrete shape inference over ONNX graphs: public API (see README.md).
export { inferGraphShapes, inferShapes, type GraphShapes, type TensorSize, type UnknownShape } from './infer-shapes.ts';
export { readOnnxGraph } from './read-graph.ts';
export { supportedOps } from './shape-rules.ts';
export type { OnnxGraph } from './onnx-graph.ts';
