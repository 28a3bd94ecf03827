// Which input and output of each component plays which role, from the graph's own names, element types
// and ranks. The same checks run on the declared graph (inspection) and on the live session (loading).
import { checkContextTokens } from './context-length.ts';
import { ModelFolderError, REEXPORT } from './model-folder-error.ts';
import { describeValue, type GraphSignature, type ValueSignature } from './value-signature.ts';

export type FloatType = 'float32' | 'float16';
export type IdsType = 'int32' | 'int64';
export type TimestepType = FloatType | IdsType;

export interface FloatValue {
  name: string;
  type: FloatType;
  shape: readonly (number | string)[];
}

export interface TextEncoderIo {
  ids: { name: string; type: IdsType };
  /** what the UNet is conditioned on: last_hidden_state, or hidden_states.(N-1) for SDXL */
  hidden: FloatValue;
  /** SDXL's second encoder: the projected pooled output `text_embeds` */
  pooled: FloatValue | null;
}

export interface UnetIo {
  sample: FloatValue;
  timestep: { name: string; type: TimestepType; shape: readonly (number | string)[] };
  context: FloatValue;
  textEmbeds: FloatValue | null;
  timeIds: FloatValue | null;
  output: FloatValue;
}

export interface VaeDecoderIo {
  latents: FloatValue;
  image: FloatValue;
}

/** A fixed size, or null for a symbolic axis. */
export function fixedDim(value: { shape: readonly (number | string)[] }, axis: number): number | null {
  const dim = value.shape[axis];
  return typeof dim === 'number' ? dim : null;
}

export const LATENT_CHANNELS = 4;
export const SDXL_TIME_IDS = 6;
const HIDDEN_STATES = /^hidden_states\.(\d+)$/;

export function textEncoderIo(graph: GraphSignature, path: string, role: { penultimate: boolean; pooled: boolean }): TextEncoderIo {
  const idsValue = find(graph.inputs, ['input_ids'], path, 'input', 'input_ids');
  rejectOthers(graph.inputs, [idsValue.name], path);
  if ((idsValue.type !== 'int32' && idsValue.type !== 'int64') || idsValue.shape.length !== 2) {
    throw unsupported(path, idsValue, 'token ids as int32 or int64 [batch, tokens]');
  }
  const hidden = role.penultimate ? penultimateOutput(graph.outputs, path) : find(graph.outputs, ['last_hidden_state'], path, 'output', 'last_hidden_state');
  return {
    ids: { name: idsValue.name, type: idsValue.type },
    hidden: floatValue(hidden, 3, path),
    pooled: role.pooled ? floatValue(find(graph.outputs, ['text_embeds'], path, 'output', 'text_embeds (the pooled projection SDXL needs)'), 2, path) : null,
  };
}

/** diffusers' SDXL conditions on `hidden_states[-2]`: the layer before the last, without the final LayerNorm. */
function penultimateOutput(outputs: readonly ValueSignature[], path: string): ValueSignature {
  const layers = outputs.map((o) => HIDDEN_STATES.exec(o.name)).filter((m) => m !== null).map((m) => Number(m[1]));
  const name = `hidden_states.${Math.max(...layers) - 1}`;
  const value = outputs.find((o) => o.name === name);
  if (layers.length < 2 || !value) {
    throw new ModelFolderError(
      path,
      'the text encoder does not output its hidden layers (hidden_states.N); SDXL conditions on the penultimate one',
      'Re-export it with optimum, which adds hidden_states.0…N to SDXL text encoders',
    );
  }
  return value;
}

export function unetIo(graph: GraphSignature, path: string, addedConditions: boolean): UnetIo {
  const sample = floatValue(find(graph.inputs, ['sample'], path, 'input', 'sample'), 4, path);
  const timestepValue = find(graph.inputs, ['timestep'], path, 'input', 'timestep');
  const context = floatValue(find(graph.inputs, ['encoder_hidden_states'], path, 'input', 'encoder_hidden_states'), 3, path);
  const textEmbeds = addedConditions ? floatValue(find(graph.inputs, ['text_embeds'], path, 'input', 'text_embeds'), 2, path) : null;
  const timeIds = addedConditions ? floatValue(find(graph.inputs, ['time_ids'], path, 'input', 'time_ids'), 2, path) : null;
  rejectOthers(graph.inputs, [sample, timestepValue, context, textEmbeds, timeIds].flatMap((v) => (v ? [v.name] : [])), path);

  if (!['float32', 'float16', 'int32', 'int64'].includes(timestepValue.type) || timestepValue.shape.length > 1 || (fixedDim(timestepValue, 0) ?? 1) < 1) {
    throw unsupported(path, timestepValue, 'a timestep as a float or int64 scalar, [1] or [batch]');
  }
  checkContextTokens(fixedDim(context, 1), path);
  const timeIdsWidth = timeIds && fixedDim(timeIds, 1);
  if (timeIdsWidth != null && timeIdsWidth !== SDXL_TIME_IDS) {
    throw new ModelFolderError(path, `time_ids has ${timeIdsWidth} values, not SDXL's ${SDXL_TIME_IDS} (an SDXL refiner?)`, 'Use an SDXL base model');
  }
  return {
    sample,
    timestep: { name: timestepValue.name, type: timestepValue.type as TimestepType, shape: timestepValue.shape },
    context,
    textEmbeds,
    timeIds,
    output: floatValue(find(graph.outputs, ['out_sample', 'latent'], path, 'output', 'out_sample'), 4, path),
  };
}

export function vaeDecoderIo(graph: GraphSignature, path: string): VaeDecoderIo {
  const latents = find(graph.inputs, ['latent_sample'], path, 'input', 'latent_sample');
  rejectOthers(graph.inputs, [latents.name], path);
  return {
    latents: floatValue(latents, 4, path),
    image: floatValue(find(graph.outputs, ['sample'], path, 'output', 'sample'), 4, path),
  };
}

/** The value with one of `names`, or the only one there is (exporters other than optimum name them freely). */
function find(values: readonly ValueSignature[], names: string[], path: string, kind: string, expected: string): ValueSignature {
  const value = values.find((v) => names.includes(v.name)) ?? (values.length === 1 ? values[0] : undefined);
  if (!value) {
    const found = values.map((v) => v.name).join(', ') || 'none';
    throw new ModelFolderError(path, `the graph has no ${kind} ${expected} (its ${kind}s: ${found})`, REEXPORT);
  }
  return value;
}

function rejectOthers(inputs: readonly ValueSignature[], used: string[], path: string): void {
  const others = inputs.filter((input) => !used.includes(input.name));
  if (others.length > 0) {
    throw new ModelFolderError(path, `the graph takes inputs this app does not provide: ${others.map(describeValue).join(', ')}`, 'Use a plain diffusers/optimum export of the model');
  }
}

function floatValue(value: ValueSignature, rank: number, path: string): FloatValue {
  if ((value.type !== 'float32' && value.type !== 'float16') || value.shape.length !== rank) {
    throw unsupported(path, value, `float32 or float16 of rank ${rank}`);
  }
  return { name: value.name, type: value.type, shape: value.shape };
}

function unsupported(path: string, value: ValueSignature, expected: string): ModelFolderError {
  return new ModelFolderError(path, `${describeValue(value)} is not ${expected}`, REEXPORT);
}
