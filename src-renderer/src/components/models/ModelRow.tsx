import { memo, useState } from 'react';
import { MODEL_NAME_MAX, type ModelRecord } from '../../../../src-shared/domain/index.ts';
import { formatUpdated } from '../../format.ts';
import { useActions } from '../../state/context.ts';
import { Badge } from '../Badge.tsx';
import { PencilIcon, TrashIcon } from '../icons.tsx';
import { NameField } from '../NameField.tsx';
import { button, card, hint, input } from '../ui.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';
import { speedHeadline } from '../../../../src-shared/format/model-speed.ts';

const SOURCES: Record<ModelRecord['source'], string> = {
  imported: 'Copied into the library',
  registered: 'Used in place',
  downloaded: 'Downloaded from the Hub',
};

interface ModelRowProps {
  model: ModelRecord;
  onRemove(model: ModelRecord): void;
}

export const ModelRow = memo(function ModelRow({ model, onRemove }: ModelRowProps) {
  const { setDefaultModel, renameModel } = useActions();
  const [renaming, setRenaming] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const now = Date.now();
  const rename = async (name: string) => setRefused(await renameModel(model.id, name));
  const startRenaming = () => {
    setRefused(null);
    setRenaming(true);
  };
  return (
    <li aria-label={model.name} className={`${card} grid gap-2 px-5 py-4`}>
      <div className="flex flex-wrap items-center gap-2">
        {renaming ? (
          <NameField
            name={model.name}
            label="Model name"
            autoFocus
            maxLength={MODEL_NAME_MAX}
            className={`${input} max-w-sm font-medium`}
            onRename={(name) => void rename(name)}
            onDone={() => setRenaming(false)}
          />
        ) : (
          <span className="min-w-0 truncate font-medium">{model.name}</span>
        )}
        {model.isDefault && (
          <Badge tone="accent" title="New stories start with this model">
            Default
          </Badge>
        )}
        {!model.available && <Badge tone="warning">Folder missing</Badge>}
        {model.ipcaUnavailableReason !== null && (
          <Badge tone="warning" title={model.ipcaUnavailableReason}>
            No IPCA
          </Badge>
        )}
        <span className="flex-1" />
        <button type="button" className={button.small} aria-label={`Rename ${model.name}`} onClick={startRenaming}>
          <PencilIcon />
          Rename
        </button>
        {model.kind === 'diffusion' && (
          <button type="button" className={button.small} disabled={model.isDefault} onClick={() => void setDefaultModel(model.id)}>
            Set as default
          </button>
        )}
        <button type="button" className={button.small} aria-label={`Remove ${model.name}`} onClick={() => onRemove(model)}>
          <TrashIcon />
          Remove
        </button>
      </div>
      {refused && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          Not renamed: {refused}
        </p>
      )}
      <p className={hint}>
        {model.family} · {SOURCES[model.source]} · {formatBytes(model.sizeBytes)} · Added {formatUpdated(model.addedAt, now)} · {model.lastUsedAt === null ? 'Not used yet' : `Last used ${formatUpdated(model.lastUsedAt, now)}`}
      </p>
      {model.speeds.length > 0 && (
        <p className={`${hint} tabular-nums`}>
          Measured here: {model.speeds.map((speed) => `${speedHeadline(speed)}${speed.optimization ? ` (optimised copy ${formatBytes(speed.optimization.bytes)})` : ''}`).join(' · ')}
        </p>
      )}
      <p className="truncate font-mono text-xs text-stone-500 dark:text-stone-400" title={model.path}>
        {model.path}
      </p>
      {!model.available && (
        <p className="text-xs text-amber-700 dark:text-amber-400">This model’s folder is gone. Put it back at this path, or remove the model and add it again from where it is now.</p>
      )}
    </li>
  );
});
