import { memo, useCallback } from 'react';
import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS, type Transform } from '@dnd-kit/utilities';
import { GripIcon } from './icons.tsx';
import { button, card } from './ui.ts';

interface FrameCardProps {
  frameId: string;
  number: number;
  /** told the card's `<li>` once it is in the page (and null when it leaves), to portal the body into */
  onShell: (frameId: string, li: HTMLLIElement | null) => void;
}

/**
 * The sortable shell: dnd-kit re-renders every sortable item on each step of a drag, so this part
 * holds only the handle and the transform. Its body (FrameCardBody) is portalled into it from
 * outside the drag-and-drop contexts: see FrameList. content-visibility lets the browser skip laying
 * out and painting cards off screen.
 */
export const FrameCard = memo(function FrameCard({ frameId, number, onShell }: FrameCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: frameId });
  const ref = useCallback(
    (li: HTMLLIElement | null) => {
      setNodeRef(li);
      onShell(frameId, li);
    },
    [setNodeRef, onShell, frameId],
  );
  return (
    <li
      ref={ref}
      style={{ transform: translate(transform), transition }}
      aria-label={`Frame ${number}`}
      className={`${card} relative flex flex-col overflow-hidden has-[[aria-pressed=true]]:ring-2 has-[[aria-pressed=true]]:ring-teal-600 [contain-intrinsic-size:auto_12rem] [content-visibility:auto] ${isDragging ? 'z-10 shadow-lg ring-2 ring-teal-600/40' : ''}`}
    >
      <DragHandle number={number} attributes={attributes} listeners={listeners} setActivatorNodeRef={setActivatorNodeRef} />
    </li>
  );
});

interface DragHandleProps {
  number: number;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  setActivatorNodeRef: (element: HTMLElement | null) => void;
}

/** Memoised: dnd-kit hands it the same props on every step of a drag except the one that picks this card up. */
const DragHandle = memo(function DragHandle({ number, attributes, listeners, setActivatorNodeRef }: DragHandleProps) {
  return (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      data-drag-handle
      aria-label={`Drag to reorder frame ${number}`}
      className={`${button.icon} absolute top-1 left-1 z-10 size-7 cursor-grab touch-none bg-white/80 backdrop-blur-sm active:cursor-grabbing dark:bg-stone-900/80 [&_svg]:size-4`}
    >
      <GripIcon />
    </button>
  );
});

/**
 * Once a drag is over a place, dnd-kit hands every card a transform, most of them a zero shift: left
 * out, it spares restyling all 200 cards (and a compositing layer each) for no visible change.
 */
function translate(transform: Transform | null): string | undefined {
  return transform && (Math.round(transform.x) || Math.round(transform.y)) ? CSS.Translate.toString(transform) : undefined;
}

