import type { Render } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { button, hint } from '../ui.ts';

interface Props {
  /** the variants compared, in the story's order of variants */
  compared: Render[];
  /** each variant's number among the frame's variants (1-based) */
  numberOf(render: Render): number;
  currentId: string | null;
  onUse(render: Render): void;
}

/** Two to four variants side by side, each with "Use this" and what differs between them. */
export function CompareView({ compared, numberOf, currentId, onUse }: Props) {
  const imageUrl = useApp((s) => s.imageUrl);
  if (compared.length < 2) return <p className={`${hint} self-center text-center`}>Pick two to four variants below to compare them.</p>;
  const columns = compared.length === 2 ? 'grid-cols-2' : compared.length === 3 ? 'grid-cols-3' : 'grid-cols-2 xl:grid-cols-4';
  return (
    <ul aria-label="Compared variants" className={`grid min-h-0 gap-3 overflow-y-auto ${columns}`}>
      {compared.map((render) => {
        const number = numberOf(render);
        const { params } = render;
        return (
          <li key={render.id} aria-label={`Variant ${number}`} data-testid="compared-variant" className="grid min-h-0 grid-rows-[minmax(0,1fr)_auto] gap-2 rounded-lg border border-stone-200 p-2 dark:border-stone-800">
            <img src={imageUrl(render.id, 'full')} alt={`Variant ${number}`} className="size-full min-h-32 rounded bg-stone-100 object-contain dark:bg-stone-950" />
            <div className="grid gap-1">
              <div className="flex items-center gap-2">
                <span className="text-sm font-medium">Variant {number}</span>
                <span className="flex-1" />
                {render.id === currentId ? (
                  <span className="rounded bg-teal-700 px-1.5 py-0.5 text-[11px] font-medium text-white">current</span>
                ) : (
                  <button type="button" className={button.small} aria-label={`Use variant ${number}`} onClick={() => onUse(render)}>
                    Use this
                  </button>
                )}
              </div>
              <p className={`${hint} tabular-nums`}>
                seed {params.seed} · {params.steps} steps · guidance {params.guidance} · {params.settings.reweight.mode} β {params.settings.reweight.betaEnhance}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
