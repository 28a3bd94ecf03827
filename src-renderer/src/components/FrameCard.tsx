import { memo, useRef } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { FRAME_TEXT_MAX, type Frame } from '../../../src-shared/domain/index.ts';
import { useActions } from '../state/context.ts';
import { DurationField } from './DurationField.tsx';
import { ArrowDownIcon, ArrowUpIcon, GripIcon, TrashIcon } from './icons.tsx';
import { TextField } from './TextField.tsx';
import { button, card } from './ui.ts';

interface FrameCardProps {
  frame: Frame;
  isLast: boolean;
  /** id of the prompt field, so a new frame's prompt can be focused */
  promptId: string;
}

export const FrameCard = memo(function FrameCard({ frame, isLast, promptId }: FrameCardProps) {
  const { editFrame, moveFrame, deleteFrame } = useActions();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: frame.id });
  const handle = useRef<HTMLButtonElement | null>(null);
  const number = frame.position + 1;

  // Reordering moves this card in the DOM, which can drop focus: keep it on the pressed button
  // so it can be pressed again, or on the handle once the button is disabled at the end.
  const moveBy = (offset: number, pressed: HTMLButtonElement) => {
    moveFrame(frame.id, frame.position + offset);
    requestAnimationFrame(() => (pressed.disabled ? handle.current : pressed)?.focus());
  };

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-label={`Frame ${number}`}
      className={`${card} relative flex gap-3 p-4 ${isDragging ? 'z-10 shadow-lg ring-2 ring-teal-600/40' : ''}`}
    >
      <div className="flex flex-col items-center gap-1 pt-5">
        <button
          type="button"
          ref={(node) => {
            setActivatorNodeRef(node);
            handle.current = node;
          }}
          {...attributes}
          {...listeners}
          aria-label={`Drag to reorder frame ${number}`}
          className={`${button.icon} cursor-grab touch-none active:cursor-grabbing`}
        >
          <GripIcon />
        </button>
        <span className="text-xs font-semibold text-stone-400 tabular-nums">{number}</span>
      </div>

      <div className="grid min-w-0 flex-1 gap-3">
        <TextField
          label="Prompt"
          id={promptId}
          rows={2}
          maxLength={FRAME_TEXT_MAX}
          placeholder="What happens in this frame, e.g. “reading a book under a tree”"
          value={frame.prompt}
          onChange={(prompt) => editFrame(frame.id, { prompt })}
        />
        <div className="grid gap-3 sm:grid-cols-[1fr_7rem]">
          <TextField label="Caption" maxLength={FRAME_TEXT_MAX} value={frame.caption} onChange={(caption) => editFrame(frame.id, { caption })} />
          <DurationField durationMs={frame.durationMs} onChange={(durationMs) => editFrame(frame.id, { durationMs })} />
        </div>
        <TextField label="Notes" rows={2} maxLength={FRAME_TEXT_MAX} value={frame.notes} onChange={(notes) => editFrame(frame.id, { notes })} />
      </div>

      <div className="flex flex-col gap-1 pt-5">
        <button type="button" className={button.icon} aria-label={`Move frame ${number} up`} title="Move up" disabled={number === 1} onClick={(e) => moveBy(-1, e.currentTarget)}>
          <ArrowUpIcon />
        </button>
        <button type="button" className={button.icon} aria-label={`Move frame ${number} down`} title="Move down" disabled={isLast} onClick={(e) => moveBy(1, e.currentTarget)}>
          <ArrowDownIcon />
        </button>
        <button type="button" className={button.icon} aria-label={`Delete frame ${number}`} title="Delete" onClick={() => deleteFrame(frame.id)}>
          <TrashIcon />
        </button>
      </div>
    </li>
  );
});
