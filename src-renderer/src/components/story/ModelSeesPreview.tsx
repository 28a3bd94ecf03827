import { useActions, useApp } from '../../state/context.ts';
import { frameColor, IDENTITY_COLOR } from '../prompt-colors.ts';
import { fieldLabel, hint } from '../ui.ts';
import { useFrameNumbers } from '../use-frame-numbers.ts';

/**
 * "What the model sees": each consolidated prompt the text encoder reads, identity first, every frame's part
 * highlighted in its meter colour. With "let shot type guide the image" on, the parts carry the shot wording.
 */
export function ModelSeesPreview() {
  const state = useApp((s) => s.storyState);
  const guided = useApp((s) => s.story?.project.settings.shotTypeGuidesImage ?? false);
  const { editSettings } = useActions();
  const numbers = useFrameNumbers();
  const prompts = state?.prompts ?? [];

  return (
    <div className="grid gap-2">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5" checked={guided} onChange={(e) => editSettings({ shotTypeGuidesImage: e.target.checked }, 'Let shot type guide the image')} />
        <span>
          Let shot type guide the image
          <span className={`${hint} block`}>Adds each frame’s shot type (e.g. “close-up shot”) to its part of the prompt. Changing it makes those frames out of date.</span>
        </span>
      </label>
      <details className="group">
        <summary className={`${fieldLabel} cursor-pointer select-none`}>What the model sees</summary>
        {prompts.length === 0 ? (
          <p className={`${hint} mt-2`}>Nothing yet: add frames, or fix what the token meter reports.</p>
        ) : (
          <ol className="mt-2 grid gap-2" aria-label="Prompts the model reads">
            {prompts.map((prompt) => (
              <li key={prompt.frameIds.join()} className="rounded-md border border-stone-200 p-2 text-xs leading-relaxed dark:border-stone-700">
                <mark className={`${IDENTITY_COLOR.text} rounded px-0.5 text-inherit`} title="Identity prompt">
                  {prompt.parts[0]}
                </mark>
                {prompt.frameIds.map((id, k) => {
                  const number = numbers.get(id) ?? 0;
                  return (
                    <span key={id}>
                      {' '}
                      <mark className={`${frameColor(number).text} rounded px-0.5 text-inherit`} title={`Frame ${number}`} aria-label={`Frame ${number}: ${prompt.parts[k + 1]}`}>
                        {prompt.parts[k + 1]}
                      </mark>
                    </span>
                  );
                })}
              </li>
            ))}
          </ol>
        )}
      </details>
    </div>
  );
}
