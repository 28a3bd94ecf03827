import { useMemo, useState } from 'react';
import type { ModelRecord } from '../../../../src-shared/domain/index.ts';
import { useActions, useApp } from '../../state/context.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { sectionHeading } from '../ui.ts';
import { ModelRow } from './ModelRow.tsx';
import { ScoringModels } from './ScoringModels.tsx';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';

export function ModelList() {
  const library = useApp((s) => s.models);
  const [models, scoring] = useMemo(() => [library.filter((m) => m.kind === 'diffusion'), library.filter((m) => m.kind === 'scoring')], [library]);
  const { removeModel } = useActions();
  const [toRemove, setToRemove] = useState<ModelRecord | null>(null);

  return (
    <section aria-labelledby="library-heading" className="grid gap-3">
      <h2 id="library-heading" className={sectionHeading}>
        Library
      </h2>
      {models.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 py-10 text-center text-sm text-stone-500 dark:border-stone-700 dark:text-stone-400">
          No models yet. Import a folder or download one below.
        </p>
      ) : (
        <ul aria-label="Models" className="grid gap-3">
          {models.map((model) => (
            <ModelRow key={model.id} model={model} onRemove={setToRemove} />
          ))}
        </ul>
      )}
      <ScoringModels models={scoring} onRemove={setToRemove} />
      <ConfirmDialog
        open={toRemove !== null}
        title={`Remove “${toRemove?.name ?? ''}”?`}
        message={toRemove ? removalMessage(toRemove) : ''}
        confirmLabel="Remove model"
        onCancel={() => setToRemove(null)}
        onConfirm={() => {
          if (toRemove) void removeModel(toRemove);
          setToRemove(null);
        }}
      />
    </section>
  );
}

/** Says exactly what happens to the files: the library deletes only folders it made, inside its models folder. */
function removalMessage(model: ModelRecord): string {
  return `${filesAfterRemoval(model)} Stories that use it will ask for another model.`;
}

function filesAfterRemoval(model: ModelRecord): string {
  if (model.deletable) return `Its folder ${model.path} (${formatBytes(model.sizeBytes)}) is deleted: the library made it.`;
  if (model.owned) {
    return `Its files stay where they are (${model.path}): the library made the folder, but it is outside the current models folder, and Onestory deletes only inside that. Delete it yourself if you no longer need it.`;
  }
  return `Its files stay where they are (${model.path}): Onestory used the folder in place and never deletes it.`;
}
