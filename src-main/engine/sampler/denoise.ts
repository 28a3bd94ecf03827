// The sampling loop for one batch of frames: per timestep, scale the latents, run the UNet over every guidance
// branch, combine the branches (classifier-free guidance) and let the scheduler step. Cancellation is checked
// before every step, so an aborted run stops between UNet calls and returns nothing.
import type { UnetComponent } from '../models/model-types.ts';
import type { NoiseSource, Scheduler } from '../schedulers/index.ts';
import { applyGuidance } from './guidance.ts';
import { planUnetCalls, type BatchShape, type GuidanceBranch } from './unet-calls.ts';

export interface DenoiseRequest extends BatchShape {
  unet: UnetComponent;
  /** A fresh scheduler with `setTimesteps` done. */
  scheduler: Scheduler;
  /** [batch, 4, latentHeight, latentWidth] starting latents */
  latents: Float32Array;
  cond: GuidanceBranch;
  /** The negative prompt's branch; absent when guidance is off. */
  uncond?: GuidanceBranch;
  guidance: number;
  /** Step noise for stochastic schedulers. */
  noise: NoiseSource;
  signal?: AbortSignal;
  /** After each scheduler step (one per timestep, i.e. per model evaluation), with its estimate of the clean latents (for previews). */
  onStep?(step: number, denoised: Float32Array): void;
}

export interface DenoiseResult {
  latents: Float32Array;
  /** UNet items evaluated per guidance branch: the frames of every call that carried the branch */
  evaluations: { cond: number; uncond: number };
}

export async function denoise(request: DenoiseRequest): Promise<DenoiseResult> {
  const { unet, scheduler, cond, uncond, signal } = request;
  const calls = planUnetCalls(uncond ? [uncond, cond] : [cond], request);
  const frameValues = request.latents.length;
  let latents = request.latents;
  const branchNames = uncond ? (['uncond', 'cond'] as const) : (['cond'] as const);
  const evaluations = { cond: 0, uncond: 0 };

  for (const [step, t] of scheduler.timesteps.entries()) {
    signal?.throwIfAborted();
    const modelInput = scheduler.scaleModelInput(latents, t);
    const predictions: Float32Array[] = []; // one per branch: [uncond,] cond
    for (const call of calls) {
      const sample = call.sampleBuffer ? fillCopies(call.sampleBuffer, modelInput) : modelInput;
      const output = await unet.predict({ ...call.input, sample, timestep: t });
      for (let b = 0; b < call.branches; b++) {
        evaluations[branchNames[predictions.length]] += request.batch;
        predictions.push(output.subarray(b * frameValues, (b + 1) * frameValues));
      }
    }
    // A fresh array each step: multistep schedulers (PNDM, LMS) keep model outputs in their history.
    const noisePred = uncond ? applyGuidance(new Float32Array(frameValues), predictions[0], predictions[1], request.guidance) : predictions[0];
    const { prevSample, denoised } = scheduler.step(noisePred, t, latents, request.noise);
    latents = prevSample;
    request.onStep?.(step, denoised);
  }
  signal?.throwIfAborted();
  return { latents, evaluations };
}

function fillCopies(buffer: Float32Array, values: Float32Array): Float32Array {
  for (let offset = 0; offset < buffer.length; offset += values.length) buffer.set(values, offset);
  return buffer;
}
