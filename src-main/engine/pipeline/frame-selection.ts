// Which frames a request renders, with which seed, and how many go through the UNet together.

/** The frames to render (default all), checked against the story. */
export function framesToRender(requested: readonly number[] | undefined, frameCount: number): number[] {
  if (requested === undefined) return Array.from({ length: frameCount }, (_, j) => j);
  if (requested.length === 0) throw new Error('No frames to render: ask for at least one');
  for (const frame of requested) {
    if (!Number.isInteger(frame) || frame < 0 || frame >= frameCount) throw new Error(`Frame ${frame + 1} is not in this story of ${frameCount} frames`);
  }
  if (new Set(requested).size !== requested.length) throw new Error('A frame was asked for twice');
  return [...requested];
}

/** Each frame's seed: its override, else the story's. */
export function frameSeeds(storySeed: number, overrides: readonly (number | null)[] | undefined, frameCount: number): number[] {
  if (overrides !== undefined && overrides.length !== frameCount) {
    throw new Error(`Seed overrides: expected one entry per frame (${frameCount}), got ${overrides.length}`);
  }
  return Array.from({ length: frameCount }, (_, j) => overrides?.[j] ?? storySeed);
}

// Two frames of 1024² (128×128 latents) per batch, four UNet items with guidance: what a 12 GB GPU holds for
// SDXL. Smaller images batch more frames in the same memory.
const LATENT_PIXELS_PER_BATCH = 2 * 128 * 128;

export function defaultBatchSize(latentHeight: number, latentWidth: number): number {
  return Math.max(1, Math.floor(LATENT_PIXELS_PER_BATCH / (latentHeight * latentWidth)));
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`The batch size must be a whole number ≥ 1, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * Frames per batch: the image size's default, cut so that one UNet run carries a whole batch (`itemsPerFrame` items
 * each: two with guidance) where the adapter's buffer limit caps the items per run; null: nothing caps them.
 */
export function framesPerBatch(byImageSize: number, itemsPerRun: number | null, itemsPerFrame: number): number {
  if (itemsPerRun === null) return byImageSize;
  return Math.max(1, Math.min(byImageSize, Math.floor(itemsPerRun / itemsPerFrame)));
}
