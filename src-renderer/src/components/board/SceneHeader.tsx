import { SCENE_HEADING_MAX, type Scene } from '../../../../src-shared/domain/index.ts';
import { formatKeys } from '../../keyboard/shortcuts.ts';
import { useActions } from '../../state/context.ts';
import { TrashIcon } from '../icons.tsx';
import { NameField } from '../NameField.tsx';
import { button } from '../ui.ts';
import { sceneHeadingId } from './scene-dom.ts';

interface SceneHeaderProps {
  /** null: the frames after a scene that belong to none */
  scene: Scene | null;
  frameCount: number;
  /** the scene's frames are split by others and this is not its first run */
  continued: boolean;
}

/** A header row across the board before a run of frames in one scene: its heading (renamed in place) and delete. */
export function SceneHeader({ scene, frameCount, continued }: SceneHeaderProps) {
  const { renameScene, deleteScene } = useActions();
  return (
    <li role="none" data-scene-header={scene?.id ?? ''} className="col-span-full flex items-center gap-2 border-b border-stone-200 pt-2 pb-1 first:pt-0 dark:border-stone-800">
      {scene ? (
        <>
          <NameField
            key={scene.heading}
            name={scene.heading}
            label="Scene heading"
            id={sceneHeadingId(scene.id)}
            maxLength={SCENE_HEADING_MAX}
            onRename={(heading) => renameScene(scene.id, heading)}
            className="-mx-1 min-w-[8ch] rounded-md [field-sizing:content] bg-transparent px-1 py-0.5 text-sm font-semibold tracking-wide uppercase hover:bg-stone-100 focus:bg-white focus:ring-2 focus:ring-teal-600/30 focus:outline-none dark:hover:bg-stone-900 dark:focus:bg-stone-900"
          />
          {continued && <span className="text-xs text-stone-500 dark:text-stone-400">(continued)</span>}
        </>
      ) : (
        <span className="text-sm font-semibold text-stone-500 dark:text-stone-400">No scene</span>
      )}
      <span className="text-xs text-stone-500 tabular-nums dark:text-stone-400">{frameCount === 1 ? '1 frame' : `${frameCount} frames`}</span>
      <span className="flex-1" />
      {scene && (
        <button type="button" className={button.icon} aria-label={`Delete scene ${scene.heading}`} title={`Delete the heading; its frames stay (undo: ${formatKeys('Mod+Z')})`} onClick={() => deleteScene(scene.id)}>
          <TrashIcon />
        </button>
      )}
    </li>
  );
}
