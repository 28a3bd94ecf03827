import {
  DEFAULT_REWEIGHT,
  DEFAULT_SETTINGS,
  IPCA_MODES,
  NOISE_MODES,
  REWEIGHT_MODES,
  SCHEDULER_CHOICES,
  type IpcaMode,
  type NoiseMode,
  type ReweightMode,
  type ReweightSettings,
  type SchedulerChoice,
} from '../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../state/context.ts';
import { selectModel } from '../state/selectors.ts';
import { AspectField } from './AspectField.tsx';
import { DiceIcon } from './icons.tsx';
import { NumberField } from './NumberField.tsx';
import { SelectField } from './SelectField.tsx';
import { SliderField } from './SliderField.tsx';
import { button, card, fieldLabel, hint, sectionHeading } from './ui.ts';

type ReweightKey = Exclude<keyof ReweightSettings, 'mode'>;

interface SliderSpec {
  key: ReweightKey;
  label: string;
  min: number;
  max: number;
  step: number;
  description: string;
}

/** The method's parameters over the ranges that are useful in practice (issue 5). */
const SVR_SLIDERS: readonly SliderSpec[] = [
  { key: 'betaEnhance', label: 'β (enhance)', min: 1, max: 2, step: 0.01, description: 'Scales up this frame’s own words: σ̂ = β·e^(ασ)·σ' },
  { key: 'alphaEnhance', label: 'α (enhance)', min: 0.001, max: 0.02, step: 0.0005, description: 'How much more the strongest directions of this frame are enhanced' },
  { key: 'betaSuppress', label: 'β′ (suppress)', min: 0.05, max: 1, step: 0.01, description: 'Scales down the other frames’ words: σ̃ = β′·e^(−α′σ)·σ' },
  { key: 'alphaSuppress', label: 'α′ (suppress)', min: 0.01, max: 0.5, step: 0.01, description: 'How much more the strongest directions of the other frames are suppressed' },
];
const NAIVE_SLIDERS: readonly SliderSpec[] = [
  { key: 'naiveEnhance', label: 'Enhance factor', min: 1, max: 5, step: 0.1, description: 'This frame’s token rows are multiplied by it' },
  { key: 'naiveSuppress', label: 'Suppress factor', min: 0, max: 1, step: 0.05, description: 'The other frames’ token rows are multiplied by it' },
];
const SLIDERS_BY_MODE: Record<ReweightMode, readonly SliderSpec[]> = { svr: SVR_SLIDERS, 'svr-eot': SVR_SLIDERS, naive: NAIVE_SLIDERS, off: [] };

const MODE_LABELS: Record<ReweightMode, { label: string; description: string }> = {
  svr: { label: 'SVR', description: 'Singular-value reweighting, as in the paper' },
  'svr-eot': { label: 'SVR, EOT damped', description: 'SVR with the end tokens outside the sets, damped at each step' },
  naive: { label: 'Naive', description: 'Multiplies token rows by fixed factors' },
  off: { label: 'Off', description: 'Every frame sees the consolidated prompt unchanged' },
};

const IPCA_OPTIONS: ReadonlyArray<{ value: IpcaMode; label: string }> = IPCA_MODES.map((mode) => ({
  value: mode,
  label: { paper: 'Paper: identity-only context beside the full one', reference: 'Reference: identity encoded alone', off: 'Off' }[mode],
}));

const NOISE_OPTIONS: ReadonlyArray<{ value: NoiseMode; label: string }> = NOISE_MODES.map((mode) => ({ value: mode, label: mode }));

/** Generation settings: they belong to the story and are saved with it. */
export function SettingsPanel() {
  const settings = useApp((s) => s.story?.project.settings ?? DEFAULT_SETTINGS);
  const model = useApp(selectModel);
  const { editSettings } = useActions();
  // Empty number fields show what "model default" means for the chosen model.
  const defaultText = (value: number | undefined) => (value === undefined ? 'Model default' : `Default (${value})`);
  // 'model' comes first: the scheduler the model ships with (as the library resolved it when the model was added)
  const schedulerOptions = SCHEDULER_CHOICES.map((choice) => ({
    value: choice,
    label: choice !== 'model' ? choice : model ? `The model’s own (${model.defaults.scheduler})` : 'The model’s own',
  }));

  return (
    <section aria-label="Settings" className={`${card} grid gap-5 p-4`}>
      <h2 className={sectionHeading}>Settings</h2>

      <fieldset className="grid grid-cols-2 gap-3">
        <legend className={`${fieldLabel} mb-2`}>Image</legend>
        <div className="col-span-2">
          <AspectField settings={settings} />
        </div>
        <NumberField label="Width" optional integer multipleOf={8} min={64} max={4096} step={8} value={settings.width} placeholder={defaultText(model?.defaults.width)} resetLabel="Use the model’s width" onChange={(width) => editSettings({ width, aspect: null }, 'Change width')} />
        <NumberField label="Height" optional integer multipleOf={8} min={64} max={4096} step={8} value={settings.height} placeholder={defaultText(model?.defaults.height)} resetLabel="Use the model’s height" onChange={(height) => editSettings({ height, aspect: null }, 'Change height')} />
        <NumberField label="Steps" optional integer min={1} max={500} step={1} value={settings.steps} placeholder={defaultText(model?.defaults.steps)} resetLabel="Use the model’s steps" onChange={(steps) => editSettings({ steps }, 'Change steps')} />
        <NumberField label="Guidance" optional min={0} max={50} step={0.5} value={settings.guidance} placeholder={defaultText(model?.defaults.guidance)} resetLabel="Use the model’s guidance" onChange={(guidance) => editSettings({ guidance }, 'Change guidance')} />
        <div className="col-span-2">
          <SelectField<SchedulerChoice> label="Scheduler" value={settings.scheduler} options={schedulerOptions} onChange={(scheduler) => editSettings({ scheduler }, 'Change scheduler')} />
        </div>
        <div className="col-span-2 flex items-end gap-1">
          <div className="flex-1">
            <NumberField label="Seed" integer min={0} max={Number.MAX_SAFE_INTEGER} step={1} value={settings.seed} onChange={(seed) => seed !== null && editSettings({ seed }, 'Change seed')} />
          </div>
          <button type="button" className={`${button.icon} mb-1`} aria-label="Random seed" title="Random seed" onClick={() => editSettings({ seed: randomSeed() }, 'Change seed')}>
            <DiceIcon />
          </button>
        </div>
        <div className="col-span-2">
          <SelectField<NoiseMode>
            label="Noise"
            value={settings.noise}
            options={NOISE_OPTIONS}
            hint="float16 matches PyTorch 2.x half-precision pipelines; float16-torch1 matches PyTorch 1.13."
            onChange={(noise) => editSettings({ noise }, 'Change noise')}
          />
        </div>
      </fieldset>

      <ReweightSettingsFields reweight={settings.reweight} />

      <fieldset className="grid gap-3">
        <legend className={`${fieldLabel} mb-2`}>Identity across frames</legend>
        <IpcaField ipca={settings.ipca} unavailableReason={model?.ipcaUnavailableReason ?? null} />
        <NumberField label="Window length (frames)" integer min={1} max={75} step={1} value={settings.windowLength} onChange={(windowLength) => windowLength !== null && editSettings({ windowLength }, 'Change window length')} />
        <p className={hint}>Longer stories are generated in sliding windows of at most this many frames.</p>
      </fieldset>
    </section>
  );
}

/** Where the model cannot run IPCA, it shows as off (how frames render) and disabled, saying why; the story keeps its choice. */
function IpcaField({ ipca, unavailableReason }: { ipca: IpcaMode; unavailableReason: string | null }) {
  const { editSettings } = useActions();
  if (unavailableReason !== null) {
    return <SelectField<IpcaMode> label="IPCA" value="off" options={IPCA_OPTIONS} disabled hint={`Unavailable for this model. ${unavailableReason}`} onChange={() => {}} />;
  }
  return <SelectField<IpcaMode> label="IPCA" value={ipca} options={IPCA_OPTIONS} onChange={(mode) => editSettings({ ipca: mode }, 'Change IPCA')} />;
}

function ReweightSettingsFields({ reweight }: { reweight: ReweightSettings }) {
  const { editSettings } = useActions();
  return (
    <fieldset className="grid gap-3">
      <legend className={`${fieldLabel} mb-2`}>Reweighting</legend>
      <div role="radiogroup" aria-label="Reweighting mode" className="grid grid-cols-4 gap-0.5 rounded-lg bg-stone-100 p-0.5 dark:bg-stone-800">
        {REWEIGHT_MODES.map((mode) => (
          <label
            key={mode}
            title={MODE_LABELS[mode].description}
            className="cursor-pointer rounded-md px-1 py-1 text-center text-xs font-medium text-stone-600 has-checked:bg-white has-checked:text-stone-900 has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-teal-600 dark:text-stone-300 dark:has-checked:bg-stone-950 dark:has-checked:text-stone-50"
          >
            <input type="radio" name="reweight-mode" value={mode} checked={reweight.mode === mode} onChange={() => editSettings({ reweight: { mode } }, 'Change reweighting')} className="sr-only" />
            {MODE_LABELS[mode].label}
          </label>
        ))}
      </div>
      <p className={hint}>{MODE_LABELS[reweight.mode].description}.</p>
      {SLIDERS_BY_MODE[reweight.mode].map((spec) => (
        <SliderField
          key={spec.key}
          label={spec.label}
          value={reweight[spec.key]}
          defaultValue={DEFAULT_REWEIGHT[spec.key]}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          description={spec.description}
          onChange={(value) => editSettings({ reweight: { [spec.key]: value } }, `Change ${spec.label}`)}
        />
      ))}
    </fieldset>
  );
}

function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
