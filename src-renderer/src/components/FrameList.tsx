import { useMemo } from 'react';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Frame } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { FrameCard } from './FrameCard.tsx';
import { frameAnnouncements, frameDragInstructions } from './frame-announcements.ts';
import { PlusIcon } from './icons.tsx';
import { button } from './ui.ts';

const NO_FRAMES: readonly Frame[] = [];

export function FrameList() {
  // A constant fallback: a selector must not return a new array on every call.
  const frames = useApp((s) => s.story?.frames ?? NO_FRAMES);
  const { addFrame, moveFrame } = useActions();
  const frameIds = useMemo(() => frames.map((f) => f.id), [frames]);
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) moveFrame(String(active.id), frameIds.indexOf(String(over.id)));
  };

  const onAdd = async () => {
    const frame = await addFrame();
    // Waits for the new card to render, then puts the cursor in its prompt.
    if (frame) requestAnimationFrame(() => document.getElementById(promptFieldId(frame.id))?.focus());
  };

  return (
    <section aria-labelledby="frames-heading" className="grid gap-4">
      <h2 id="frames-heading" className="flex items-baseline gap-2 text-lg font-semibold">
        Frames <span className="text-sm font-normal text-stone-500 tabular-nums">{frames.length}</span>
      </h2>
      {frames.length === 0 && (
        <p className="rounded-xl border border-dashed border-stone-300 py-10 text-center text-sm text-stone-500 dark:border-stone-700 dark:text-stone-400">
          No frames yet. Each frame is one picture of the story.
        </p>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements: frameAnnouncements(frameIds), screenReaderInstructions: frameDragInstructions }}
      >
        <SortableContext items={frameIds} strategy={verticalListSortingStrategy}>
          <ol aria-label="Frames" className="grid gap-3">
            {frames.map((frame) => (
              <FrameCard key={frame.id} frame={frame} isLast={frame.position === frames.length - 1} promptId={promptFieldId(frame.id)} />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <button type="button" className={`${button.secondary} w-fit`} onClick={() => void onAdd()}>
        <PlusIcon />
        Add frame
      </button>
    </section>
  );
}

function promptFieldId(frameId: string): string {
  return `frame-prompt-${frameId}`;
}
