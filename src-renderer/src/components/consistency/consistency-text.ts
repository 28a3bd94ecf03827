// How the consistency figures read to a user: the numbers and one line on what each means.
import type { FrameConsistency, StoryConsistency } from '../../../../src-shared/domain/index.ts';

export const similarity = (value: number | null) => (value === null ? '—' : value.toFixed(3));
export const alignment = (value: number | null) => (value === null ? '—' : value.toFixed(1));

export const MEANINGS = {
  clipI: 'Identity (CLIP-I): how alike the frames’ pictures are, 1 = the same picture. Higher means a more consistent character.',
  dino: 'Identity (DINOv2): the same, judged on shapes and textures rather than meaning.',
  clipT: 'Prompt match (CLIP-T): how well each picture matches its own prompt with the identity prompt, ×100 as in the literature.',
};

/** What the identity figures compared: the characters alone (backgrounds removed, as the paper does) or whole pictures. */
export function identityBasis(segmentationModel: string | null): string {
  return segmentationModel
    ? `Backgrounds were removed with ${segmentationModel} before the identity scores, as the paper measures them; prompt match uses the whole pictures.`
    : 'Whole pictures are compared, backgrounds included (the paper removes backgrounds first), so the figures are not the paper’s to the digit. Add a background-removal model (Models page) to compare the characters alone.';
}

/** The lines of the story's breakdown. */
export function storyLines(scores: StoryConsistency): string[] {
  const lines = [`Identity (CLIP-I) ${similarity(scores.clipI)}`];
  if (scores.dino !== null) lines.push(`Identity (DINOv2) ${similarity(scores.dino)}`);
  lines.push(`Prompt match (CLIP-T) ${alignment(scores.clipT)}`);
  return lines;
}

/** A frame's badge: what screen readers say and the tooltip shows. */
export function frameDescription(frame: FrameConsistency, number: number): string {
  const parts = [`Frame ${number} identity ${similarity(frame.clipI)} (CLIP-I, mean similarity to the other frames)`];
  if (frame.dino !== null) parts.push(`DINOv2 ${similarity(frame.dino)}`);
  parts.push(`prompt match ${alignment(frame.clipT)} (CLIP-T)`);
  if (frame.drifting) parts.push('it drifts: the least like the other frames; try another variant or seed');
  return parts.join(', ');
}
