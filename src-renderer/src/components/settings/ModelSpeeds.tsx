import { useMemo } from 'react';
import type { Hardware } from '../../../../src-shared/domain/index.ts';
import { useApp } from '../../state/context.ts';
import { hint } from '../ui.ts';
import { ModelSpeedRow } from './ModelSpeedRow.tsx';

/** Whether the next measurement runs on a GPU provider: one chosen by name, or Automatic's last choice. */
function gpuChosen(hardware: Hardware | null): boolean {
  if (!hardware) return false;
  if (hardware.chosen !== 'auto') return hardware.chosen !== 'cpu';
  return hardware.inUse !== null && hardware.inUse !== 'cpu';
}

/** Per model: optimised or not, what was done, the copy's size and seconds per step measured here; a button measures it. */
export function ModelSpeeds({ headingId }: { headingId: string }) {
  const library = useApp((s) => s.models);
  // scoring models never render: there is no step to time
  const models = useMemo(() => library.filter((m) => m.kind === 'diffusion'), [library]);
  const hardware = useApp((s) => s.hardware);
  const gpu = gpuChosen(hardware);
  return (
    <section aria-labelledby={headingId} className="grid gap-1.5">
      <h3 id={headingId} className="text-xs font-medium text-stone-600 dark:text-stone-400">
        Models on this machine
      </h3>
      <p className={hint}>
        {gpu
          ? 'A GPU gets its own copy of each model (float16, attention fused where this GPU’s kernel is accurate), made once; a short timed run then measures seconds per step here.'
          : 'A short timed run (five steps at up to 512×512) measures seconds per step on this machine.'}
      </p>
      {models.length === 0 ? (
        <p className={hint}>No diffusion models in the library yet.</p>
      ) : (
        <ul aria-label="Model speeds" className="grid">
          {models.map((model) => (
            <ModelSpeedRow key={model.id} model={model} gpuChosen={gpu} />
          ))}
        </ul>
      )}
    </section>
  );
}
