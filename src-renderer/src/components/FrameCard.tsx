import { memo, useCallback } from 'react';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS, type Transform } from '@dnd-kit/utilities';
import { FRAME_TEXT_MAX, type Frame } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import type { FrameStatus } from '../state/jobs.ts';
import { selectFrameFraction, selectFrameStatus, selectFrameTokenHint, selectFrameTooLong, selectGenerateBlocker } from '../state/selectors.ts';
import { formatKeys } from '../keyboard/shortcuts.ts';
import { promptFieldId } from './frame-dom.ts';
import { ArrowDownIcon, ArrowUpIcon, CopyIcon, DiceIcon, GripIcon, ImageIcon, LayersIcon, RefreshIcon, TrashIcon } from './icons.tsx';
import { FrameStaleness } from './FrameStaleness.tsx';
import { NumberField } from './NumberField.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { FrameConsistencyBadge } from './consistency/FrameConsistencyBadge.tsx';
import { TextField } from './TextField.tsx';
import { button, card } from './ui.ts';

interface FrameCardProps {
  frameId: string;
  number: number;
  /** told the card's `<li>` once it is in the page (and null when it leaves), to portal the body into */
  onShell: (frameId: string, li: HTMLLIElement | null) => void;
}

/**
 * The sortable shell: dnd-kit re-renders every sortable item on each step of a drag, so this part
 * holds only the handle and the transform. Its body (FrameCardBody) is portalled into it from
 * outside the drag-and-drop contexts: see FrameList. content-visibility lets the browser skip laying
 * out and painting cards off screen.
 */
export const FrameCard = memo(function FrameCard({ frameId, number, onShell }: FrameCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: frameId });
  const ref = useCallback(
    (li: HTMLLIElement | null) => {
      setNodeRef(li);
      onShell(frameId, li);
    },
    [setNodeRef, onShell, frameId],
  );
  return (
    <li
      ref={ref}
      style={{ transform: translate(transform), transition }}
      aria-label={`Frame ${number}`}
      className={`${card} relative flex flex-col [contain-intrinsic-size:auto_40rem] [content-visibility:auto] ${TOO_LONG_RING} ${isDragging ? 'z-10 shadow-lg ring-2 ring-teal-600/40' : ''}`}
    >
      <DragHandle number={number} attributes={attributes} listeners={listeners} setActivatorNodeRef={setActivatorNodeRef} />
    </li>
  );
});

/** A frame whose prompt cannot fit (its prompt field is marked invalid) stands out in the grid. */
const TOO_LONG_RING = 'has-[textarea[aria-invalid=true]]:ring-2 has-[textarea[aria-invalid=true]]:ring-red-500';

interface DragHandleProps {
  number: number;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
}

/** Memoised: dnd-kit hands it the same props on every step of a drag except the one that picks this card up. */
const DragHandle = memo(function DragHandle({ number, attributes, listeners, setActivatorNodeRef }: DragHandleProps) {
  return (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      data-drag-handle
      aria-label={`Drag to reorder frame ${number}`}
      className={`${button.icon} absolute top-2 left-2 cursor-grab touch-none active:cursor-grabbing`}
    >
      <GripIcon />
    </button>
  );
});

/**
 * Once a drag is over a place, dnd-kit hands every card a transform, most of them a zero shift: left
 * out, it spares restyling all 200 cards (and a compositing layer each) for no visible change.
 */
function translate(transform: Transform | null): string | undefined {
  return transform && (Math.round(transform.x) || Math.round(transform.y)) ? CSS.Translate.toString(transform) : undefined;
}

interface FrameCardBodyProps {
  frame: Frame;
  isLast: boolean;
}

/** Everything in a card below the handle; memoised, so it is skipped while its frame is unchanged. */
export const FrameCardBody = memo(function FrameCardBody({ frame, isLast }: FrameCardBodyProps) {
  const status = useApp((s) => selectFrameStatus(s, frame.id, frame.currentRenderId !== null));
  return (
    <>
      <div className="flex h-12 items-center gap-2 pr-2 pl-11">
        <span className="text-sm font-semibold text-stone-500 tabular-nums dark:text-stone-400">{frame.position + 1}</span>
        <StatusBadge frameId={frame.id} status={status} />
        <FrameConsistencyBadge frameId={frame.id} number={frame.position + 1} />
        <span className="flex-1" />
        <MoveButtons frame={frame} isLast={isLast} />
      </div>
      <FrameImage frame={frame} status={status} />
      <FrameStaleness frame={frame} />
      <FrameActions frame={frame} busy={status === 'queued' || status === 'generating'} />
      <FrameFields frame={frame} />
    </>
  );
});

function MoveButtons({ frame, isLast }: FrameCardBodyProps) {
  const { moveFrame } = useActions();
  const number = frame.position + 1;
  // Reordering moves this card in the DOM, which can drop focus: keep it on the pressed button
  // so it can be pressed again, or on the handle once the button is disabled at the end.
  const moveBy = (offset: number, pressed: HTMLButtonElement) => {
    const handle = pressed.closest('li')?.querySelector<HTMLElement>('[data-drag-handle]');
    moveFrame(frame.id, frame.position + offset);
    requestAnimationFrame(() => (pressed.disabled ? handle : pressed)?.focus());
  };
  return (
    <>
      <button type="button" className={button.icon} aria-label={`Move frame ${number} up`} title="Move earlier" disabled={number === 1} onClick={(e) => moveBy(-1, e.currentTarget)}>
        <ArrowUpIcon />
      </button>
      <button type="button" className={button.icon} aria-label={`Move frame ${number} down`} title="Move later" disabled={isLast} onClick={(e) => moveBy(1, e.currentTarget)}>
        <ArrowDownIcon />
      </button>
    </>
  );
}

/** The current variant's thumbnail, or the live preview while the frame is being denoised. */
function FrameImage({ frame, status }: { frame: Frame; status: FrameStatus }) {
  const preview = useApp((s) => (status === 'generating' ? s.previews[frame.id] : undefined));
  const fraction = useApp((s) => selectFrameFraction(s, frame.id));
  const imageUrl = useApp((s) => s.imageUrl);
  const { openViewer } = useActions();
  const number = frame.position + 1;
  const thumb = frame.currentRenderId && imageUrl(frame.currentRenderId, 'thumb');

  return (
    <div className="relative mx-3 aspect-square overflow-hidden rounded-lg bg-stone-100 dark:bg-stone-950">
      {preview ? (
        // Latent previews are a few pixels wide: keep them crisp rather than blurred.
        <img src={preview} alt={`Frame ${number}, in progress`} className="size-full object-contain [image-rendering:pixelated]" />
      ) : thumb ? (
        <button type="button" onClick={() => openViewer(frame.id)} aria-label={`Open frame ${number} large`} title="Open large" className="block size-full cursor-zoom-in">
          <img src={thumb} alt={`Frame ${number}`} loading="lazy" decoding="async" className={`size-full object-contain ${status === 'stale' ? 'opacity-60' : ''}`} />
        </button>
      ) : (
        <div className="grid size-full place-content-center justify-items-center gap-1 text-xs text-stone-400 dark:text-stone-500">
          <ImageIcon />
          {status === 'queued' ? 'Waiting…' : 'No image yet'}
        </div>
      )}
      {status === 'generating' && <ProgressBar fraction={fraction} label={`Frame ${number} progress`} className="absolute inset-x-2 bottom-2" />}
    </div>
  );
}

function FrameActions({ frame, busy }: { frame: Frame; busy: boolean }) {
  const variantCount = useApp((s) => s.framePlans[frame.id]?.variantCount ?? 0);
  const blocker = useApp(selectGenerateBlocker);
  const { generate, duplicateFrame, deleteFrame, openViewer } = useActions();
  const number = frame.position + 1;
  const regenerate = (seed: 'same' | 'new') => void generate({ frameIds: [frame.id], seed });

  return (
    <div className="flex items-center gap-0.5 px-2 pt-1.5">
      <button type="button" className={button.small} disabled={busy || blocker !== null} aria-label={`Regenerate frame ${number} with the same seed`} title={blocker ?? 'Regenerate with the same seed'} onClick={() => regenerate('same')}>
        <RefreshIcon />
      </button>
      <button type="button" className={button.small} disabled={busy || blocker !== null} aria-label={`Regenerate frame ${number} with a new seed`} title={blocker ?? 'Regenerate with a new seed'} onClick={() => regenerate('new')}>
        <DiceIcon />
      </button>
      <button type="button" className={button.small} disabled={variantCount === 0} aria-label={`Variants of frame ${number}`} title="Browse variants" onClick={() => openViewer(frame.id)}>
        <LayersIcon />
        <span data-testid="variant-count" className="tabular-nums">
          {variantCount}
        </span>
      </button>
      <span className="flex-1" />
      <button type="button" className={button.icon} aria-label={`Duplicate frame ${number}`} title="Duplicate" onClick={() => void duplicateFrame(frame.id)}>
        <CopyIcon />
      </button>
      <button type="button" className={button.icon} aria-label={`Delete frame ${number}`} title={`Delete (undo: ${formatKeys('Mod+Z')})`} onClick={() => deleteFrame(frame.id)}>
        <TrashIcon />
      </button>
    </div>
  );
}

function FrameFields({ frame }: { frame: Frame }) {
  const { editFrame } = useActions();
  const tokenHint = useApp((s) => selectFrameTokenHint(s, frame.id));
  const tooLong = useApp((s) => selectFrameTooLong(s, frame.id));
  const storySeed = useApp((s) => s.story?.project.settings.seed);
  return (
    <div className="grid gap-2.5 p-3 pt-2 @container">
      <TextField
        label="Prompt"
        id={promptFieldId(frame.id)}
        rows={2}
        maxLength={FRAME_TEXT_MAX}
        placeholder="What happens, e.g. “reading a book under a tree”"
        value={frame.prompt}
        hint={tokenHint ?? undefined}
        invalid={tooLong}
        onChange={(prompt) => editFrame(frame.id, { prompt })}
      />
      <TextField label="Caption" maxLength={FRAME_TEXT_MAX} value={frame.caption} onChange={(caption) => editFrame(frame.id, { caption })} />
      {/* Side by side only where a 10-digit seed still fits (not in the filmstrip's narrow cards). */}
      <div className="grid gap-2 @[17rem]:grid-cols-[5.5rem_minmax(0,1fr)]">
        <NumberField label="Duration (s)" scale={1000} integer min={0.001} max={600} step={0.1} value={frame.durationMs} onChange={(durationMs) => durationMs !== null && editFrame(frame.id, { durationMs })} />
        <NumberField
          label="Frame seed"
          optional
          integer
          min={0}
          max={Number.MAX_SAFE_INTEGER}
          step={1}
          value={frame.seedOverride}
          placeholder={`Story’s (${storySeed})`}
          resetLabel="Use the story’s seed"
          onChange={(seedOverride) => editFrame(frame.id, { seedOverride })}
        />
      </div>
      <TextField label="Notes" rows={2} maxLength={FRAME_TEXT_MAX} value={frame.notes} onChange={(notes) => editFrame(frame.id, { notes })} />
    </div>
  );
}
