// Naive prompt reweighting (the method notes' baseline; not in the authors' code): the current frame's tokens
// are scaled up, every other frame's tokens down, EOT and everything else left as encoded.
import type { ReweightSettings } from '../../../src-shared/domain/index.ts';
import { copyRows, type Embedding, type RowTarget } from './embedding.ts';

export type NaiveFactors = Pick<ReweightSettings, 'naiveEnhance' | 'naiveSuppress'>;

/** Writes `source` to `target` with frame `frame`'s rows × naiveEnhance and the other frames' rows × naiveSuppress. */
export function naiveReweight(
  source: Embedding,
  frames: readonly (readonly number[])[],
  frame: number,
  factors: NaiveFactors,
  target: RowTarget,
): void {
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames.length) {
    throw new Error(`Naive reweighting: frame ${frame} is not one of this prompt's ${frames.length} frames`);
  }
  copyRows(source, target);
  frames.forEach((rows, k) => {
    const factor = k === frame ? factors.naiveEnhance : factors.naiveSuppress;
    for (const row of rows) {
      const start = target.offset + row * target.stride;
      for (let x = start; x < start + source.dim; x++) target.data[x] *= factor;
    }
  });
}
