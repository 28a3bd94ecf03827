// Frames per batch from the adapter's limit: the pure rule, and the UNet's real graph (the tiny fixture's shapes
// inferred at one and two items) cut to a limit that holds only so many items per run.
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ensureFixtureModels } from '../../../scripts/fixtures/ensure.ts';
import { CallPlanner } from '../gpu/call-planner.ts';
import type { GpuGuard } from '../gpu/gpu-guard.ts';
import { unetIo } from '../models/component-io.ts';
import { ComponentSession } from '../models/component-session.ts';
import { OnnxUnet } from '../models/unet.ts';
import { sessionSignature } from '../models/value-signature.ts';
import { framesPerBatch } from './frame-selection.ts';

describe('framesPerBatch', () => {
  it('keeps the image size’s default where nothing limits a run, and cuts it to whole frames that fit one run', () => {
    expect(framesPerBatch(8, null, 2)).toBe(8);
    expect(framesPerBatch(8, 16, 2)).toBe(8); // the adapter would take more: memory for latents and previews stays bounded
    expect(framesPerBatch(8, 7, 2)).toBe(3); // with guidance, three frames are six items
    expect(framesPerBatch(8, 7, 1)).toBe(7);
    expect(framesPerBatch(8, 1, 2)).toBe(1); // a run of one item splits a frame's branches: still one frame
  });
});

describe('UNet items per run on an adapter’s limit', () => {
  it('finds in the fixture UNet’s largest tensor how many items fit a limit, and none on the CPU', async () => {
    const path = join((await ensureFixtureModels()).sd15, 'unet', 'model.onnx');
    const session = await InferenceSession.create(path);
    try {
      const io = unetIo(sessionSignature(session), path, false);
      const shape = { batch: 8, latentHeight: 8, latentWidth: 8, contextTokens: 77 };
      const onCpu = new OnnxUnet(new ComponentSession('unet', path, session, 'cpu'), io, 32);
      expect(await onCpu.itemsPerRun(shape)).toBeNull();

      const limited = (limitBytes: number) => {
        const planner = new CallPlanner('unet', path, limitBytes, { split: true, check: async () => {} });
        const gpu = { guard: { refusal: null } as GpuGuard, planner, cpuSession: async () => session };
        return new OnnxUnet(new ComponentSession('unet', path, session, 'webgpu', gpu), io, 32);
      };
      const unlimited = limited(Number.MAX_SAFE_INTEGER);
      expect(await unlimited.itemsPerRun(shape)).toBe(8);
      // the largest tensor of one item, found by asking for a limit just above it
      const perItem = (await new CallPlanner('unet', path, Number.MAX_SAFE_INTEGER, { split: true, check: async () => {} }).plan(() => unetDims(io, 1), 1)).largest!.bytes;
      expect(await limited(perItem).itemsPerRun(shape)).toBe(1);
      const some = await limited(perItem * 3).itemsPerRun(shape);
      expect(some).toBeGreaterThanOrEqual(2);
      expect(some).toBeLessThan(8);
    } finally {
      await session.release();
    }
  });
});

/** The fixture UNet's inputs for `items` items at 8×8 latents and 77 tokens of width 32. */
function unetDims(io: ReturnType<typeof unetIo>, items: number): Record<string, number[]> {
  return { [io.sample.name]: [items, 4, 8, 8], [io.timestep.name]: io.timestep.shape.length === 0 ? [] : [1], [io.context.name]: [items, 77, 32] };
}
