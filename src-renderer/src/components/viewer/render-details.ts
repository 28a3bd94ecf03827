// Every parameter that made a render, as labelled rows for the viewer's details panel: the same facts as
// describeRenderParams, laid out to be read one by one (and the prompts in full) rather than compared in one line.
import type { Render } from '../../../../src-shared/domain/index.ts';

export interface DetailRow {
  label: string;
  value: string;
  /** long text (prompts), shown on its own lines */
  long?: boolean;
}

const made = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function renderDetails(render: Render, modelName: (id: string) => string): DetailRow[] {
  const { params } = render;
  const { reweight } = params.settings;
  const svr = reweight.mode === 'svr' || reweight.mode === 'svr-eot';
  const rows: (DetailRow | false)[] = [
    { label: 'Model', value: `${modelName(params.modelId)} (${params.modelFamily})` },
    { label: 'Size', value: `${params.width} × ${params.height}` },
    { label: 'Steps', value: String(params.steps) },
    { label: 'Guidance', value: String(params.guidance) },
    { label: 'Scheduler', value: params.scheduler },
    { label: 'Noise', value: params.settings.noise },
    { label: 'Seed', value: String(params.seed) },
    { label: 'Reweighting', value: reweight.mode },
    svr && { label: 'α (enhance)', value: String(reweight.alphaEnhance) },
    svr && { label: 'β (enhance)', value: String(reweight.betaEnhance) },
    svr && { label: 'α′ (suppress)', value: String(reweight.alphaSuppress) },
    svr && { label: 'β′ (suppress)', value: String(reweight.betaSuppress) },
    reweight.mode === 'naive' && { label: 'Naive factors', value: `${reweight.naiveEnhance} and ${reweight.naiveSuppress}` },
    { label: 'Identity-preserving attention', value: params.settings.ipca },
    { label: 'Window', value: `at most ${params.settings.windowLength} frames per prompt` },
    { label: 'Shot type guides the image', value: params.settings.shotTypeGuidesImage ? 'yes' : 'no' },
    { label: 'Made', value: made.format(render.createdAt) },
    { label: 'Identity prompt', value: params.identityPrompt || '(none)', long: true },
    { label: 'Negative prompt', value: params.negativePrompt || '(none)', long: true },
    { label: 'Frame prompt', value: params.framePrompt || '(empty)', long: true },
    { label: 'Conditioned on', value: params.storyPrompt, long: true },
  ];
  return rows.filter((row) => row !== false);
}
