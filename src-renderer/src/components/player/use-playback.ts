import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { advance, clampTime, frameAt, timingOf, type Timing } from './timing.ts';

export interface Playback {
  timing: Timing;
  /** where the playhead is, in ms from the story's start */
  ms: number;
  /** the frame shown, -1 in an empty story */
  index: number;
  playing: boolean;
  loop: boolean;
  /** `at`: when the user asked (an event's timeStamp), so the clock starts from the press, not from when it was handled */
  play(at?: number): void;
  pause(): void;
  toggle(at?: number): void;
  seek(ms: number): void;
  previous(): void;
  next(): void;
  toggleLoop(): void;
}

/**
 * An animatic's clock, driven by requestAnimationFrame. Every tick measures from the moment playback was anchored
 * (play, seek) rather than adding up frame times, so rounding never accumulates: a frame change is painted in the
 * first animation frame at or after its start. `durations` must keep its identity while unchanged.
 */
export function usePlayback(durations: readonly number[], startIndex = 0): Playback {
  const timing = useMemo(() => timingOf(durations), [durations]);
  const [ms, setMs] = useState(() => timing.starts[startIndex] ?? 0);
  const [playing, setPlaying] = useState(false);
  const [loop, setLoop] = useState(false);
  // The playhead as last set, and the performance time it was true at: playback resumes from exactly there.
  const position = useRef({ ms, at: 0 });
  // Story time `from` at performance time `at`; each tick measures from here.
  const anchor = useRef({ from: 0, at: 0 });

  const moveTo = useCallback((next: number) => {
    const at = performance.now();
    position.current = { ms: next, at };
    anchor.current = { from: next, at };
    setMs(next);
  }, []);

  // Read by the running loop, which must not restart (and skip an animation frame) when they change.
  const clock = useRef({ timing, loop });
  useLayoutEffect(() => {
    clock.current = { timing, loop };
    // From here on, measured from where the playhead stands: a loop turned off after wrapping must not end at once.
    anchor.current = { from: position.current.ms, at: position.current.at };
  }, [timing, loop]);

  useEffect(() => {
    if (!playing) return;
    anchor.current = { from: position.current.ms, at: position.current.at };
    let frame = requestAnimationFrame(function tick(now) {
      const { timing, loop } = clock.current;
      // The callback's timestamp is when this animation frame began, which may be just before the anchor.
      const { ms: next, ended } = advance(timing, anchor.current.from, Math.max(0, now - anchor.current.at), loop);
      const changesFrame = frameAt(timing, next) !== frameAt(timing, position.current.ms);
      position.current = { ms: next, at: now };
      // A new frame is put in the page now, to be painted in this very animation frame rather than the next.
      if (changesFrame) flushSync(() => setMs(next));
      else setMs(next);
      if (ended) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const index = frameAt(timing, ms);
  const play = useCallback((at = performance.now()) => {
    // Play at the end starts again from the top; elsewhere the clock starts at that moment from where it stands.
    position.current = { ms: position.current.ms >= timing.total ? 0 : position.current.ms, at };
    setMs(position.current.ms);
    setPlaying(timing.total > 0);
  }, [timing]);
  const pause = useCallback(() => setPlaying(false), []);
  const seek = useCallback((to: number) => moveTo(clampTime(timing, to)), [timing, moveTo]);
  const step = (delta: number) => {
    const target = Math.min(Math.max(frameAt(timing, position.current.ms) + delta, 0), timing.starts.length - 1);
    if (target >= 0) moveTo(timing.starts[target]);
  };

  return {
    timing,
    ms,
    index,
    playing,
    loop,
    play,
    pause,
    toggle: (at) => (playing ? pause() : play(at)),
    seek,
    previous: () => step(-1),
    next: () => step(1),
    toggleLoop: () => setLoop((on) => !on),
  };
}
