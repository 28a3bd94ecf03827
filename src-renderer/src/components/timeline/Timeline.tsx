import { useCallback, useMemo } from 'react';
import type { Frame, Scene } from '../../../../src-shared/domain/index.ts';
import { useActions } from '../../state/context.ts';
import { focusFramePrompt } from '../frame-dom.ts';
import { frameWidth } from './scale.ts';
import { TimelineFrame } from './TimelineFrame.tsx';
import { TimelineRuler } from './TimelineRuler.tsx';

/** One block per frame, in story order, under a ruler of scenes and seconds; scrolling sideways when longer than the window. */
export function Timeline({ frames, scenes }: { frames: readonly Frame[]; scenes: readonly Scene[] }) {
  const { selectFrame } = useActions();
  // One callback for every block, so their memo holds; selecting a frame here takes the inspector to it.
  const onSelect = useCallback(
    (frameId: string) => {
      selectFrame(frameId);
      focusFramePrompt(frameId);
    },
    [selectFrame],
  );
  const width = useMemo(() => frames.reduce((sum, f) => sum + frameWidth(f.durationMs), 0), [frames]);
  return (
    <div className="overflow-x-auto pb-1">
      <TimelineRuler frames={frames} scenes={scenes} width={width} />
      <ol aria-label="Shot lengths" className="flex pt-0.5">
        {frames.map((frame) => (
          <TimelineFrame key={frame.id} frame={frame} onSelect={onSelect} />
        ))}
      </ol>
    </div>
  );
}
