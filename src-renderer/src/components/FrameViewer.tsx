import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Frame, Render } from '../../../src-shared/domain/index.ts';
import { formatUpdated } from '../format.ts';
import { useActions, useApp } from '../state/context.ts';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from './icons.tsx';
import { button, hint, sectionHeading } from './ui.ts';
import { useModalDialog } from './use-modal-dialog.ts';
import { variantInfo, type VariantInfo } from './variant-info.ts';
import { useOrderedVariants, VariantOrderToggle, VariantScore } from './consistency/VariantOrder.tsx';

/** A frame shown large, with its variants to browse and choose from. Escape closes it. */
export function FrameViewer() {
  const frameId = useApp((s) => s.viewerFrameId);
  const frame = useApp((s) => (frameId ? s.story?.frames.find((f) => f.id === frameId) : undefined));
  const { openViewer } = useActions();
  const ref = useModalDialog(frame !== undefined);

  return (
    <dialog
      ref={ref}
      onClose={() => openViewer(null)}
      aria-labelledby="viewer-title"
      className="m-auto max-h-[calc(100vh-2rem)] w-[min(60rem,calc(100vw-2rem))] rounded-xl border border-stone-200 bg-white text-stone-900 shadow-2xl backdrop:bg-stone-950/70 dark:border-stone-800 dark:bg-stone-900 dark:text-stone-100"
    >
      {frame && <ViewerContent key={frame.id} frame={frame} onClose={() => openViewer(null)} />}
    </dialog>
  );
}

function ViewerContent({ frame, onClose }: { frame: Frame; onClose(): void }) {
  const variantCount = useApp((s) => s.framePlans[frame.id]?.variantCount ?? 0);
  const imageUrl = useApp((s) => s.imageUrl);
  const { listVariants, selectVariant } = useActions();
  const [listed, setRenders] = useState<Render[]>([]);
  const renders = useOrderedVariants(listed);
  const [viewedId, setViewedId] = useState(frame.currentRenderId);
  const number = frame.position + 1;

  // Read again whenever a variant is added or chosen, here or elsewhere.
  useEffect(() => {
    let current = true;
    void listVariants(frame.id).then((list) => current && setRenders(list));
    return () => {
      current = false;
    };
  }, [frame.id, frame.currentRenderId, variantCount, listVariants]);

  const viewed = renders.find((r) => r.id === viewedId) ?? renders.find((r) => r.id === frame.currentRenderId) ?? renders.at(-1) ?? null;
  const info = useVariantInfo(viewed, frame);
  const index = viewed ? renders.indexOf(viewed) : -1;
  const browse = (delta: number) => {
    if (renders.length > 1) setViewedId(renders[(index + delta + renders.length) % renders.length].id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft') browse(-1);
    if (event.key === 'ArrowRight') browse(1);
  };

  return (
    <div className="grid gap-4 p-5" onKeyDown={onKeyDown}>
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="viewer-title" className="text-lg font-semibold">
            Frame {number}
            {frame.caption && <span className="font-normal text-stone-500 dark:text-stone-400"> · {frame.caption}</span>}
          </h2>
          {/* The viewed variant's own prompt: an older variant may have been made from another one. */}
          <p data-testid="variant-prompt" className={`${hint} truncate`}>
            {(info ? info.prompt : frame.prompt) || 'No prompt'}
          </p>
          {info?.promptChanged && <p className={`${hint} truncate`}>The frame’s prompt is now “{frame.prompt || 'empty'}”.</p>}
          {info && info.identityThen !== null && <p className={`${hint} truncate`}>Identity then: “{info.identityThen}”.</p>}
        </div>
        <button type="button" className={button.icon} aria-label="Close" title="Close (Esc)" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>

      <div className="relative grid min-h-72 place-items-center overflow-hidden rounded-lg bg-stone-100 dark:bg-stone-950">
        {viewed ? (
          <img src={imageUrl(viewed.id, 'full')} alt={`Frame ${number}, variant ${index + 1}`} className="h-[min(60vh,40rem)] w-full object-contain" />
        ) : (
          <p className={hint}>No variants yet: generate this frame first.</p>
        )}
        {renders.length > 1 && (
          <>
            <button type="button" className={`${button.icon} absolute left-2 bg-white/80 dark:bg-stone-900/80`} aria-label="Previous variant" title="Previous variant (←)" onClick={() => browse(-1)}>
              <ChevronLeftIcon />
            </button>
            <button type="button" className={`${button.icon} absolute right-2 bg-white/80 dark:bg-stone-900/80`} aria-label="Next variant" title="Next variant (→)" onClick={() => browse(1)}>
              <ChevronRightIcon />
            </button>
          </>
        )}
      </div>

      {renders.length > 0 && (
        <section aria-label="Variants" className="grid gap-2">
          <div className="flex items-center gap-3">
            <h3 className={sectionHeading}>
              Variants <span className="font-normal text-stone-500 tabular-nums">{renders.length}</span>
            </h3>
            <VariantOrderToggle renders={renders} />
          </div>
          <ol className="flex gap-2 overflow-x-auto pb-1">
            {renders.map((render, i) => (
              <li key={render.id} className="shrink-0">
                <button
                  type="button"
                  aria-pressed={render.id === viewed?.id}
                  aria-label={`Variant ${i + 1}${render.id === frame.currentRenderId ? ' (current)' : ''}`}
                  onClick={() => setViewedId(render.id)}
                  className="relative block size-16 overflow-hidden rounded-md ring-offset-2 ring-offset-white aria-pressed:ring-2 aria-pressed:ring-teal-600 dark:ring-offset-stone-900"
                >
                  <img src={imageUrl(render.id, 'thumb')} alt="" loading="lazy" className="size-full object-cover" />
                  <VariantScore render={render} />
                  {render.id === frame.currentRenderId && <span className="absolute inset-x-0 bottom-0 bg-teal-700/85 text-[10px] font-medium text-white">current</span>}
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}

      {viewed && (
        <footer className="flex flex-wrap items-center gap-3">
          <p data-testid="variant-settings" className={`${hint} max-w-prose tabular-nums`}>
            {info?.settings} · {formatUpdated(viewed.createdAt, Date.now())}
          </p>
          <span className="flex-1" />
          {viewed.id === frame.currentRenderId ? (
            <span className={hint}>This is the frame’s current variant.</span>
          ) : (
            <button type="button" className={button.primary} onClick={() => selectVariant(frame.id, viewed.id)}>
              Use this variant
            </button>
          )}
        </footer>
      )}
    </div>
  );
}

function useVariantInfo(render: Render | null, frame: Frame): VariantInfo | null {
  const identityPrompt = useApp((s) => s.story?.project.identityPrompt ?? '');
  const models = useApp((s) => s.models);
  if (!render) return null;
  return variantInfo(render, { prompt: frame.prompt, identityPrompt }, (id) => models.find((m) => m.id === id)?.name ?? render.params.modelFamily);
}
