import { useMemo, useState, type KeyboardEvent } from 'react';
import { useActions, useApp } from '../../state/context.ts';
import { selectFrames } from '../../state/selectors.ts';
import { useModalDialog } from '../use-modal-dialog.ts';
import { PlayerControls } from './PlayerControls.tsx';
import { PlayerPicture } from './PlayerPicture.tsx';
import { usePlayback } from './use-playback.ts';

/** The story played with its timing, over the whole window. Escape closes it (the dialog's own). */
export function AnimaticPlayer() {
  const open = useApp((s) => s.playerOpen);
  const { closePlayer } = useActions();
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      onClose={closePlayer}
      aria-label="Animatic player"
      className="fixed inset-0 m-0 h-dvh max-h-none w-dvw max-w-none bg-stone-950 text-stone-100 backdrop:bg-black/90"
    >
      {open && <PlayerContent onClose={closePlayer} />}
    </dialog>
  );
}

function PlayerContent({ onClose }: { onClose(): void }) {
  const frames = useApp(selectFrames);
  const durations = useMemo(() => frames.map((f) => f.durationMs), [frames]);
  // Plays from the frame selected on the board, as a board's "play from here"; from the start when none is.
  const selectedId = useApp((s) => s.selectedFrameId);
  const [startIndex] = useState(() => Math.max(0, frames.findIndex((f) => f.id === selectedId)));
  const playback = usePlayback(durations, startIndex);
  const [captions, setCaptions] = useState(true);

  // Keys for the whole player; the scrub bar keeps ←/→ for itself, and buttons get no second press from Space.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const act = keyActions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!act) return;
    event.preventDefault();
    act(event.timeStamp);
  };
  const keyActions: Record<string, (at: number) => void> = {
    ' ': playback.toggle,
    ArrowLeft: playback.previous,
    ArrowRight: playback.next,
    l: playback.toggleLoop,
    c: () => setCaptions((on) => !on),
  };

  return (
    <div
      className="grid h-full grid-rows-[minmax(0,1fr)_auto]"
      onKeyDown={onKeyDown}
      onKeyUp={(event) => event.key === ' ' && event.preventDefault()}
      data-testid="animatic-player"
      data-playing={playback.playing}
    >
      <PlayerPicture frames={frames} index={playback.index} captions={captions} />
      <PlayerControls playback={playback} captions={captions} onToggleCaptions={() => setCaptions((on) => !on)} onClose={onClose} />
    </div>
  );
}
