import type { Frame } from '../../../../src-shared/domain/index.ts';
import { focusFramePrompt } from '../frame-dom.ts';
import { TimelineFrame } from './TimelineFrame.tsx';

/** One block per frame, in story order, scrolling sideways when the story is longer than the window. */
export function Timeline({ frames }: { frames: readonly Frame[] }) {
  return (
    <ol aria-label="Shot lengths" className="flex overflow-x-auto pt-0.5 pb-1">
      {frames.map((frame) => (
        // Selecting a frame here takes the editor to it.
        <TimelineFrame key={frame.id} frame={frame} onSelect={focusFramePrompt} />
      ))}
    </ol>
  );
}
