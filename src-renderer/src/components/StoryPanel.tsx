import { PROMPT_TEXT_MAX } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { ModelPicker } from './ModelPicker.tsx';
import { ModelSeesPreview } from './story/ModelSeesPreview.tsx';
import { TextField } from './TextField.tsx';
import { TokenMeter } from './TokenMeter.tsx';
import { card, sectionHeading } from './ui.ts';

/** What every frame shares: who the story is about, what it avoids, which model draws it. */
export function StoryPanel() {
  const identityPrompt = useApp((s) => s.story?.project.identityPrompt ?? '');
  const negativePrompt = useApp((s) => s.story?.project.negativePrompt ?? '');
  const { editStory } = useActions();

  return (
    <section aria-label="Story" className={`${card} grid gap-4 p-4`}>
      <h2 className={sectionHeading}>Story</h2>
      <TextField
        label="Identity prompt"
        hint="Who or what stays the same in every frame, e.g. “a watercolor illustration of a red fox”."
        rows={2}
        maxLength={PROMPT_TEXT_MAX}
        value={identityPrompt}
        onChange={(value) => editStory({ identityPrompt: value })}
      />
      <TextField
        label="Negative prompt"
        hint="What no frame should show."
        rows={2}
        maxLength={PROMPT_TEXT_MAX}
        value={negativePrompt}
        onChange={(value) => editStory({ negativePrompt: value })}
      />
      <ModelPicker />
      <TokenMeter />
      <ModelSeesPreview />
    </section>
  );
}
