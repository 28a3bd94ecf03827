import { memo } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { selectStoryAspect } from '../../state/selectors.ts';
import { frameLook, shotLabel } from './frame-look.ts';

/**
 * The current frame, fitted to the window with its aspect kept. Every frame's picture is in the page from the
 * start and only the current one is visible, so a change of frame never waits for an image to load. Memoised: the
 * clock ticks every animation frame, the picture changes only with the frame.
 */
export const PlayerPicture = memo(function PlayerPicture({ frames, index, captions }: { frames: readonly Frame[]; index: number; captions: boolean }) {
  const current = frames[index];
  const stale = useApp((s) => (current ? (s.framePlans[current.id]?.stale ?? false) : false));
  if (!current) return <p className="m-auto text-sm text-stone-400">This story has no frames yet.</p>;
  const look = frameLook(current, stale);

  return (
    <div data-testid="player-picture" data-frame-index={index} data-frame-id={current.id} data-look={look} className="relative min-h-0 overflow-hidden">
      {frames.map((frame, i) => (
        <FramePicture key={frame.id} frame={frame} visible={i === index} />
      ))}
      <div className="absolute top-3 left-3 z-10 flex gap-2 text-sm">
        <span className="rounded-md bg-black/60 px-2 py-0.5 font-medium text-white tabular-nums">{shotLabel(current)}</span>
        {look === 'stale' && (
          <span data-testid="player-stale" className="rounded-md bg-amber-400 px-2 py-0.5 font-semibold text-amber-950" title="Made from an earlier version of the story">
            Stale
          </span>
        )}
      </div>
      {captions && <CaptionOverlay frame={current} />}
    </div>
  );
});

function FramePicture({ frame, visible }: { frame: Frame; visible: boolean }) {
  const imageUrl = useApp((s) => s.imageUrl);
  const aspect = useApp(selectStoryAspect);
  // Out of the layout, so a picture is fitted to the space left by the controls, whatever its own size.
  const place = `absolute inset-0 size-full ${visible ? '' : 'invisible'}`;
  if (frame.currentRenderId === null) {
    return (
      <div aria-hidden={!visible} className={`${place} grid place-items-center p-6`}>
        <div className="grid aspect-video w-[min(48rem,100%)] content-center gap-3 rounded-xl border-2 border-dashed border-stone-600 bg-stone-900 p-8 text-center">
          <p className="text-4xl font-semibold tabular-nums">{frame.shotNumber}</p>
          <p className="line-clamp-4 text-stone-300">{frame.prompt || 'No prompt yet'}</p>
          <p className="text-sm text-stone-400">Not generated yet</p>
        </div>
      </div>
    );
  }
  // The largest box of the story's aspect that fits (a preset's crop, as the board and exports show it).
  return (
    <div className={`${place} grid place-items-center`} style={{ containerType: 'size' }}>
      <img
        src={imageUrl(frame.currentRenderId, 'full')}
        alt={visible ? `Shot ${frame.shotNumber}${frame.caption ? `: ${frame.caption}` : ''}` : ''}
        aria-hidden={!visible}
        className="object-cover"
        style={{ width: `min(100cqw, ${aspect} * 100cqh)`, aspectRatio: aspect }}
      />
    </div>
  );
}

/** The caption and the line spoken, as subtitles. */
function CaptionOverlay({ frame }: { frame: Frame }) {
  if (!frame.caption && !frame.dialogue) return null;
  return (
    <div data-testid="player-captions" className="absolute inset-x-0 bottom-4 z-10 grid justify-items-center gap-1 px-6 text-center">
      {frame.caption && <p className="max-w-4xl rounded bg-black/70 px-3 py-1 text-base text-stone-200 italic">{frame.caption}</p>}
      {frame.dialogue && (
        <p className="max-w-4xl rounded bg-black/70 px-3 py-1 text-lg text-white">
          {frame.speaker && <span className="font-semibold uppercase">{frame.speaker}: </span>}
          {frame.dialogue}
        </p>
      )}
    </div>
  );
}
