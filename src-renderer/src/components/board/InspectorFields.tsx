import { CAMERA_MOVES, FRAME_LABEL_MAX, FRAME_TEXT_MAX, SHOT_TYPES, type Frame } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { selectFrameTokenHint, selectFrameTooLong } from '../../state/selectors.ts';
import { promptFieldId } from '../frame-dom.ts';
import { NumberField } from '../NumberField.tsx';
import { TextField } from '../TextField.tsx';
import { SceneField } from './SceneField.tsx';
import { ShotNumberField } from './ShotNumberField.tsx';
import { SuggestField } from './SuggestField.tsx';

/** The selected frame's fields: what the model draws from, then the board's fields, then timing. */
export function InspectorFields({ frame }: { frame: Frame }) {
  const { editFrame } = useActions();
  const tokenHint = useApp((s) => selectFrameTokenHint(s, frame.id));
  const tooLong = useApp((s) => selectFrameTooLong(s, frame.id));
  const storySeed = useApp((s) => s.story?.project.settings.seed);
  return (
    <div className="grid gap-3">
      <TextField
        label="Prompt"
        id={promptFieldId(frame.id)}
        rows={3}
        maxLength={FRAME_TEXT_MAX}
        placeholder="What happens, e.g. “reading a book under a tree”"
        value={frame.prompt}
        hint={tokenHint ?? undefined}
        invalid={tooLong}
        onChange={(prompt) => editFrame(frame.id, { prompt })}
      />
      <TextField label="Caption" maxLength={FRAME_TEXT_MAX} value={frame.caption} onChange={(caption) => editFrame(frame.id, { caption })} />
      <div className="grid grid-cols-3 gap-2">
        <ShotNumberField frame={frame} />
        <SuggestField label="Shot type" maxLength={FRAME_LABEL_MAX} suggestions={SHOT_TYPES} placeholder="MS" value={frame.shotType} onChange={(shotType) => editFrame(frame.id, { shotType })} />
        <SuggestField label="Camera" maxLength={FRAME_LABEL_MAX} suggestions={CAMERA_MOVES} placeholder="static" value={frame.camera} onChange={(camera) => editFrame(frame.id, { camera })} />
      </div>
      <TextField label="Action" rows={2} maxLength={FRAME_TEXT_MAX} value={frame.action} onChange={(action) => editFrame(frame.id, { action })} />
      {/* the dialogue gets the panel's whole width, and grows with its text */}
      <div className="max-w-48">
        <TextField label="Speaker" maxLength={FRAME_LABEL_MAX} value={frame.speaker} onChange={(speaker) => editFrame(frame.id, { speaker })} />
      </div>
      <TextField label="Dialogue" rows={2} maxLength={FRAME_TEXT_MAX} value={frame.dialogue} onChange={(dialogue) => editFrame(frame.id, { dialogue })} />
      <TextField label="Notes" rows={2} maxLength={FRAME_TEXT_MAX} value={frame.notes} onChange={(notes) => editFrame(frame.id, { notes })} />
      <SceneField frame={frame} />
      <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-2">
        <NumberField label="Duration (s)" scale={1000} integer min={0.001} max={600} step={0.1} value={frame.durationMs} onChange={(durationMs) => durationMs !== null && editFrame(frame.id, { durationMs })} />
        <NumberField
          label="Frame seed"
          optional
          integer
          min={0}
          max={Number.MAX_SAFE_INTEGER}
          step={1}
          value={frame.seedOverride}
          placeholder={`Story’s (${storySeed})`}
          resetLabel="Use the story’s seed"
          onChange={(seedOverride) => editFrame(frame.id, { seedOverride })}
        />
      </div>
    </div>
  );
}
