// What made a render, in words: the export's title page and story.json compare these across frames, the variant
// viewer shows them for one variant. One entry per field, in a fixed order (undefined where a field does not apply),
// so that entries can be compared position by position.
import type { RenderParams } from '../domain/index.ts';
import { formatCount } from './quantities.ts';

// Spelled out (no Greek letters): the PDF's built-in font has none, and would force a system font on every title page.
const FIELDS: ((p: RenderParams, modelName: (id: string) => string) => string | undefined)[] = [
  (p, modelName) => `model ${modelName(p.modelId)}`,
  (p) => `${p.width} × ${p.height}`,
  (p) => formatCount(p.steps, 'step'),
  (p) => `scheduler ${p.scheduler}`,
  (p) => `guidance ${p.guidance}`,
  (p) => `noise ${p.settings.noise}`,
  (p) => `seed ${p.seed}`,
  (p) => `reweighting ${p.settings.reweight.mode}`,
  (p) => (svr(p) ? `alpha ${p.settings.reweight.alphaEnhance}` : undefined),
  (p) => (svr(p) ? `beta ${p.settings.reweight.betaEnhance}` : undefined),
  (p) => (svr(p) ? `suppress alpha ${p.settings.reweight.alphaSuppress}` : undefined),
  (p) => (svr(p) ? `suppress beta ${p.settings.reweight.betaSuppress}` : undefined),
  (p) => (p.settings.reweight.mode === 'naive' ? `naive factors ${p.settings.reweight.naiveEnhance} and ${p.settings.reweight.naiveSuppress}` : undefined),
  (p) => `identity-preserving attention ${p.settings.ipca}`,
  (p) => `at most ${formatCount(p.settings.windowLength, 'frame')} per prompt`,
];

export function describeRenderParams(params: RenderParams, modelName: (id: string) => string): (string | undefined)[] {
  return FIELDS.map((field) => field(params, modelName));
}

function svr(p: RenderParams): boolean {
  return p.settings.reweight.mode === 'svr' || p.settings.reweight.mode === 'svr-eot';
}
