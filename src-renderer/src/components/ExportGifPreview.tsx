import { useEffect, useState } from 'react';
import { useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';
import type { GifChoices } from './export-choices.ts';
import { ExportPicture, usePictureAspect } from './ExportPicture.tsx';
import { PlayIcon } from './icons.tsx';
import { button, hint } from './ui.ts';
import { formatSeconds } from '../../../src-shared/format/quantities.ts';

/** The animatic as the GIF will play it: the current pictures in story order, each for its duration, looping or once. */
export function ExportGifPreview({ choices }: { choices: GifChoices }) {
  const frames = useApp(selectFrames);
  const aspect = usePictureAspect();
  const [playing, setPlaying] = useState({ index: 0, ended: false });
  const index = Math.min(playing.index, Math.max(0, frames.length - 1));
  const current = frames[index];

  useEffect(() => {
    if (!current || playing.ended) return;
    const timer = setTimeout(() => {
      const last = index === frames.length - 1;
      setPlaying(last ? (choices.loop ? { index: 0, ended: false } : { index, ended: true }) : { index: index + 1, ended: false });
    }, current.durationMs);
    return () => clearTimeout(timer);
  }, [current, index, frames.length, choices.loop, playing.ended]);

  if (!current) return <p className={hint}>The story has no frames yet.</p>;
  const height = Math.max(1, Math.round(choices.width / aspect));
  return (
    <figure className="grid justify-items-center gap-2">
      {/* Every picture is there from the start, so none has to load when its turn comes. */}
      <div className="relative w-full shadow-md" style={{ aspectRatio: aspect, maxWidth: `min(${choices.width}px, calc(min(62vh, 40rem) * ${aspect}))` }}>
        {frames.map((frame, i) => (
          <div key={frame.id} className={`absolute inset-0 ${i === index ? '' : 'invisible'}`}>
            <ExportPicture frame={frame} className="size-full" />
          </div>
        ))}
      </div>
      <figcaption className="flex items-center gap-2">
        <span className={`${hint} tabular-nums`}>
          Frame {index + 1} of {frames.length} · {formatSeconds(current.durationMs)} · {choices.width} × {height} px · {choices.loop ? 'loops' : 'plays once'}
        </span>
        {playing.ended && (
          <button type="button" className={button.small} onClick={() => setPlaying({ index: 0, ended: false })}>
            <PlayIcon />
            Play again
          </button>
        )}
      </figcaption>
    </figure>
  );
}
