import { useId, useMemo, useState, type FormEvent } from 'react';
import { useActions, useApp } from '../state/context.ts';
import { routeHash } from '../state/route.ts';
import { selectModel } from '../state/selectors.ts';
import { PlusIcon } from './icons.tsx';
import { button, fieldLabel, hint, input } from './ui.ts';

export function ModelPicker() {
  const library = useApp((s) => s.models);
  // scoring models measure stories; they cannot render one
  const models = useMemo(() => library.filter((m) => m.kind === 'diffusion'), [library]);
  const modelId = useApp((s) => s.story?.project.modelId ?? null);
  const model = useApp(selectModel);
  // Known only once the list has loaded: until then the story's model may simply not have arrived.
  const removed = useApp((s) => s.modelsLoaded) && modelId !== null && !model;
  const { selectModel: pick } = useActions();
  const [adding, setAdding] = useState(false);
  const id = useId();

  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className={fieldLabel}>
        Model
      </label>
      <select id={id} value={modelId ?? ''} onChange={(event) => pick(event.target.value || null)} className={input}>
        <option value="">No model</option>
        {/* the story's model before the list has loaded, or one this library does not have */}
        {modelId && !model && <option value={modelId}>{removed ? 'Not in this library' : modelId}</option>}
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} · {m.family}
            {m.available ? '' : ' (missing)'}
          </option>
        ))}
      </select>
      {model && (
        <p className={`${hint} truncate`} title={model.path}>
          Model defaults: {model.defaults.width}×{model.defaults.height} · {model.defaults.steps} steps · {model.defaults.scheduler}
        </p>
      )}
      {model && !model.available && (
        <p role="alert" className="text-xs text-amber-700 dark:text-amber-400">
          This model’s folder is missing: {model.path}. Put it back, or pick another model.
        </p>
      )}
      {removed && (
        <p role="alert" className="text-xs text-amber-700 dark:text-amber-400">
          This story’s model is not in this library (it was removed, or the story came from another computer). Pick another one
          {models.length === 0 ? ' once you have added one' : ''}.
        </p>
      )}
      {adding ? (
        <AddModelForm onDone={() => setAdding(false)} />
      ) : (
        <div className="flex gap-1">
          <button type="button" className={button.small} onClick={() => setAdding(true)}>
            <PlusIcon />
            Add model folder…
          </button>
          <a href={routeHash({ page: 'models' })} className={button.small}>
            Manage models
          </a>
        </div>
      )}
    </div>
  );
}

/** Browser mode cannot open a folder dialog, so the path is typed; the backend validates the folder. */
function AddModelForm({ onDone }: { onDone(): void }) {
  const { registerModel } = useActions();
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return setProblem('Type the path of a model folder.');
    setChecking(true);
    const refusal = await registerModel(path.trim());
    setChecking(false);
    if (refusal) setProblem(refusal);
    else onDone();
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-1 grid gap-2 rounded-lg border border-dashed border-stone-300 p-3 dark:border-stone-700">
      <label htmlFor={id} className={fieldLabel}>
        Model folder
      </label>
      <input
        id={id}
        autoFocus
        value={path}
        placeholder="/home/me/models/sd15-onnx"
        aria-invalid={problem !== null}
        aria-describedby={`${id}-about ${id}-problem`}
        onChange={(event) => {
          setPath(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
        className={`${input} font-mono text-xs`}
      />
      <p id={`${id}-about`} className={hint}>
        A Stable Diffusion folder in the diffusers ONNX layout. It is used where it is, not copied.
      </p>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={button.primary} disabled={checking}>
          {checking ? 'Checking…' : 'Add model'}
        </button>
        <button type="button" className={button.secondary} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
