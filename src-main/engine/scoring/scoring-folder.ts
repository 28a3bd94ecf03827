// What a scoring-model folder holds, in the layouts the Hub has them:
//   CLIP, optimum's export: model.onnx (input_ids, pixel_values, attention_mask → text_embeds, image_embeds)
//   CLIP, split (transformers.js repos): onnx/text_model.onnx + onnx/vision_model.onnx
//   DINOv2: model.onnx or onnx/model.onnx (pixel_values → last_hidden_state, pooler_output)
//   a background remover (RMBG-1.4, BiRefNet, MODNet exports): model.onnx, one image in, a one-channel mask out
// with config.json (model_type clip / dinov2; a background remover's says nothing useful, so its graph is what is
// recognised), preprocessor_config.json and, for CLIP, the tokenizer files at the top. ONNX files may sit at the top or in onnx/; quantised and float16 siblings (model_quantized.onnx, …) are left alone.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readOnnxGraphIo } from '../models/onnx-graph-io.ts';
import type { ValueSignature } from '../models/value-signature.ts';
import { readPreprocessing, type ImagePreprocessing } from './preprocessor-config.ts';

export type ScoringKind = 'clip' | 'dinov2' | 'segmentation';

export type ScoringGraphs =
  | { kind: 'clip'; layout: 'single'; model: string }
  | { kind: 'clip'; layout: 'split'; text: string; vision: string }
  | { kind: 'dinov2'; layout: 'image-encoder'; model: string }
  /** `input`: the image, `output`: the [B, 1, H, W] foreground mask (probabilities or logits) */
  | { kind: 'segmentation'; layout: 'mask'; model: string; input: string; output: string };

export type ScoringFolder = ScoringGraphs & {
  dir: string;
  preprocessorConfig: string;
  /** what preprocessor_config.json says, read and checked when the folder is inspected */
  preprocessing: ImagePreprocessing;
  /** where vocab.json and merges.txt are (CLIP only) */
  tokenizerDir: string | null;
};

const KINDS: Record<string, 'clip' | 'dinov2'> = { clip: 'clip', dinov2: 'dinov2' };

/** Whether a config.json's model_type names a scoring model by itself (CLIP, DINOv2); background removers' do not. */
export const isScoringModelType = (type: unknown): boolean => typeof type === 'string' && type in KINDS;

/** `name` at the top of the folder or in onnx/, as the Hub's exports place it. */
export function findOnnx(dir: string, name: string): string | null {
  for (const candidate of [join(dir, name), join(dir, 'onnx', name)]) if (existsSync(candidate)) return candidate;
  return null;
}

async function modelType(dir: string): Promise<string> {
  const path = join(dir, 'config.json');
  let config: unknown;
  try {
    config = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: missing or not JSON; a scoring model folder needs the model's config.json (model_type clip or dinov2)`, { cause: error });
  }
  const type = (config as { model_type?: unknown }).model_type;
  if (typeof type !== 'string') throw new Error(`${path}: has no model_type`);
  return type;
}

const dimIs = (dim: number | string | undefined, size: number) => dim === size || typeof dim === 'string';

/** A background remover's graph: one float image [B, 3, H, W] in, a [B, 1, H, W] mask among its outputs. */
function maskSignature(inputs: readonly ValueSignature[], outputs: readonly ValueSignature[]): { input: string; output: string } | null {
  const [image, ...others] = inputs;
  if (!image || others.length > 0 || image.type !== 'float32' || image.shape.length !== 4 || !dimIs(image.shape[1], 3)) return null;
  const mask = outputs.find((o) => o.type === 'float32' && o.shape.length === 4 && dimIs(o.shape[1], 1));
  return mask ? { input: image.name, output: mask.name } : null;
}

async function segmentationFolder(dir: string, type: string, preprocessorConfig: string, model: string | null): Promise<ScoringFolder> {
  const refused = `${join(dir, 'config.json')}: model_type "${type}" is not a scoring model Onestory runs (clip, dinov2, or a background remover: one image in, a one-channel mask out)`;
  if (!model) throw new Error(refused);
  const io = await readOnnxGraphIo(model);
  // A named (dynamic) channel axis passes here; a graph that then gives more than one channel is refused when it runs.
  const signature = maskSignature(io.inputs, io.outputs);
  if (!signature) throw new Error(`${refused}; ${model} takes ${io.inputs.length} input(s) and gives no [batch, 1, height, width] float32 mask`);
  const preprocessing = await readPreprocessing(preprocessorConfig, { centerCropByDefault: false });
  // the mask must map back onto the whole picture: a crop would cut part of it away
  if (preprocessing.crop) throw new Error(`${preprocessorConfig}: crops the picture (crop_size), so its mask cannot cover the whole frame; a background remover resizes only`);
  return { kind: 'segmentation', layout: 'mask', model, ...signature, dir, preprocessorConfig, preprocessing, tokenizerDir: null };
}

/** Recognises a scoring-model folder; throws naming the missing file otherwise. */
export async function inspectScoringFolder(dir: string): Promise<ScoringFolder> {
  const type = await modelType(dir);
  const kind = KINDS[type];
  const preprocessorConfig = join(dir, 'preprocessor_config.json');
  if (!existsSync(preprocessorConfig)) throw new Error(`${preprocessorConfig}: missing; it says how images are resized and normalised`);
  const model = findOnnx(dir, 'model.onnx');
  if (!kind) return segmentationFolder(dir, type, preprocessorConfig, model);
  const preprocessing = await readPreprocessing(preprocessorConfig);
  if (kind === 'dinov2') {
    if (!model) throw new Error(`${dir}: no model.onnx (at the top or in onnx/)`);
    return { kind, layout: 'image-encoder', model, dir, preprocessorConfig, preprocessing, tokenizerDir: null };
  }
  if (!existsSync(join(dir, 'vocab.json')) || !existsSync(join(dir, 'merges.txt'))) throw new Error(`${dir}: CLIP's tokenizer files vocab.json and merges.txt are missing`);
  const text = findOnnx(dir, 'text_model.onnx');
  const vision = findOnnx(dir, 'vision_model.onnx');
  // optimum's single graph is preferred when both are there: one run scores images against texts.
  if (model) return { kind, layout: 'single', model, dir, preprocessorConfig, preprocessing, tokenizerDir: dir };
  if (text && vision) return { kind, layout: 'split', text, vision, dir, preprocessorConfig, preprocessing, tokenizerDir: dir };
  throw new Error(`${dir}: no CLIP ONNX graphs: expected model.onnx, or text_model.onnx and vision_model.onnx (at the top or in onnx/)`);
}
