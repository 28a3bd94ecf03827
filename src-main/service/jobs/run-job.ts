import type { FrameImage } from '../../engine/pipeline/index.ts';
import { resolveGeneration } from '../../engine/pipeline/resolve-generation.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';
import type { HardwareChoice } from '../hardware/hardware.ts';
import type { JobHandle } from './job-handle.ts';
import type { RunJob } from './job-queue.ts';
import { storeFrameRender, type RunSettings } from './store-render.ts';

/**
 * Runs a job on the engine, storing each frame as soon as it arrives (so a cancelled or failed job keeps
 * the frames finished before). A frame that cannot be stored stops the job: rendering on would only
 * make more images that cannot be kept.
 */
/** `derivedRoot`: the library's folder for the derived model copies GPU providers load. */
export function createJobRunner(ctx: ServiceContext, engine: Engine, hardware: HardwareChoice, derivedRoot: string): RunJob {
  return async (handle: JobHandle) => {
    handle.start();
    const { snapshot } = handle;
    const storeFailed = new AbortController();
    let storeError: unknown;
    let storing = Promise.resolve();
    const store = (run: RunSettings) => (frame: FrameImage) => {
      storing = storing
        .then(() => (storeError === undefined ? storeFrameRender(ctx, handle, frame, run) : undefined))
        .catch((error: unknown) => {
          storeError = error;
          storeFailed.abort();
        });
    };

    try {
      // Read afresh: the folder may have changed since it was registered, and the stored params must say
      // exactly what the engine resolved (its defaults and scheduler).
      const info = await engine.inspect(snapshot.request.modelDir);
      const run: RunSettings = { family: info.family, resolved: resolveGeneration(info, snapshot.request.settings).resolved };
      ctx.store.models.markUsed(snapshot.modelId, ctx.now());
      ctx.events.emit('models.changed', {});
      const result = await engine.generate(
        snapshot.request,
        { signal: AbortSignal.any([handle.signal, storeFailed.signal]), onProgress: (progress) => handle.progress(progress), onFrame: store(run) },
        { provider: hardware.requested(), derivedRoot },
      );
      await hardware.ran(result);
      await storing;
      if (storeError === undefined) handle.finish('done', null, result.warnings);
      else handle.finish('failed', storeFailure(storeError), result.warnings);
    } catch (error) {
      await storing;
      // A cancelled job is finished already; finish() then changes nothing.
      handle.finish('failed', storeError === undefined ? (error as Error).message : storeFailure(storeError));
    }
  };
}

function storeFailure(error: unknown): string {
  console.error('[onestory] storing a render failed:', error);
  const code = (error as { code?: unknown }).code;
  const why = code === 'SQLITE_FULL' || code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
  return `A finished frame could not be stored (${why}); the job was stopped. Frames stored before it are kept.`;
}
