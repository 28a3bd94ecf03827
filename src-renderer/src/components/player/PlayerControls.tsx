import type { KeyboardEvent } from 'react';
import { sliderSteps } from '../../keyboard/slider-keys.ts';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, PlayIcon } from '../icons.tsx';
import { CaptionsIcon, LoopIcon, PauseIcon } from './player-icons.tsx';
import { DURATION_STEP_MS, formatTime, spokenTime } from './timing.ts';
import type { Playback } from './use-playback.ts';

const control =
  'inline-flex size-10 items-center justify-center rounded-lg text-stone-200 transition-colors hover:bg-white/10 hover:text-white ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-400 aria-pressed:bg-teal-700 aria-pressed:text-white';

interface Props {
  playback: Playback;
  captions: boolean;
  onToggleCaptions(): void;
  onClose(): void;
}

/** Play/pause, previous/next, the scrub bar, the clock, loop, captions and close, in one bar under the picture. */
export function PlayerControls({ playback, captions, onToggleCaptions, onClose }: Props) {
  const { playing, loop, ms, index, timing } = playback;
  const count = timing.starts.length;
  return (
    <div className="flex items-center gap-2 border-t border-white/10 bg-stone-900 px-4 py-2">
      <button type="button" className={control} aria-label="Previous frame" title="Previous frame (←)" disabled={count === 0} onClick={playback.previous}>
        <ChevronLeftIcon />
      </button>
      {/* The play button keeps its name; its pressed state says whether it is playing. */}
      <button type="button" data-autofocus className={control} aria-label="Play" aria-pressed={playing} title={playing ? 'Pause (Space)' : 'Play (Space)'} disabled={count === 0} onClick={(event) => playback.toggle(event.timeStamp)}>
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className={control} aria-label="Next frame" title="Next frame (→)" disabled={count === 0} onClick={playback.next}>
        <ChevronRightIcon />
      </button>
      <ScrubBar playback={playback} />
      <p className="min-w-36 text-right text-sm text-stone-300 tabular-nums" data-testid="player-clock">
        {formatTime(ms)} / {formatTime(timing.total)}
        <span className="ml-2 text-stone-500">
          {index + 1}/{count}
        </span>
      </p>
      <button type="button" className={control} aria-label="Loop" aria-pressed={loop} title="Loop (L)" onClick={playback.toggleLoop}>
        <LoopIcon />
      </button>
      <button type="button" className={control} aria-label="Captions and dialogue" aria-pressed={captions} title="Captions and dialogue (C)" onClick={onToggleCaptions}>
        <CaptionsIcon />
      </button>
      <button type="button" className={control} aria-label="Close player" title="Close (Esc)" onClick={onClose}>
        <CloseIcon />
      </button>
    </div>
  );
}

/** A real slider over the story's running time: ←/→ move 100 ms (Shift, Page Up/Down: a second), Home/End go to either end. */
function ScrubBar({ playback }: { playback: Playback }) {
  const { ms, index, timing, seek } = playback;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const steps = sliderSteps(event);
    if (steps === 0) return;
    // Handled here, not by the player's ←/→ (previous/next frame), and in steps the input's step would not give.
    event.preventDefault();
    event.stopPropagation();
    seek(ms + steps * DURATION_STEP_MS);
  };
  return (
    <input
      type="range"
      aria-label="Position in the story"
      aria-valuetext={`${spokenTime(ms)} of ${spokenTime(timing.total)}, frame ${index + 1} of ${timing.starts.length}`}
      min={0}
      max={timing.total}
      step={1}
      value={ms}
      disabled={timing.total === 0}
      onChange={(event) => seek(Number(event.target.value))}
      onKeyDown={onKeyDown}
      className="min-w-24 flex-1 accent-teal-500"
    />
  );
}
