import { memo } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import type { FrameStatus } from '../../state/jobs.ts';
import { selectFrameFraction, selectFrameStatus, selectFrameTooLong, selectGenerateBlocker, selectStoryAspect } from '../../state/selectors.ts';
import { DiceIcon, ImageIcon, LayersIcon, RefreshIcon } from '../icons.tsx';
import { ProgressBar } from '../ProgressBar.tsx';
import { StatusBadge } from '../StatusBadge.tsx';
import { FrameConsistencyBadge } from '../consistency/FrameConsistencyBadge.tsx';
import { button } from '../ui.ts';

interface FrameCardBodyProps {
  frame: Frame;
  selected: boolean;
}

/**
 * Everything in a card below the handle: the picture first, then the shot and one line of what happens.
 * The fields are edited in the inspector; memoised, so it is skipped while its frame is unchanged.
 */
export const FrameCardBody = memo(function FrameCardBody({ frame, selected }: FrameCardBodyProps) {
  const status = useApp((s) => selectFrameStatus(s, frame.id, frame.currentRenderId !== null));
  const tooLong = useApp((s) => selectFrameTooLong(s, frame.id));
  return (
    <>
      <FrameImage frame={frame} status={status} selected={selected} />
      <div className="grid gap-0.5 px-2 pt-1.5 pb-1 text-xs">
        <div className="flex min-w-0 items-center gap-1.5">
          <span className="font-semibold text-stone-900 tabular-nums dark:text-stone-100" title="Shot number">
            {frame.shotNumber}
          </span>
          <ShotLabel frame={frame} />
          <span className="flex-1" />
          {frame.kept && <span className="text-stone-500 dark:text-stone-400">Kept</span>}
          <StatusBadge frameId={frame.id} status={status} />
        </div>
        <FrameLine frame={frame} tooLong={tooLong} />
      </div>
      <FrameActions frame={frame} busy={status === 'queued' || status === 'generating'} />
    </>
  );
});

function ShotLabel({ frame }: { frame: Frame }) {
  const label = [frame.shotType, frame.camera].filter(Boolean).join(' · ');
  return label ? <span className="truncate text-stone-600 dark:text-stone-300">{label}</span> : null;
}

/**
 * What happens: the action, else the dialogue, else the prompt (muted, as it is not board text) — one line on small
 * and medium cards (the whole text on hover); on large cards two lines of action and the dialogue under it.
 */
function FrameLine({ frame, tooLong }: { frame: Frame; tooLong: boolean }) {
  const large = useApp((s) => s.boardZoom === 'large');
  const dialogue = frame.dialogue && (frame.speaker ? `${frame.speaker}: “${frame.dialogue}”` : `“${frame.dialogue}”`);
  const text = frame.action || dialogue;
  const tone = tooLong ? 'text-red-700 dark:text-red-400' : text ? 'text-stone-700 dark:text-stone-200' : 'text-stone-500 italic dark:text-stone-400';
  const whole = [frame.action, dialogue].filter(Boolean).join('\n');
  return (
    <>
      <p data-testid="frame-line" className={`${large ? 'line-clamp-2' : 'truncate'} ${tone}`} title={tooLong ? 'This prompt does not fit: shorten it in the inspector' : whole || undefined}>
        {text || frame.prompt || '\u00a0'}
      </p>
      {large && frame.action && dialogue && (
        <p data-testid="frame-dialogue" className="line-clamp-3 text-stone-600 dark:text-stone-300">
          {dialogue}
        </p>
      )}
    </>
  );
}

/** The current variant's thumbnail (a click selects the frame, a double click opens it large), or the live preview. */
function FrameImage({ frame, status, selected }: { frame: Frame; status: FrameStatus; selected: boolean }) {
  const preview = useApp((s) => (status === 'generating' ? s.previews[frame.id] : undefined));
  const fraction = useApp((s) => selectFrameFraction(s, frame.id));
  const imageUrl = useApp((s) => s.imageUrl);
  const aspect = useApp(selectStoryAspect);
  const { openViewer, selectFrame } = useActions();
  const number = frame.position + 1;
  const thumb = frame.currentRenderId && imageUrl(frame.currentRenderId, 'thumb');

  return (
    <div className="relative overflow-hidden bg-stone-100 dark:bg-stone-950" style={{ aspectRatio: aspect }}>
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`Edit frame ${number}`}
        data-frame-select={frame.id}
        title="Select to edit beside the board (arrow keys to the next frame); Enter or double-click opens it large, Delete removes it"
        onClick={() => selectFrame(frame.id)}
        onDoubleClick={() => thumb && openViewer(frame.id)}
        className="block size-full cursor-pointer focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-600"
      >
        {preview ? (
          // Latent previews are a few pixels wide: keep them crisp rather than blurred.
          <img src={preview} alt={`Frame ${number}, in progress`} className="size-full object-contain [image-rendering:pixelated]" />
        ) : thumb ? (
          <img src={thumb} alt={`Frame ${number}`} loading="lazy" decoding="async" className={`size-full object-cover ${status === 'stale' ? 'opacity-60' : ''}`} />
        ) : (
          <span className="grid size-full place-content-center justify-items-center gap-1 text-xs text-stone-400 dark:text-stone-500">
            <ImageIcon />
            {status === 'queued' ? 'Waiting…' : 'No image yet'}
          </span>
        )}
      </button>
      {status === 'generating' && <ProgressBar fraction={fraction} label={`Frame ${number} progress`} className="absolute inset-x-2 bottom-2" />}
    </div>
  );
}

function FrameActions({ frame, busy }: { frame: Frame; busy: boolean }) {
  const variantCount = useApp((s) => s.framePlans[frame.id]?.variantCount ?? 0);
  const blocker = useApp(selectGenerateBlocker);
  const { generate, openViewer } = useActions();
  const number = frame.position + 1;
  const regenerate = (seed: 'same' | 'new') => void generate({ frameIds: [frame.id], seed });

  return (
    // wraps rather than pushing the variants button off a small card (where it would still take focus, unseen)
    <div className="flex flex-wrap items-center justify-end gap-0.5 px-1 pb-1">
      <button type="button" className={button.tight} disabled={busy || blocker !== null} aria-label={`Regenerate frame ${number} with the same seed`} title={blocker ?? 'Regenerate with the same seed'} onClick={() => regenerate('same')}>
        <RefreshIcon />
      </button>
      <button type="button" className={button.tight} disabled={busy || blocker !== null} aria-label={`Regenerate frame ${number} with a new seed`} title={blocker ?? 'Regenerate with a new seed'} onClick={() => regenerate('new')}>
        <DiceIcon />
      </button>
      <span className="flex-1" />
      <FrameConsistencyBadge frameId={frame.id} number={number} />
      <button type="button" className={button.tight} disabled={variantCount === 0} aria-label={`Variants of frame ${number}`} title="Open large, with its variants" onClick={() => openViewer(frame.id)}>
        <LayersIcon />
        <span data-testid="variant-count" className="tabular-nums">
          {variantCount}
        </span>
      </button>
    </div>
  );
}
