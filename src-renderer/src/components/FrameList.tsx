import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { useCallback, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/shallow';
import { withShortcut } from '../keyboard/shortcuts.ts';
import { useActions, useApp } from '../state/context.ts';
import type { Scene } from '../../../src-shared/domain/index.ts';
import { selectFrames } from '../state/selectors.ts';
import type { BoardZoom } from '../state/board.ts';
import { boardRows } from './board/board-rows.ts';
import { BoardZoomControl } from './board/BoardZoomControl.tsx';
import { FrameCardBody } from './board/FrameCardBody.tsx';
import { focusSceneHeading } from './board/scene-dom.ts';
import { SceneHeader } from './board/SceneHeader.tsx';
import { useBoardKeys } from './board/use-board-keys.ts';
import { FrameCard } from './FrameCard.tsx';
import { frameAnnouncements, frameDragInstructions } from './frame-announcements.ts';
import { focusFramePrompt } from './frame-dom.ts';
import { WindowNote } from './WindowNote.tsx';
import { PlusIcon } from './icons.tsx';
import { readingOrderCoordinates } from './reading-order-keyboard.ts';
import { button } from './ui.ts';

const NO_IDS: string[] = [];
const NO_SCENES: Scene[] = [];

/** The narrowest a card may be at each zoom; as many columns as fit. */
const GRIDS: Record<BoardZoom, string> = {
  small: 'grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))] gap-2',
  medium: 'grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-3',
  large: 'grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-4',
};

export function FrameList() {
  const frames = useApp(selectFrames);
  // Compared item by item, so typing in a frame does not hand dnd-kit a new list (which re-renders every card).
  const frameIds = useApp(useShallow((s) => s.story?.frames.map((f) => f.id) ?? NO_IDS));
  const zoom = useApp((s) => s.boardZoom);
  const selectedId = useApp((s) => s.selectedFrameId);
  const scenes = useApp((s) => s.story?.scenes ?? NO_SCENES);
  const rows = useMemo(() => boardRows(frames, scenes), [frames, scenes]);
  const { addFrame, addScene, moveFrameToScene } = useActions();
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: readingOrderCoordinates }),
  );

  // Each card's body is portalled into its sortable <li> from out here, outside DndContext (the page
  // is the same): dnd-kit replaces its context values several times as a drag is picked up, and React
  // then searches everything below them for readers, all 200 card bodies included.
  const [shells, setShells] = useState<ReadonlyMap<string, HTMLLIElement>>(() => new Map());
  const onShell = useCallback((frameId: string, li: HTMLLIElement | null) => setShells((current) => withShell(current, frameId, li)), []);

  // The frame takes the place of the one it is dropped on, and joins that one's scene.
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const target = over && active.id !== over.id ? frames.find((f) => f.id === over.id) : undefined;
    if (target) moveFrameToScene(String(active.id), target.position, target.sceneId);
  };

  const onAddScene = async () => {
    const startId = selectedId ?? frames[0]?.id;
    const scene = startId ? await addScene(startId) : null;
    if (scene) focusSceneHeading(scene.id);
  };

  const onBoardKeyDown = useBoardKeys(frames);

  const onAdd = async () => {
    const frame = await addFrame();
    if (frame) focusFramePrompt(frame.id);
  };

  return (
    <section aria-labelledby="frames-heading" className="grid min-w-0 content-start gap-4" onKeyDown={onBoardKeyDown}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="frames-heading" className="flex items-baseline gap-2 text-lg font-semibold">
          Frames <span className="text-sm font-normal text-stone-500 tabular-nums">{frames.length}</span>
        </h2>
        <span className="flex-1" />
        <BoardZoomControl />
        <button
          type="button"
          className={button.secondary}
          disabled={frames.length === 0}
          onClick={() => void onAddScene()}
          title="Start a scene at the selected frame: it and the frames after it in its scene go under a new heading"
        >
          <PlusIcon />
          Add scene
        </button>
        <button type="button" className={button.secondary} onClick={() => void onAdd()} title={withShortcut('Add a frame', 'addFrame')} data-add-frame>
          <PlusIcon />
          Add frame
        </button>
      </div>
      <WindowNote />
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
        <SortableContext items={frameIds} strategy={rectSortingStrategy}>
          <ol aria-label="Frames" data-zoom={zoom} className={`grid ${GRIDS[zoom]}`}>
            {rows.map((row) =>
              row.kind === 'frame' ? (
                <FrameCard key={row.frame.id} frameId={row.frame.id} number={row.frame.position + 1} onShell={onShell} />
              ) : (
                <SceneHeader key={row.key} scene={row.scene} frameCount={row.frameCount} continued={row.continued} />
              ),
            )}
          </ol>
        </SortableContext>
      </DndContext>
      {frames.map((frame) => {
        const shell = shells.get(frame.id);
        return shell && createPortal(<FrameCardBody frame={frame} selected={frame.id === selectedId} />, shell, frame.id);
      })}
    </section>
  );
}

function withShell(shells: ReadonlyMap<string, HTMLLIElement>, frameId: string, li: HTMLLIElement | null): ReadonlyMap<string, HTMLLIElement> {
  if ((shells.get(frameId) ?? null) === li) return shells;
  const next = new Map(shells);
  if (li) next.set(frameId, li);
  else next.delete(frameId);
  return next;
}
