import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Frame, Render } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { button, hint } from '../ui.ts';
import { CompareView } from './CompareView.tsx';
import { ImageActions } from './ImageActions.tsx';
import { RenderDetails } from './RenderDetails.tsx';
import { useVariants } from './use-variants.ts';
import { useZoom } from './use-zoom.ts';
import { VariantStrip } from './VariantStrip.tsx';
import { viewerKey } from './viewer-keys.ts';
import { ViewerHeader } from './ViewerHeader.tsx';
import { ZoomableImage } from './ZoomableImage.tsx';
import { ZoomControls } from './ZoomControls.tsx';
import { ZOOM_STEP } from './zoom.ts';

/** The most variants compared side by side. */
const MAX_COMPARED = 4;

interface Props {
  frame: Frame;
  index: number;
  count: number;
  /** the image had focus on the frame before: it takes it once shown */
  focusImage: boolean;
  onGo(delta: number): void;
  onClose(): void;
}

/** One frame in the viewer: its variant zoomed or several compared, with actions and details beside. */
export function ViewerContent({ frame, index, count, focusImage, onGo, onClose }: Props) {
  const imageUrl = useApp((s) => s.imageUrl);
  const storyName = useApp((s) => s.story?.project.name ?? 'Onestory');
  const { selectVariant, dragImageOut } = useActions();
  const renders = useVariants(frame);
  const [viewedId, setViewedId] = useState(frame.currentRenderId);
  const [comparedIds, setComparedIds] = useState<string[] | null>(null);

  const viewed = renders.find((r) => r.id === viewedId) ?? renders.find((r) => r.id === frame.currentRenderId) ?? renders.at(-1) ?? null;
  const zoom = useZoom({ width: viewed?.width ?? 1, height: viewed?.height ?? 1 });
  const numberOf = (render: Render) => renders.indexOf(render) + 1;
  const fileName = (render: Render) => `${storyName} - frame ${index + 1} - variant ${numberOf(render)}.png`;
  const comparing = comparedIds !== null;
  const compared = renders.filter((r) => comparedIds?.includes(r.id));

  const startComparing = () => {
    // The viewed and the current variant first, then the newest others, two in all.
    const first = [viewed?.id, frame.currentRenderId, ...renders.map((r) => r.id).reverse()].filter((id): id is string => !!id);
    setComparedIds([...new Set(first)].slice(0, 2));
  };
  const pick = (render: Render) => {
    if (!comparedIds) return setViewedId(render.id);
    if (comparedIds.includes(render.id)) setComparedIds(comparedIds.filter((id) => id !== render.id));
    else if (comparedIds.length < MAX_COMPARED) setComparedIds([...comparedIds, render.id]);
  };
  const onDragStart = (event: DragEvent<HTMLImageElement>) => {
    if (viewed && dragImageOut(viewed.id, fileName(viewed))) event.preventDefault();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (event.defaultPrevented || target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const action = viewerKey(event);
    if (!action || (comparing && action.kind !== 'frame')) return;
    event.preventDefault();
    if (action.kind === 'frame') onGo(action.delta);
    else if (action.kind === 'pan') zoom.pan(action.dx, action.dy);
    else if (action.kind === 'zoom') zoom.zoomBy(action.direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    else if (action.kind === 'fit') zoom.fit();
    else zoom.actualSize();
  };

  return (
    <div className="grid h-full min-h-0 grid-rows-[auto_minmax(0,1fr)] gap-3 p-4" onKeyDown={onKeyDown}>
      <ViewerHeader frame={frame} index={index} count={count} onGo={onGo} onClose={onClose} />
      <div className="grid min-h-0 gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-h-0 grid-rows-[auto_minmax(0,1fr)_auto] gap-2">
          <div className="flex min-h-8 flex-wrap items-center gap-2">
            {renders.length > 1 && (
              <button type="button" className={button.small} aria-pressed={comparing} title="Show two to four variants side by side" onClick={() => (comparing ? setComparedIds(null) : startComparing())}>
                Compare variants
              </button>
            )}
            {comparing && <span className={hint}>Pick up to {MAX_COMPARED} below.</span>}
            <span className="flex-1" />
            {viewed && !comparing && <ZoomControls zoom={zoom} />}
          </div>
          {!viewed ? (
            <p className={`${hint} self-center text-center`}>No variants yet: generate this frame first.</p>
          ) : comparing ? (
            <CompareView compared={compared} numberOf={numberOf} currentId={frame.currentRenderId} onUse={(render) => selectVariant(frame.id, render.id)} />
          ) : (
            <ZoomableImage src={imageUrl(viewed.id, 'full')} alt={`Frame ${index + 1}, variant ${numberOf(viewed)}`} image={viewed} zoom={zoom} autoFocus={focusImage} onDragStart={onDragStart} />
          )}
          {renders.length > 0 && <VariantStrip renders={renders} currentId={frame.currentRenderId} pressed={new Set(comparedIds ?? (viewed ? [viewed.id] : []))} onPick={pick} />}
        </div>
        {viewed && (
          <aside aria-label="Image" className="grid min-h-0 content-start gap-4 overflow-y-auto pr-1">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">Variant {numberOf(viewed)}</span>
              <span className="flex-1" />
              {viewed.id === frame.currentRenderId ? (
                <span className={hint}>The frame’s current variant</span>
              ) : (
                <button type="button" className={button.primary} onClick={() => selectVariant(frame.id, viewed.id)}>
                  Use this variant
                </button>
              )}
            </div>
            <ImageActions render={viewed} fileName={fileName(viewed)} />
            <RenderDetails render={viewed} frame={frame} />
            <p className={hint}>Keys: ← → frames · + − zoom · F fit · 1 actual size · Shift+arrows pan · Esc close</p>
          </aside>
        )}
      </div>
    </div>
  );
}
