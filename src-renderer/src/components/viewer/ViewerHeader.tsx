import type { Frame } from '../../../../src-shared/domain/index.ts';
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon } from '../icons.tsx';
import { button, hint } from '../ui.ts';

interface Props {
  frame: Frame;
  /** the frame's place in the story (0-based) and the story's length */
  index: number;
  count: number;
  onGo(delta: number): void;
  onClose(): void;
}

/** "Frame n of N · shot …", previous and next frame, and Close. */
export function ViewerHeader({ frame, index, count, onGo, onClose }: Props) {
  const shot = [`shot ${frame.shotNumber}`, frame.shotType, frame.camera].filter(Boolean).join(' · ');
  return (
    <header className="flex items-start gap-2">
      <button type="button" className={button.icon} aria-label="Previous frame" title="Previous frame (←)" disabled={index === 0} onClick={() => onGo(-1)}>
        <ChevronLeftIcon />
      </button>
      <button type="button" className={button.icon} aria-label="Next frame" title="Next frame (→)" disabled={index === count - 1} onClick={() => onGo(1)}>
        <ChevronRightIcon />
      </button>
      <div className="min-w-0 flex-1">
        <h2 id="viewer-title" className="truncate text-lg font-semibold">
          Frame {index + 1} of {count} <span className="font-normal text-stone-500 dark:text-stone-400">· {shot}</span>
        </h2>
        {/* The frame as it is now; the viewed variant's own prompt is under Details. */}
        <p className={`${hint} truncate`}>{[frame.caption, frame.prompt || 'No prompt'].filter(Boolean).join(' · ')}</p>
      </div>
      <button type="button" className={button.icon} aria-label="Close" title="Close (Esc)" onClick={onClose}>
        <CloseIcon />
      </button>
    </header>
  );
}
