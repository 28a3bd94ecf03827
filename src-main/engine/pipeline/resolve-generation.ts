// The settings a story actually runs with: "model default" (null) replaced by the model family's values, the
// scheduler the model's scheduler_config.json names unless the user picked another, and IPCA off where the
// model's UNet cannot take the longer context IPCA builds.
import type { GenerationSettings, IpcaMode } from '../../../src-shared/domain/index.ts';
import type { ModelInfo } from '../models/model-types.ts';
import { createScheduler, type Scheduler, type SchedulerName } from '../schedulers/index.ts';
import type { ResolvedGeneration } from './story-types.ts';

export interface Generation {
  resolved: ResolvedGeneration;
  /** UNet evaluations per frame and guidance branch: the scheduler's timesteps (Heun and KDPM2 two per step, PNDM one extra) */
  evaluationsPerFrame: number;
  /** A fresh scheduler with its timesteps set, one per sampling run (multistep solvers keep history). */
  newScheduler(): Scheduler;
  warnings: string[];
}

export function resolveGeneration(info: ModelInfo, settings: GenerationSettings): Generation {
  const warnings: string[] = [];
  const override: SchedulerName | undefined = settings.scheduler === 'model' ? undefined : settings.scheduler;
  const steps = settings.steps ?? info.defaults.steps;
  const newScheduler = (onWarning?: (message: string) => void): Scheduler => {
    const scheduler = createScheduler(info.schedulerConfig, { override, onWarning });
    scheduler.setTimesteps(steps);
    return scheduler;
  };
  const first = newScheduler((message) => warnings.push(message));
  return {
    resolved: {
      width: settings.width ?? info.defaults.width,
      height: settings.height ?? info.defaults.height,
      steps,
      guidance: settings.guidance ?? info.defaults.guidance,
      scheduler: first.name,
      ipca: effectiveIpca(info, settings.ipca, warnings),
    },
    evaluationsPerFrame: first.timesteps.length,
    newScheduler: () => newScheduler(),
    warnings,
  };
}

function effectiveIpca(info: ModelInfo, requested: IpcaMode, warnings: string[]): IpcaMode {
  if (requested === 'off' || info.ipcaUnavailableReason === null) return requested;
  warnings.push(`IPCA is unavailable for this model; running with IPCA off. ${info.ipcaUnavailableReason}`);
  return 'off';
}
