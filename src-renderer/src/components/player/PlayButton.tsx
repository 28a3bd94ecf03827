import { withShortcut } from '../../keyboard/shortcuts.ts';
import { useActions, useApp } from '../../state/context.ts';
import { button } from '../ui.ts';
import { AnimaticIcon } from './player-icons.tsx';

/** Opens the animatic player, for the editor's toolbar. */
export function PlayButton() {
  const hasFrames = useApp((s) => (s.story?.frames.length ?? 0) > 0);
  const { openPlayer } = useActions();
  return (
    <button
      type="button"
      className={button.secondary}
      disabled={!hasFrames}
      title={hasFrames ? withShortcut('Play the story as an animatic, with each frame’s duration', 'play') : 'Add a frame first.'}
      onClick={openPlayer}
    >
      <AnimaticIcon />
      Play
    </button>
  );
}
