// One story (or some of its frames) from a loaded model: prepare what the story shares (story-setup.ts), then per
// batch of frames build each frame's reweighted IPCA context, sample from the frames' starting noise, decode, and
// encode PNGs off the sampling path, reporting progress and frames in order as they come.
import type { LoadedModel, SessionStats } from '../models/model-types.ts';
import { FrameNoise, denoise } from '../sampler/index.ts';
import { batchBranches } from './batch-branches.ts';
import { defaultBatchSize, framesPerBatch, inBatches } from './frame-selection.ts';
import { InOrder } from './in-order.ts';
import { assertFiniteImage, assertFiniteLatents } from './finite-values.ts';
import { latentPreviews } from './latent-preview.ts';
import { encodeRgbPng, vaeImageToRgb } from './png.ts';
import { prepareStory, type StorySetup } from './story-setup.ts';
import type { FrameImage, StoryHooks, StoryRequest, StoryResult } from './story-types.ts';
import { TextEncodingCache } from './text-encodings.ts';
import { LATENT_CHANNELS, toVaeLatents } from './vae-latents.ts';

/**
 * Renders `request`. Pass the same `cache` for every call on one loaded model so that retuning or regenerating
 * never re-runs a text encoder.
 */
export async function generateStory(
  model: LoadedModel,
  request: StoryRequest,
  hooks: StoryHooks = {},
  cache: TextEncodingCache = new TextEncodingCache(),
): Promise<StoryResult> {
  const started = performance.now();
  const statsBefore = model.stats();
  model.calls(); // only this story's calls are its record
  hooks.signal?.throwIfAborted();
  const setup = await prepareStory(model, request, cache);
  const { generation, plan, frames, geometry } = setup;
  const { info } = model;
  const { settings } = request;
  const { steps } = generation.resolved;
  const conditioningSettings = { reweight: settings.reweight, ipca: generation.resolved.ipca };
  const { evaluationsPerFrame: evaluations } = generation;

  const events = new InOrder();
  const rendered: FrameImage[] = [];
  const unetEvaluations = { cond: 0, uncond: 0 };
  let conditioningMs = 0;
  let samplingMs = 0;
  let framesDone = 0;
  try {
    const batchSize = request.batchSize ?? (await plannedBatchSize(model, setup, conditioningSettings));
    for (const batch of inBatches(frames, batchSize)) {
      hooks.signal?.throwIfAborted();
      const conditioningStart = performance.now();
      const contexts = batch.map((frame) => setup.conditioning.prepareFrame(frame, conditioningSettings));
      conditioningMs += performance.now() - conditioningStart;

      const noise = new FrameNoise(batch.map((frame) => setup.seeds[frame]), settings.noise);
      const scheduler = generation.newScheduler();
      const { onProgress } = hooks;
      const samplingStart = performance.now();
      const sampled = await denoise({
        unet: model.unet,
        scheduler,
        latents: noise.initialLatents([LATENT_CHANNELS, geometry.latentHeight, geometry.latentWidth], scheduler.initNoiseSigma),
        batch: batch.length,
        latentHeight: geometry.latentHeight,
        latentWidth: geometry.latentWidth,
        timeIds: geometry.timeIds,
        ...batchBranches(setup, batch, contexts),
        guidance: generation.resolved.guidance,
        noise,
        signal: hooks.signal,
        onStep:
          onProgress &&
          ((evaluation, denoised) => {
            const fraction = (framesDone * evaluations + batch.length * (evaluation + 1)) / (frames.length * evaluations);
            // exact for the two-call steps of Heun and KDPM2 and PNDM's repeated first step
            const step = Math.floor((evaluation * steps) / evaluations);
            events.queue(latentPreviews(denoised, geometry.latentHeight, geometry.latentWidth, info), (previews) =>
              onProgress({ frames: batch, step, totalSteps: steps, evaluation, totalEvaluations: evaluations, fraction, previews }),
            );
          }),
      });
      samplingMs += performance.now() - samplingStart;
      assertFiniteLatents(sampled.latents, info.dir);
      unetEvaluations.cond += sampled.evaluations.cond;
      unetEvaluations.uncond += sampled.evaluations.uncond;

      await decodeBatch(model, setup, batch, sampled.latents, hooks.signal, (frame, png) =>
        events.queue(png, (bytes) => {
          const image = { ...frame, png: bytes };
          rendered.push(image);
          hooks.onFrame?.(image);
        }),
      );
      framesDone += batch.length;
    }
    await events.drain();
  } catch (error) {
    await events.drain().catch(() => {}); // deliver what finished; the first error is the one to report
    throw error;
  }

  const session = statsSince(statsBefore, model.stats());
  const componentCalls = model.calls();
  const calls = Object.values(componentCalls).flat();
  const cpuReasons = [...new Set(calls.flatMap((c) => (c.cpuReason ? [c.cpuReason] : [])))];
  return {
    modelId: info.id,
    modelFamily: info.family,
    provider: componentCalls.unet?.length && componentCalls.unet.every((c) => c.provider === 'cpu') ? 'cpu' : model.provider,
    device: model.device,
    componentCalls,
    resolved: generation.resolved,
    evaluationsPerFrame: evaluations,
    settings,
    planHash: plan.hash,
    prompts: plan.prompts.map((p) => ({ text: p.text, frames: p.frames })),
    warnings: [...model.device.warnings, ...generation.warnings, ...plan.warnings, ...setup.story.warnings, ...cpuReasons],
    frames: rendered,
    timings: {
      totalMs: performance.now() - started,
      sessionMs: Object.values(session.sessionMs).reduce((sum, ms) => sum + ms, 0),
      sessionMsByComponent: session.sessionMs,
      conditioningMsPerFrame: conditioningMs / frames.length,
      samplingMs,
    },
    unetEvaluations,
    sessionRuns: session.runs,
  };
}

/** Each frame through the VAE alone (bounded memory); its PNG is handed over still encoding. */
async function decodeBatch(
  model: LoadedModel,
  setup: StorySetup,
  batch: readonly number[],
  latents: Float32Array,
  signal: AbortSignal | undefined,
  decoded: (frame: Omit<FrameImage, 'png'>, png: Promise<Uint8Array>) => void,
): Promise<void> {
  const { width, height, latentHeight, latentWidth, frameValues } = setup.geometry;
  const vaeLatents = toVaeLatents(latents, latentHeight * latentWidth, model.info);
  for (const [i, frameIndex] of batch.entries()) {
    signal?.throwIfAborted();
    const image = await model.vaeDecoder.decode(vaeLatents.slice(i * frameValues, (i + 1) * frameValues), 1, latentHeight, latentWidth);
    assertFiniteImage(image, model.info.dir);
    const placement = setup.plan.placements[frameIndex];
    decoded(
      {
        frameIndex,
        seed: setup.seeds[frameIndex],
        width,
        height,
        promptIndex: placement.prompt,
        storyPrompt: setup.plan.prompts[placement.prompt].text,
        partIndex: placement.part,
        windowFrames: setup.plan.prompts[placement.prompt].frames,
      },
      encodeRgbPng(vaeImageToRgb(image, width, height), width, height),
    );
  }
}

function statsSince(before: SessionStats, after: SessionStats): SessionStats {
  const since = (now: Record<string, number>, then: Record<string, number>) =>
    Object.fromEntries(Object.entries(now).map(([component, value]) => [component, value - (then[component] ?? 0)]));
  return { runs: since(after.runs, before.runs), sessionMs: since(after.sessionMs, before.sessionMs) };
}

/**
 * Frames per batch when the request names none: as many as the image size allows, and no more than one UNet run may
 * carry on this adapter (its largest tensor, in the graph the sessions load, within the buffer limit).
 */
async function plannedBatchSize(model: LoadedModel, setup: StorySetup, settings: Parameters<StorySetup['conditioning']['prepareFrame']>[1]): Promise<number> {
  const { frames, geometry } = setup;
  const { latentHeight, latentWidth } = geometry;
  const byImageSize = Math.min(frames.length, defaultBatchSize(latentHeight, latentWidth));
  if (!model.unet.itemsPerRun || byImageSize === 1) return byImageSize;
  const { cond, uncond } = setup.conditioning.prepareFrame(frames[0], settings);
  // guidance's two branches share one run when their contexts are as long (see planUnetCalls)
  const itemsPerFrame = uncond && uncond.tokens === cond.tokens ? 2 : 1;
  const itemsPerRun = await model.unet.itemsPerRun({ batch: byImageSize * itemsPerFrame, latentHeight, latentWidth, contextTokens: cond.tokens });
  return framesPerBatch(byImageSize, itemsPerRun, itemsPerFrame);
}
