// The subset of the ONNX protobuf schema (onnx/onnx.proto, proto2) that our graphs and exported Stable Diffusion
// graphs use, defined for protobufjs by hand. Field numbers follow the spec. Fields left out are dropped on decode:
// doc strings, value_info, training info and functions, none of which a session needs.
import protobuf from 'protobufjs';

type FieldSpec = { type: string; id: number; rule?: 'repeated' };

const message = (fields: Record<string, FieldSpec>) => ({ fields });
const repeated = (type: string, id: number): FieldSpec => ({ type, id, rule: 'repeated' });

const schema = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto: message({ key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } }),
        OperatorSetIdProto: message({ domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } }),
        TensorProto: message({
          dims: repeated('int64', 1),
          dataType: { type: 'int32', id: 2 },
          floatData: repeated('float', 4),
          int32Data: repeated('int32', 5),
          int64Data: repeated('int64', 7),
          name: { type: 'string', id: 8 },
          rawData: { type: 'bytes', id: 9 },
          doubleData: repeated('double', 10),
          externalData: repeated('StringStringEntryProto', 13),
          dataLocation: { type: 'int32', id: 14 },
        }),
        AttributeProto: message({
          name: { type: 'string', id: 1 },
          f: { type: 'float', id: 2 },
          i: { type: 'int64', id: 3 },
          s: { type: 'bytes', id: 4 },
          t: { type: 'TensorProto', id: 5 },
          g: { type: 'GraphProto', id: 6 },
          floats: repeated('float', 7),
          ints: repeated('int64', 8),
          strings: repeated('bytes', 9),
          tensors: repeated('TensorProto', 10),
          graphs: repeated('GraphProto', 11),
          type: { type: 'int32', id: 20 },
        }),
        NodeProto: message({
          input: repeated('string', 1),
          output: repeated('string', 2),
          name: { type: 'string', id: 3 },
          opType: { type: 'string', id: 4 },
          attribute: repeated('AttributeProto', 5),
          domain: { type: 'string', id: 7 },
        }),
        Dimension: message({ dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } }),
        TensorShapeProto: message({ dim: repeated('Dimension', 1) }),
        TensorTypeProto: message({ elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } }),
        TypeProto: message({ tensorType: { type: 'TensorTypeProto', id: 1 } }),
        ValueInfoProto: message({ name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } }),
        GraphProto: message({
          node: repeated('NodeProto', 1),
          name: { type: 'string', id: 2 },
          initializer: repeated('TensorProto', 5),
          input: repeated('ValueInfoProto', 11),
          output: repeated('ValueInfoProto', 12),
        }),
        ModelProto: message({
          irVersion: { type: 'int64', id: 1 },
          producerName: { type: 'string', id: 2 },
          producerVersion: { type: 'string', id: 3 },
          graph: { type: 'GraphProto', id: 7 },
          opsetImport: repeated('OperatorSetIdProto', 8),
          domain: { type: 'string', id: 4 },
          modelVersion: { type: 'int64', id: 5 },
          metadataProps: repeated('StringStringEntryProto', 14),
        }),
      },
    },
  },
};

const ModelProto = protobuf.Root.fromJSON(schema).lookupType('onnx.ModelProto');

// Plain-object shapes of the messages above (what encodeModel takes and decodeModel gives back).
export interface StringEntry { key: string; value: string }
export interface TensorMessage {
  name: string;
  dims: number[];
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: number[];
  doubleData?: number[];
  externalData?: StringEntry[];
  dataLocation?: number;
}
export interface AttributeMessage {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorMessage;
  /** a subgraph (If, Loop, Scan): decoded so that a pass can refuse what it does not look into */
  g?: GraphMessage;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  tensors?: TensorMessage[];
  graphs?: GraphMessage[];
}
export interface NodeMessage {
  name: string;
  opType: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: AttributeMessage[];
}
export interface DimensionMessage { dimValue?: number; dimParam?: string }
export interface ValueInfoMessage {
  name: string;
  type: { tensorType: { elemType: number; shape?: { dim: DimensionMessage[] } } };
}
export interface GraphMessage {
  name: string;
  node: NodeMessage[];
  initializer: TensorMessage[];
  input: ValueInfoMessage[];
  output: ValueInfoMessage[];
}
export interface ModelMessage {
  irVersion: number;
  producerName: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  opsetImport: { domain?: string; version: number }[];
  graph: GraphMessage;
  metadataProps?: StringEntry[];
}

/** TensorProto.DataLocation.EXTERNAL */
export const DATA_LOCATION_EXTERNAL = 1;

export function encodeModel(model: ModelMessage): Uint8Array {
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Decodes a ModelProto; 64-bit integers come back as numbers (our dims and attributes are small). */
export function decodeModel(bytes: Uint8Array): ModelMessage {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, arrays: true }) as ModelMessage;
}
