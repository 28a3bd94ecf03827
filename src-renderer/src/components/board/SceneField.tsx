import { useShallow } from 'zustand/shallow';
import type { Frame } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { PlusIcon } from '../icons.tsx';
import { SelectField } from '../SelectField.tsx';
import { button } from '../ui.ts';
import { focusSceneHeading } from './scene-dom.ts';

const NO_SCENE = '';

/** Which scene the frame belongs to, and "New scene here": this frame and the rest of its run start a scene. */
export function SceneField({ frame }: { frame: Frame }) {
  const scenes = useApp(useShallow((s) => s.story?.scenes ?? []));
  const { editFrame, addScene } = useActions();
  const options = [{ value: NO_SCENE, label: 'No scene' }, ...scenes.map((scene) => ({ value: scene.id, label: scene.heading }))];
  const startScene = async () => {
    const scene = await addScene(frame.id);
    if (scene) focusSceneHeading(scene.id);
  };
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-2">
      <SelectField label="Scene" value={frame.sceneId ?? NO_SCENE} options={options} onChange={(id) => editFrame(frame.id, { sceneId: id || null })} />
      <button type="button" className={button.secondary} title="This frame and the ones after it in its scene go under a new heading" onClick={() => void startScene()}>
        <PlusIcon />
        New scene here
      </button>
    </div>
  );
}
