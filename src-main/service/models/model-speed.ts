// models.optimize: builds (or reuses) the derived copy a provider loads and times a few steps on it, on this machine,
// through the engine like any job; the measurement is kept with the model, one per provider.
import { ApiError } from '../../../src-shared/contract/index.ts';
import { DEFAULT_SETTINGS, type ModelSpeed, type ProviderChoice } from '../../../src-shared/domain/index.ts';
import type { StoryRequest } from '../../engine/pipeline/index.ts';
import { EngineError } from '../../engine/process/engine-errors.ts';
import type { StoredModel } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';
import type { HardwareChoice } from '../hardware/hardware.ts';
import { StepTimer } from '../jobs/step-timer.ts';
import type { ModelLibrary } from './model-library.ts';

/** Steps timed: the first pays for loading, so five give four samples. */
export const SPEED_STEPS = 5;
/** Pictures at most this wide and high: SD 1.5 at its own size, SDXL at a quarter of its pixels, so a CPU run stays short. */
const SPEED_SIZE = 512;

export interface SpeedMeter {
  measure(modelId: string, provider: ProviderChoice | undefined): Promise<ModelSpeed>;
  /** false when no measurement of that model is under way */
  cancel(modelId: string): boolean;
  close(): Promise<void>;
}

/** `derivedRoot`: the library's folder of derived copies, as jobs use it. */
export function createSpeedMeter(
  { store, events, now }: ServiceContext,
  deps: { engine: Engine; library: ModelLibrary; hardware: HardwareChoice; derivedRoot: string },
): SpeedMeter {
  const { engine, hardware, derivedRoot } = deps;
  const running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  const run = async (model: StoredModel, provider: string | undefined, signal: AbortSignal): Promise<ModelSpeed> => {
    const emit = (stage: 'preparing' | 'measuring', step: number) =>
      events.emit('model.optimizeProgress', { modelId: model.id, stage, step, totalSteps: SPEED_STEPS });
    emit('preparing', 0);
    const width = Math.min(model.defaults.width, SPEED_SIZE);
    const height = Math.min(model.defaults.height, SPEED_SIZE);
    const request: StoryRequest = {
      modelDir: model.path,
      identityPrompt: 'a storyboard sketch of a lighthouse keeper',
      framePrompts: ['climbing the stairs at night'],
      negativePrompt: '',
      settings: { ...DEFAULT_SETTINGS, width, height, steps: SPEED_STEPS },
      batchSize: 1,
    };
    const timer = new StepTimer(SPEED_STEPS);
    let lastStep = 0;
    const result = await engine.generate(
      request,
      {
        signal,
        onProgress: (p) => {
          timer.update(p, performance.now());
          // once per step: a second-order step (Heun, PNDM's first) reports each of its evaluations
          if (p.step + 1 !== lastStep) emit('measuring', (lastStep = p.step + 1));
        },
      },
      { provider, derivedRoot },
    );
    const secondsPerStep = timer.secondsPerStep;
    if (secondsPerStep === null) throw new ApiError('internal', `The timed run of "${model.name}" reported fewer than two steps; nothing was recorded.`);
    const speed: ModelSpeed = {
      provider: result.provider,
      measuredAt: now(),
      secondsPerStep,
      steps: SPEED_STEPS,
      width: result.resolved.width,
      height: result.resolved.height,
      originalBytes: model.sizeBytes,
      optimization: result.provider === result.device.provider ? (result.device.optimization ?? null) : null,
      warnings: result.warnings,
    };
    store.write(() => {
      const current = store.models.get(model.id);
      if (current) store.models.save({ ...current, speeds: [...current.speeds.filter((s) => s.provider !== speed.provider), speed] });
    });
    await hardware.ran(result);
    events.emit('models.changed', {});
    return speed;
  };

  return {
    async measure(modelId, provider) {
      const stored = store.models.get(modelId);
      if (!stored) throw new ApiError('not_found', `Model ${modelId} is not in the library`);
      // the caller's mistake, not a missing resource: a scoring model has no steps to time
      if (stored.kind === 'scoring') throw new ApiError('invalid_input', `"${stored.name}" is a scoring model: it never renders, so it has no speed to measure`);
      const { model, problem } = deps.library.choose(modelId);
      if (!model) throw new ApiError('unavailable', problem);
      if (running.has(modelId)) throw new ApiError('conflict', `"${model.name}" is being measured already; wait for it or cancel it`);
      const controller = new AbortController();
      const done = run(model, provider === 'auto' ? undefined : (provider ?? hardware.requested()), controller.signal);
      running.set(modelId, { controller, done });
      try {
        return await done;
      } catch (error) {
        if (controller.signal.aborted) throw new ApiError('conflict', `The speed measurement of "${model.name}" was cancelled; nothing was recorded.`);
        if (error instanceof EngineError) throw new ApiError(error.code === 'model' ? 'invalid_input' : 'unavailable', `"${model.name}" could not be measured: ${error.message}`);
        throw error;
      } finally {
        running.delete(modelId);
      }
    },

    cancel(modelId) {
      const measuring = running.get(modelId);
      measuring?.controller.abort();
      return measuring !== undefined;
    },

    async close() {
      const all = [...running.values()];
      for (const measuring of all) measuring.controller.abort();
      await Promise.allSettled(all.map((m) => m.done));
    },
  };
}
