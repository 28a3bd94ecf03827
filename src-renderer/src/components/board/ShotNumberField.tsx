import { useId } from 'react';
import { FRAME_LABEL_MAX, type Frame } from '../../../../src-shared/domain/index.ts';
import { useActions } from '../../state/context.ts';
import { ResetIcon } from '../icons.tsx';
import { button, fieldLabel, input } from '../ui.ts';

/** The shot number: automatic (the frame's place) until the user writes one; emptying it or "Automatic" goes back. */
export function ShotNumberField({ frame }: { frame: Frame }) {
  const { editFrame, flushEdits } = useActions();
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className={fieldLabel}>
        Shot number
      </label>
      <div className="flex gap-1">
        <input
          id={id}
          value={frame.shotNumberAuto ? '' : frame.shotNumber}
          placeholder={`${frame.shotNumber} · auto`}
          title="Automatic until you write one: follows the frame's place"
          maxLength={FRAME_LABEL_MAX}
          className={input}
          onChange={(event) => editFrame(frame.id, { shotNumber: event.target.value })}
          onBlur={flushEdits}
        />
        {!frame.shotNumberAuto && (
          <button type="button" className={button.icon} aria-label="Number this shot automatically" title="Automatic: follows the frame's place" onClick={() => editFrame(frame.id, { shotNumber: '' })}>
            <ResetIcon />
          </button>
        )}
      </div>
    </div>
  );
}
