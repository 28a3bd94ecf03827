// What a scoring-model folder holds, in the layouts the Hub has them:
//   CLIP, optimum's export: model.onnx (input_ids, pixel_values, attention_mask → text_embeds, image_embeds)
//   CLIP, split (transformers.js repos): onnx/text_model.onnx + onnx/vision_model.onnx
//   DINOv2: model.onnx or onnx/model.onnx (pixel_values → last_hidden_state, pooler_output)
// with config.json (model_type clip / dinov2), preprocessor_config.json and, for CLIP, the tokenizer files at the
// top. ONNX files may sit at the top or in onnx/; quantised and float16 siblings (model_quantized.onnx, …) are left alone.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type ScoringKind = 'clip' | 'dinov2';

export type ScoringGraphs =
  | { kind: 'clip'; layout: 'single'; model: string }
  | { kind: 'clip'; layout: 'split'; text: string; vision: string }
  | { kind: 'dinov2'; layout: 'image-encoder'; model: string };

export type ScoringFolder = ScoringGraphs & {
  dir: string;
  preprocessorConfig: string;
  /** where vocab.json and merges.txt are (CLIP only) */
  tokenizerDir: string | null;
};

const KINDS: Record<string, ScoringKind> = { clip: 'clip', dinov2: 'dinov2' };

function findOnnx(dir: string, name: string): string | null {
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

/** Recognises a scoring-model folder; throws naming the missing file otherwise. */
export async function inspectScoringFolder(dir: string): Promise<ScoringFolder> {
  const type = await modelType(dir);
  const kind = KINDS[type];
  if (!kind) throw new Error(`${join(dir, 'config.json')}: model_type "${type}" is not a scoring model Onestory runs (clip, dinov2)`);
  const preprocessorConfig = join(dir, 'preprocessor_config.json');
  if (!existsSync(preprocessorConfig)) throw new Error(`${preprocessorConfig}: missing; it says how images are resized and normalised`);
  const model = findOnnx(dir, 'model.onnx');
  if (kind === 'dinov2') {
    if (!model) throw new Error(`${dir}: no model.onnx (at the top or in onnx/)`);
    return { kind, layout: 'image-encoder', model, dir, preprocessorConfig, tokenizerDir: null };
  }
  if (!existsSync(join(dir, 'vocab.json')) || !existsSync(join(dir, 'merges.txt'))) throw new Error(`${dir}: CLIP's tokenizer files vocab.json and merges.txt are missing`);
  const text = findOnnx(dir, 'text_model.onnx');
  const vision = findOnnx(dir, 'vision_model.onnx');
  // optimum's single graph is preferred when both are there: one run scores images against texts.
  if (model) return { kind, layout: 'single', model, dir, preprocessorConfig, tokenizerDir: dir };
  if (text && vision) return { kind, layout: 'split', text, vision, dir, preprocessorConfig, tokenizerDir: dir };
  throw new Error(`${dir}: no CLIP ONNX graphs: expected model.onnx, or text_model.onnx and vision_model.onnx (at the top or in onnx/)`);
}
