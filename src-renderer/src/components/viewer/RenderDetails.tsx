import type { Frame, Render } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { hint, sectionHeading } from '../ui.ts';
import { renderDetails } from './render-details.ts';
import { useModelName } from './use-variants.ts';
import { variantInfo } from './variant-info.ts';

const NO_REASONS: string[] = [];

/** Every parameter of the viewed render, what changed since, and why the frame's current picture is out of date. */
export function RenderDetails({ render, frame }: { render: Render; frame: Frame }) {
  const identityPrompt = useApp((s) => s.story?.project.identityPrompt ?? '');
  const staleReasons = useApp((s) => s.framePlans[frame.id]?.staleReasons ?? NO_REASONS);
  const modelName = useModelName();
  const name = (id: string) => modelName(id, render.params.modelFamily);
  const info = variantInfo(render, { prompt: frame.prompt, identityPrompt }, name);
  const current = render.id === frame.currentRenderId;
  const rows = renderDetails(render, name);

  return (
    <section aria-labelledby="viewer-details" className="grid gap-2">
      <h3 id="viewer-details" className={sectionHeading}>
        Details
      </h3>
      {current && staleReasons.length > 0 && (
        <div data-testid="viewer-stale" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950/60 dark:text-amber-100">
          <p className="font-medium">{frame.kept ? 'Kept despite being out of date:' : 'Out of date:'}</p>
          <ul className="list-disc pl-4">
            {staleReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {info.promptChanged && <p className={hint}>The frame’s prompt is now “{frame.prompt || 'empty'}”.</p>}
      {info.identityThen !== null && <p className={hint}>The identity prompt was “{info.identityThen}” then.</p>}
      <dl data-testid="render-details" className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        {rows.map((row) =>
          row.long ? (
            <div key={row.label} className="col-span-2 grid gap-0.5 pt-1">
              <dt className="text-stone-500 dark:text-stone-400">{row.label}</dt>
              <dd className="rounded bg-stone-50 p-1.5 break-words whitespace-pre-wrap select-text dark:bg-stone-950">{row.value}</dd>
            </div>
          ) : (
            <div key={row.label} className="col-span-2 grid grid-cols-subgrid">
              <dt className="text-stone-500 dark:text-stone-400">{row.label}</dt>
              <dd className="tabular-nums break-words">{row.value}</dd>
            </div>
          ),
        )}
      </dl>
    </section>
  );
}
