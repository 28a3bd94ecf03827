// The story's aspect ratio: a film's presets, each at a size the model was trained at, or free width and height.
import { ASPECT_PRESETS, aspectPreset, cropToRatio, presetSize, type AspectPresetId, type GenerationSettings } from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { selectModel } from '../state/selectors.ts';
import { SelectField } from './SelectField.tsx';
import { button, hint } from './ui.ts';

const FREE = 'free';
type Choice = AspectPresetId | typeof FREE;

const OPTIONS: ReadonlyArray<{ value: Choice; label: string }> = [
  { value: FREE, label: 'Free (width and height below)' },
  ...ASPECT_PRESETS.map((p) => ({ value: p.id, label: `${p.id} · ${p.label}` })),
];

/** Choosing a preset sets width and height with it (one undo step), so frames made at another size go out of date. */
export function AspectField({ settings }: { settings: GenerationSettings }) {
  const model = useApp(selectModel);
  const { editSettings } = useActions();
  const family = model?.family;
  const choose = (choice: Choice) => {
    if (choice === FREE) editSettings({ aspect: null }, 'Free the aspect ratio');
    else editSettings({ aspect: choice, ...presetSize(choice, family) }, `Aspect ${choice}`);
  };
  const aspect = settings.aspect;
  const wanted = aspect && presetSize(aspect, family);
  const otherSize = wanted && (settings.width !== wanted.width || settings.height !== wanted.height);
  return (
    <div className="grid gap-1.5">
      <SelectField<Choice> label="Aspect ratio" value={aspect ?? FREE} options={OPTIONS} onChange={choose} />
      <p className={hint} aria-live="polite">
        {aspect && wanted ? sizeNote(aspect, wanted) : 'Any width and height, in multiples of 8.'}
      </p>
      {otherSize && (
        <button type="button" className={`${button.small} justify-self-start`} onClick={() => choose(aspect)}>
          Use {wanted.width} × {wanted.height}, {model?.name ?? 'the model'}’s size for {aspect}
        </button>
      )}
    </div>
  );
}

/** What the preset renders at, and the crop the board, the player and exports make when that trained size is not the exact ratio. */
function sizeNote(id: AspectPresetId, { width, height }: { width: number; height: number }): string {
  const crop = cropToRatio(width, height, aspectPreset(id).ratio);
  const renders = `Renders at ${width} × ${height}`;
  return crop ? `${renders}, the nearest size the model was trained at; the board, the player and exports crop it to ${id} (${crop.width} × ${crop.height}).` : `${renders}.`;
}
