import { useCallback } from 'react';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useActions } from '../../state/context.ts';
import { focusFramePrompt } from '../frame-dom.ts';
import { TimelineFrame } from './TimelineFrame.tsx';

/** One block per frame, in story order, scrolling sideways when the story is longer than the window. */
export function Timeline({ frames }: { frames: readonly Frame[] }) {
  const { selectFrame } = useActions();
  // One callback for every block, so their memo holds; selecting a frame here takes the inspector to it.
  const onSelect = useCallback(
    (frameId: string) => {
      selectFrame(frameId);
      focusFramePrompt(frameId);
    },
    [selectFrame],
  );
  return (
    <ol aria-label="Shot lengths" className="flex overflow-x-auto pt-0.5 pb-1">
      {frames.map((frame) => (
        <TimelineFrame key={frame.id} frame={frame} onSelect={onSelect} />
      ))}
    </ol>
  );
}
