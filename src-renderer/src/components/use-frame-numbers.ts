import { useMemo } from 'react';
import { useApp } from '../state/context.ts';
import { selectFrames } from '../state/selectors.ts';

/** Frame id → the number people see (1-based place in the story), for texts that name frames. */
export function useFrameNumbers(): Map<string, number> {
  const frames = useApp(selectFrames);
  return useMemo(() => new Map(frames.map((f) => [f.id, f.position + 1])), [frames]);
}
