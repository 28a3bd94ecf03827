// What the variant viewer says about one variant: the prompt and settings that made it (from its render's
// parameters), and whether the frame's prompt or the identity has changed since.
import type { Render } from '../../../../src-shared/domain/index.ts';
import { describeRenderParams } from '../../../../src-shared/format/render-params.ts';

export interface VariantInfo {
  /** the frame's prompt when this variant was made */
  prompt: string;
  /** the frame's prompt is another one now */
  promptChanged: boolean;
  /** the identity prompt then, when it is another one now; null when it is the same */
  identityThen: string | null;
  /** the settings that made it, in one line */
  settings: string;
}

export function variantInfo(render: Render, now: { prompt: string; identityPrompt: string }, modelName: (id: string) => string): VariantInfo {
  const { params } = render;
  return {
    prompt: params.framePrompt,
    promptChanged: params.framePrompt !== now.prompt,
    identityThen: params.identityPrompt === now.identityPrompt ? null : params.identityPrompt,
    settings: describeRenderParams(params, modelName).filter((item) => item !== undefined).join(' · '),
  };
}
