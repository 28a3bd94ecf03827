// preprocessor_config.json of a Hugging Face image processor (CLIPImageProcessor, BitImageProcessor for DINOv2, …):
// the steps transformers applies, in its order, with its defaults. Older configs write sizes as plain numbers.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PIL_RESAMPLE, supportedResample } from './pil-resample.ts';

export interface ImagePreprocessing {
  /** resize so the shorter side is this long (the longer side scaled and truncated), or to exactly this size */
  resize: { shortestEdge: number } | { height: number; width: number } | null;
  /** both sides of the resized image rounded down to a multiple of this (MODNet's size_divisibility), or null */
  sizeDivisibility: number | null;
  resample: number;
  crop: { height: number; width: number } | null;
  /** multiplies 8-bit values (1/255), or null to keep them */
  rescale: number | null;
  normalize: { mean: [number, number, number]; std: [number, number, number] } | null;
}

// OpenAI CLIP's statistics: CLIPImageProcessor's defaults when a config leaves them out.
const CLIP_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];

const side = z.number().int().min(1).max(4096);
const rgb = z.union([z.tuple([z.number(), z.number(), z.number()]), z.number().transform((v): [number, number, number] => [v, v, v])]);
const schema = z.object({
  do_resize: z.boolean().default(true),
  size: z.union([side, z.object({ shortest_edge: side }), z.object({ height: side, width: side })]).optional(),
  resample: z.number().int().default(PIL_RESAMPLE.bicubic),
  do_center_crop: z.boolean().optional(),
  size_divisibility: z.number().int().min(1).max(1024).optional(),
  crop_size: z.union([side, z.object({ height: side, width: side })]).optional(),
  do_rescale: z.boolean().default(true),
  rescale_factor: z.number().positive().default(1 / 255),
  do_normalize: z.boolean().default(true),
  image_mean: rgb.default(CLIP_MEAN),
  image_std: rgb.default(CLIP_STD),
});

/**
 * `centerCropByDefault`: what an absent do_center_crop means — on for CLIP and DINOv2 (their processors' default);
 * off for background removers, whose ImageFeatureExtractor configs (RMBG-1.4's) leave it out with no crop_size.
 */
export function parsePreprocessing(json: unknown, path: string, { centerCropByDefault = true } = {}): ImagePreprocessing {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: not an image processor configuration Onestory understands: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const c = parsed.data;
  if (c.do_resize && c.size === undefined) throw new Error(`${path}: do_resize is on but no "size" is given`);
  const centerCrop = c.do_center_crop ?? centerCropByDefault;
  if (centerCrop && c.crop_size === undefined) throw new Error(`${path}: do_center_crop is on but no "crop_size" is given`);
  if (c.do_resize && !supportedResample(c.resample)) throw new Error(`${path}: resample ${c.resample} is not supported (bicubic 3, bilinear 2, lanczos 1 are)`);
  const resize = !c.do_resize || c.size === undefined ? null : typeof c.size === 'number' ? { shortestEdge: c.size } : 'shortest_edge' in c.size ? { shortestEdge: c.size.shortest_edge } : c.size;
  const crop = !centerCrop || c.crop_size === undefined ? null : typeof c.crop_size === 'number' ? { height: c.crop_size, width: c.crop_size } : c.crop_size;
  if (c.image_std.some((v) => v === 0)) throw new Error(`${path}: image_std holds a zero`);
  return {
    resize,
    sizeDivisibility: c.do_resize ? (c.size_divisibility ?? null) : null,
    resample: c.resample,
    crop,
    rescale: c.do_rescale ? c.rescale_factor : null,
    normalize: c.do_normalize ? { mean: c.image_mean, std: c.image_std } : null,
  };
}

export async function readPreprocessing(path: string, options: { centerCropByDefault?: boolean } = {}): Promise<ImagePreprocessing> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); a scoring model needs its preprocessor_config.json`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path}: is not valid JSON`);
  }
  return parsePreprocessing(json, path, options);
}
