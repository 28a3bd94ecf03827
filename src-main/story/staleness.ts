// Whether a frame's current render still shows what generating the frame now would make, and if not, why.
import { STORY_PROMPT_REASON, type Frame, type ModelRecord, type Project, type RenderParams, type ReweightMode } from '../../src-shared/domain/index.ts';
import type { StoryPlan } from '../engine/conditioning/index.ts';
import { storyPromptChange } from './story-prompt-change.ts';

/** The story as it is now, which renders are compared with. */
export interface StoryNow {
  project: Project;
  /** in story order */
  frames: readonly Frame[];
  /** the project's model as the library has it; undefined when it is not there ("model default" then compares as chosen) */
  model: Pick<ModelRecord, 'defaults' | 'ipcaUnavailableReason'> | undefined;
  /** a model's name for the reasons; its id when the library does not know it */
  modelName(id: string): string;
  /** null when no tokenizer was at hand: the prompts' windows cannot be compared then */
  plan: StoryPlan | null;
}

/**
 * One rule for the editor's `story.state` and for exports: every field that shapes the pixels, compared between the
 * parameters stored with the render and the story now ("model default" resolved through the model's defaults). One
 * short sentence per differing field, in a fixed order; empty when generating now would reproduce the render.
 */
export function staleReasons(was: RenderParams, position: number, now: StoryNow): string[] {
  const { project, frames, model } = now;
  const s = project.settings;
  const reasons: string[] = [];
  const changed = (what: string, from: string, to: string) => {
    if (from !== to) reasons.push(`${what} changed: ${from} → ${to}`);
  };

  if (was.modelId !== project.modelId) {
    const to = project.modelId === null ? 'none' : now.modelName(project.modelId);
    const from = now.modelName(was.modelId);
    // Two models may share a name; their ids then tell them apart.
    reasons.push(from === to ? `model changed: ${was.modelId} → ${project.modelId}` : `model changed: ${from} → ${to}`);
  }
  // A setting left at "model default" compares as resolved when the model is at hand, else as the choice it was.
  const resolved = <K extends 'width' | 'height' | 'steps' | 'guidance'>(key: K): [string, string] => {
    const current = s[key] ?? model?.defaults[key];
    return current === undefined ? [orDefault(was.settings[key]), orDefault(null)] : [String(was[key]), String(current)];
  };
  const [w0, w1] = resolved('width');
  const [h0, h1] = resolved('height');
  changed('size', `${w0}×${h0}`, `${w1}×${h1}`);
  changed('steps', ...resolved('steps'));
  changed('guidance', ...resolved('guidance'));
  const scheduler = s.scheduler === 'model' ? model?.defaults.scheduler : s.scheduler;
  if (scheduler === undefined) changed('scheduler', schedulerChoice(was.settings.scheduler), schedulerChoice(s.scheduler));
  else changed('scheduler', was.scheduler, scheduler);
  changed('noise', was.settings.noise, s.noise);
  changed('seed', String(was.seed), String(frames[position].seedOverride ?? s.seed));

  const [r0, r1] = [was.settings.reweight, s.reweight];
  changed('reweighting', r0.mode, r1.mode);
  if (usesSvr(r0.mode) && usesSvr(r1.mode)) {
    changed('α', String(r0.alphaEnhance), String(r1.alphaEnhance));
    changed('β', String(r0.betaEnhance), String(r1.betaEnhance));
    changed('α′', String(r0.alphaSuppress), String(r1.alphaSuppress));
    changed('β′', String(r0.betaSuppress), String(r1.betaSuppress));
  }
  if (r0.mode === 'naive' && r1.mode === 'naive') {
    changed('naive enhance factor', String(r0.naiveEnhance), String(r1.naiveEnhance));
    changed('naive suppress factor', String(r0.naiveSuppress), String(r1.naiveSuppress));
  }
  // The IPCA the render ran with is stored as it ran: off where the model cannot take IPCA's context.
  const ipca = s.ipca !== 'off' && model && model.ipcaUnavailableReason !== null ? 'off' : s.ipca;
  changed('IPCA', was.settings.ipca, ipca);

  if (was.identityPrompt !== project.identityPrompt) reasons.push('the identity prompt changed');
  if (was.negativePrompt !== project.negativePrompt) reasons.push('the negative prompt changed');
  const placement = now.plan?.placements[position];
  if (now.plan && (!placement || now.plan.prompts[placement.prompt].text !== was.storyPrompt || placement.part !== was.partIndex)) {
    // The window length matters only through the windows it makes.
    changed('window length', String(was.settings.windowLength), String(s.windowLength));
    changed('"let shot type guide the image"', onOff(was.settings.shotTypeGuidesImage), onOff(s.shotTypeGuidesImage));
    const change = storyPromptChange(was, position, frames, s, project.identityPrompt, now.plan);
    if (change !== null) reasons.push(`${STORY_PROMPT_REASON}: ${change}`);
  }
  return reasons;
}

/** Whether "regenerate stale" should render the frame again: its render is out of date and the user did not keep it. */
export function needsRegenerating(frame: Pick<Frame, 'kept'>, reasons: readonly string[]): boolean {
  return reasons.length > 0 && !frame.kept;
}

function usesSvr(mode: ReweightMode): boolean {
  return mode === 'svr' || mode === 'svr-eot';
}

function orDefault(value: number | null): string {
  return value === null ? 'model default' : String(value);
}

function schedulerChoice(choice: string): string {
  return choice === 'model' ? "the model's own" : choice;
}

const onOff = (on: boolean) => (on ? 'on' : 'off');
