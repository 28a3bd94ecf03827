import { useState } from 'react';
import type { ModelRecord, ModelSpeed } from '../../../../src-shared/domain/index.ts';
import { optimizationLines, speedHeadline } from '../../../../src-shared/format/model-speed.ts';
import { formatBytes } from '../../../../src-shared/format/quantities.ts';
import { formatUpdated } from '../../format.ts';
import { useActions, useApp } from '../../state/context.ts';
import type { OptimizeProgress } from '../../state/library.ts';
import { Badge } from '../Badge.tsx';
import { ProgressBar } from '../ProgressBar.tsx';
import { button, hint } from '../ui.ts';

interface ModelSpeedRowProps {
  model: ModelRecord;
  /** what the button does for the provider chosen: a GPU one gets its optimised copy made first */
  gpuChosen: boolean;
}

function progressText(progress: OptimizeProgress): string {
  return progress.stage === 'preparing' ? 'Making or loading the optimised copy…' : `Timing step ${progress.step} of ${progress.totalSteps}`;
}

/** One model's measurements on this machine, what was done to it per provider, and the button that measures it again. */
export function ModelSpeedRow({ model, gpuChosen }: ModelSpeedRowProps) {
  const progress = useApp((s) => s.optimizing[model.id]);
  const { optimizeModel, cancelOptimize } = useActions();
  const [failure, setFailure] = useState<string | null>(null);
  const action = gpuChosen ? 'Optimize for this GPU' : 'Measure speed';
  const run = async () => {
    setFailure(null);
    setFailure(await optimizeModel(model.id));
  };
  return (
    <li aria-label={model.name} className="grid gap-2 border-t border-stone-100 py-3 first:border-t-0 dark:border-stone-800">
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 truncate font-medium">{model.name}</span>
        {model.speeds.some((s) => s.optimization) ? <Badge tone="accent">Optimised</Badge> : <Badge>Not optimised</Badge>}
        <span className="flex-1" />
        {progress ? (
          <button type="button" className={button.small} onClick={() => void cancelOptimize(model.id)}>
            Cancel
          </button>
        ) : (
          <button type="button" className={button.small} disabled={!model.available} onClick={() => void run()}>
            {action}
          </button>
        )}
      </div>
      {progress && (
        <div className="grid gap-1" aria-live="polite">
          <p className={hint}>{progressText(progress)}</p>
          <ProgressBar fraction={progress.stage === 'preparing' ? 0 : progress.step / progress.totalSteps} label={`Measuring ${model.name}`} />
        </div>
      )}
      {failure && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {failure}
        </p>
      )}
      {model.speeds.length === 0 && !progress && <p className={hint}>Not measured on this machine yet.</p>}
      {model.speeds.map((speed) => (
        <SpeedDetails key={speed.provider} speed={speed} />
      ))}
    </li>
  );
}

function SpeedDetails({ speed }: { speed: ModelSpeed }) {
  const copy = speed.optimization ? `optimised copy ${formatBytes(speed.optimization.bytes)}` : 'original files';
  return (
    <div className="grid gap-1">
      <details className="text-sm">
        <summary className="cursor-pointer tabular-nums">
          <strong className="font-medium">{speedHeadline(speed)}</strong>
          <span className={hint}>
            {' '}
            · {copy} · measured {formatUpdated(speed.measuredAt, Date.now())}
          </span>
        </summary>
        <ul aria-label={`What was done for ${speed.provider}`} className={`${hint} mt-1 grid list-disc gap-0.5 pl-5`}>
          {optimizationLines(speed).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      {/* outside the details: a provider that could not start (the figure is the CPU's) must not hide */}
      {speed.warnings.map((warning) => (
        <p key={warning} className="text-xs text-amber-800 dark:text-amber-300">
          {warning}
        </p>
      ))}
    </div>
  );
}
