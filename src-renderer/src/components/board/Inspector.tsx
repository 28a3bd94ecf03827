import type { Frame } from '../../../../src-shared/domain/index.ts';
import { formatKeys } from '../../keyboard/shortcuts.ts';
import { useActions, useApp } from '../../state/context.ts';
import { selectionAfterDelete } from './board-keys.ts';
import { FrameStaleness } from '../FrameStaleness.tsx';
import { ArrowDownIcon, ArrowUpIcon, CopyIcon, TrashIcon } from '../icons.tsx';
import { button, card, sectionHeading } from '../ui.ts';
import { InspectorFields } from './InspectorFields.tsx';

/** The column beside the board that edits the selected frame. */
export function Inspector() {
  const frame = useApp((s) => s.story?.frames.find((f) => f.id === s.selectedFrameId) ?? null);
  return (
    <aside aria-label="Frame inspector" className={`${card} grid content-start gap-3 p-4`}>
      {frame ? (
        <>
          <InspectorHeader frame={frame} />
          <FrameStaleness frame={frame} />
          <InspectorFields key={frame.id} frame={frame} />
        </>
      ) : (
        <p className="py-8 text-center text-sm text-stone-500 dark:text-stone-400">Select a frame on the board to edit its prompt, shot and dialogue.</p>
      )}
    </aside>
  );
}

function InspectorHeader({ frame }: { frame: Frame }) {
  const count = useApp((s) => s.story?.frames.length ?? 0);
  const { moveFrame, duplicateFrame, deleteFrame, selectFrame } = useActions();
  const number = frame.position + 1;
  // Once this frame is deleted the inspector goes on to the next one (the previous one at the end).
  const neighbourId = useApp((s) => selectionAfterDelete(s.story?.frames ?? [], frame.position)?.id ?? null);
  // At the first or last place the pressed button is disabled: focus goes to the other one, so the keyboard keeps its place.
  const moveBy = (offset: number, pressed: HTMLButtonElement, other: string) => {
    moveFrame(frame.id, frame.position + offset);
    requestAnimationFrame(() => {
      if (pressed.disabled) pressed.parentElement?.querySelector<HTMLElement>(`[data-move="${other}"]`)?.focus();
    });
  };
  const remove = () => {
    deleteFrame(frame.id);
    selectFrame(neighbourId);
  };
  return (
    <div className="flex items-center gap-1">
      <h2 className={`${sectionHeading} flex-1`}>Frame {number}</h2>
      <button type="button" className={button.icon} aria-label={`Move frame ${number} up`} title="Move earlier" data-move="up" disabled={number === 1} onClick={(e) => moveBy(-1, e.currentTarget, 'down')}>
        <ArrowUpIcon />
      </button>
      <button type="button" className={button.icon} aria-label={`Move frame ${number} down`} title="Move later" data-move="down" disabled={number === count} onClick={(e) => moveBy(1, e.currentTarget, 'up')}>
        <ArrowDownIcon />
      </button>
      <button type="button" className={button.icon} aria-label={`Duplicate frame ${number}`} title="Duplicate" onClick={() => void duplicateFrame(frame.id)}>
        <CopyIcon />
      </button>
      <button type="button" className={button.icon} aria-label={`Delete frame ${number}`} title={`Delete (undo: ${formatKeys('Mod+Z')})`} onClick={remove}>
        <TrashIcon />
      </button>
    </div>
  );
}
