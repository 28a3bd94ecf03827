import type { Render } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { sectionHeading } from '../ui.ts';

interface Props {
  renders: Render[];
  currentId: string | null;
  /** the variants pressed: the one viewed, or those compared */
  pressed: ReadonlySet<string>;
  onPick(render: Render): void;
}

/** The frame's variants as thumbnails; the current one is marked. */
export function VariantStrip({ renders, currentId, pressed, onPick }: Props) {
  const imageUrl = useApp((s) => s.imageUrl);
  return (
    <section aria-label="Variants" className="grid gap-1.5">
      <h3 className={sectionHeading}>
        Variants <span className="font-normal text-stone-500 tabular-nums">{renders.length}</span>
      </h3>
      <ol className="flex gap-2 overflow-x-auto p-1">
        {renders.map((render, i) => (
          <li key={render.id} className="shrink-0">
            <button
              type="button"
              aria-pressed={pressed.has(render.id)}
              aria-label={`Variant ${i + 1}${render.id === currentId ? ' (current)' : ''}`}
              title={`Seed ${render.params.seed}`}
              onClick={() => onPick(render)}
              className="relative block size-14 overflow-hidden rounded-md ring-offset-2 ring-offset-white outline-offset-2 focus-visible:outline-2 focus-visible:outline-teal-600 aria-pressed:ring-2 aria-pressed:ring-teal-600 dark:ring-offset-stone-900"
            >
              <img src={imageUrl(render.id, 'thumb')} alt="" loading="lazy" className="size-full object-cover" />
              {render.id === currentId && <span className="absolute inset-x-0 bottom-0 bg-teal-700/85 text-center text-[10px] font-medium text-white">current</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
