// The aspect ratios films and boards use, each mapped to sizes the model family was trained at. A preset whose
// trained size is not exactly its ratio renders at that size and is cropped to the ratio in exports.
import { z } from 'zod';

export const ASPECT_PRESET_IDS = ['1:1', '4:3', '3:2', '16:9', '1.85:1', '2.39:1', '9:16'] as const;
export type AspectPresetId = (typeof ASPECT_PRESET_IDS)[number];
/** a preset, or null: width and height are free */
export const AspectSchema = z.enum(ASPECT_PRESET_IDS).nullable();

export interface AspectPreset {
  id: AspectPresetId;
  /** width ÷ height, exactly */
  ratio: number;
  /** what it is called on a set */
  label: string;
}

export const ASPECT_PRESETS: readonly AspectPreset[] = [
  { id: '1:1', ratio: 1, label: 'Square' },
  { id: '4:3', ratio: 4 / 3, label: 'Academy / TV' },
  { id: '3:2', ratio: 3 / 2, label: 'Photo' },
  { id: '16:9', ratio: 16 / 9, label: 'HD video' },
  { id: '1.85:1', ratio: 1.85, label: 'Flat widescreen' },
  { id: '2.39:1', ratio: 2.39, label: 'Anamorphic scope' },
  { id: '9:16', ratio: 9 / 16, label: 'Vertical video' },
];

type Size = readonly [width: number, height: number];

/**
 * Trained sizes. SDXL: the aspect buckets of its training (SDXL report, appendix); 2.39:1 is nearest 1536×640.
 * SD 1.x: 512 on the short side, the long side a multiple of 8; 2.39:1 stays near 512² pixels at 1024×432.
 */
const SDXL: Record<AspectPresetId, Size> = {
  '1:1': [1024, 1024],
  '4:3': [1152, 896],
  '3:2': [1216, 832],
  '16:9': [1344, 768],
  '1.85:1': [1344, 704],
  '2.39:1': [1536, 640],
  '9:16': [768, 1344],
};
const SD1: Record<AspectPresetId, Size> = {
  '1:1': [512, 512],
  '4:3': [640, 480],
  '3:2': [768, 512],
  '16:9': [912, 512],
  '1.85:1': [944, 512],
  '2.39:1': [1024, 432],
  '9:16': [512, 912],
};
/** SD 2.x was trained at 768: SD 1.x's sizes × 1.5, still multiples of 8. */
const SD2 = scaled(SD1, 1.5);

function scaled(sizes: Record<AspectPresetId, Size>, factor: number): Record<AspectPresetId, Size> {
  const out = { ...sizes };
  for (const id of ASPECT_PRESET_IDS) out[id] = [sizes[id][0] * factor, sizes[id][1] * factor];
  return out;
}

/** By model family (ModelRecord.family); a family not listed gets SD 1.x's sizes. */
const SIZES_BY_FAMILY: Record<string, Record<AspectPresetId, Size>> = {
  sd1: SD1,
  sd2: SD2,
  'sdxl-turbo': SD1,
  sdxl: SDXL,
  'playground-v2.5': SDXL,
};

export function aspectPreset(id: AspectPresetId): AspectPreset {
  return ASPECT_PRESETS.find((p) => p.id === id)!;
}

/** The size a preset renders at for a model family. */
export function presetSize(id: AspectPresetId, family: string | null | undefined): { width: number; height: number } {
  const [width, height] = (SIZES_BY_FAMILY[family ?? ''] ?? SD1)[id];
  return { width, height };
}

export interface Crop {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The centred crop of a width × height picture to the ratio, or null when the picture has it to the pixel. */
export function cropToRatio(width: number, height: number, ratio: number): Crop | null {
  const cropWidth = Math.min(width, Math.round(height * ratio));
  const cropHeight = Math.min(height, Math.round(width / ratio));
  const crop = width / height > ratio ? { width: cropWidth, height } : { width, height: cropHeight };
  if (crop.width === width && crop.height === height) return null;
  return { left: Math.floor((width - crop.width) / 2), top: Math.floor((height - crop.height) / 2), ...crop };
}

/** How far off its ratio a preset's trained size may be (SDXL's 4:3 bucket, 1152×896, is 3.6% off). */
const NEARBY = 0.05;

/**
 * The crop exports make of a width × height render for the story's preset: to the exact ratio when the render was made
 * at a nearby trained size; null when it has the ratio already, or another shape (made before the preset was chosen,
 * so out of date), which is left whole rather than cut down to a shape it was not composed for.
 */
export function presetCrop(width: number, height: number, aspect: AspectPresetId | null): Crop | null {
  if (aspect === null) return null;
  const { ratio } = aspectPreset(aspect);
  return Math.abs(width / height / ratio - 1) > NEARBY ? null : cropToRatio(width, height, ratio);
}
