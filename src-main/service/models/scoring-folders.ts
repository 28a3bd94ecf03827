// Scoring models in the library: a folder holding CLIP or DINOv2 ONNX exports (config.json model_type clip or
// dinov2, no model_index.json), or a background remover (config.json, preprocessor_config.json and a model.onnx that
// takes one image and gives a one-channel mask), is recognised here, in the main process, by its files alone; the
// engine process runs it only when scoring.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { ModelRecord } from '../../../src-shared/domain/index.ts';
import { findOnnx, inspectScoringFolder, isScoringModelType, type ScoringKind } from '../../engine/scoring/index.ts';

export interface ScoringInfo {
  family: ScoringKind;
  /** the image size the model takes, shown where a diffusion model shows its render size */
  defaults: ModelRecord['defaults'];
}

/**
 * Whether `dir` looks like a scoring model rather than a diffusion pipeline: no model_index.json, and a config.json
 * naming CLIP or DINOv2, or beside an image processor's config and a model.onnx (a background remover's layout,
 * whose model_type says nothing useful: its graph decides, in inspectScoringFolder).
 */
async function looksLikeScoring(dir: string): Promise<boolean> {
  if (existsSync(join(dir, 'model_index.json'))) return false;
  let type: unknown;
  try {
    type = (JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { model_type?: unknown }).model_type;
  } catch {
    return false;
  }
  if (isScoringModelType(type)) return true;
  return existsSync(join(dir, 'preprocessor_config.json')) && findOnnx(dir, 'model.onnx') !== null;
}

/** A scoring model's description, null when `dir` is not one (a diffusion folder, for the engine to judge); refuses a broken one naming what is missing. */
export async function inspectScoringModel(dir: string, label = dir): Promise<ScoringInfo | null> {
  if (!(await looksLikeScoring(dir))) return null;
  try {
    const folder = await inspectScoringFolder(dir);
    const { crop, resize } = folder.preprocessing;
    const size = crop ?? (resize && 'height' in resize ? resize : { height: 224, width: 224 });
    return { family: folder.kind, defaults: { width: size.width, height: size.height, steps: 1, guidance: 0, scheduler: 'none' } };
  } catch (error) {
    throw new ApiError('invalid_input', `${label} is not a scoring model Onestory can use: ${(error as Error).message.replaceAll(dir, label)}`);
  }
}

/** Whether a stored scoring model's folder is still there. */
export function scoringModelPresent(dir: string): boolean {
  return existsSync(join(dir, 'config.json'));
}
