// What the story sampler actually feeds the UNet, read off the real fixture UNet's inputs (a pass-through that
// records each call; the real sessions run): SDXL's pooled `text_embeds` and `time_ids` per frame and branch, and
// that guidance ≤ 1 runs the conditional branch alone and leaves the images untouched.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtureModels } from '../../../scripts/fixtures/ensure.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, type SettingsPatch } from '../../../src-shared/domain/index.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { loadModel, type LoadedModel, type UnetInput } from '../models/index.ts';
import { generateStory, type FrameImage, type StoryRequest, type StoryResult } from './index.ts';

const IDENTITY = 'a watercolor illustration of a small kitten with a red scarf';
const FRAMES = ['chasing a butterfly in a garden', 'sleeping on a boat', 'reading a book by the fire', 'building a sandcastle at the beach'];
const STEPS = 2;

type Branch = 'uncond' | 'cond';

/** One UNet item (one frame of one branch in one call), as the UNet received it. */
interface UnetItem {
  context: Float32Array;
  textEmbeds?: Float32Array;
  timeIds?: Float32Array;
  latentHeight: number;
  latentWidth: number;
}

/** The model with its UNet wrapped to record every call's items; the real UNet still computes every prediction. */
function recordingUnet(model: LoadedModel): { model: LoadedModel; calls: UnetInput[]; items(): UnetItem[] } {
  const calls: UnetInput[] = [];
  const recording: LoadedModel = {
    ...model,
    unet: {
      predict: (input) => {
        // Copied: the sampler may reuse its buffers between calls.
        calls.push({ ...input, sample: new Float32Array(0), context: input.context.slice(), textEmbeds: input.textEmbeds?.slice(), timeIds: input.timeIds?.slice() });
        return model.unet.predict(input);
      },
    },
  };
  const items = () =>
    calls.flatMap((call) =>
      Array.from({ length: call.batch }, (_, i) => ({
        context: perItem(call.context, call.batch, i),
        textEmbeds: call.textEmbeds && perItem(call.textEmbeds, call.batch, i),
        timeIds: call.timeIds && perItem(call.timeIds, call.batch, i),
        latentHeight: call.latentHeight,
        latentWidth: call.latentWidth,
      })),
    );
  return { model: recording, calls, items };
}

function perItem(values: Float32Array, items: number, i: number): Float32Array {
  const size = values.length / items;
  return values.subarray(i * size, (i + 1) * size);
}

/**
 * The UNet items in the order the sampler must send them: batch by batch, step by step, the batch's frames
 * unconditional first (diffusers' order), then conditional — however the branches are split into calls.
 */
function expectedItems(batches: readonly number[][], guided: boolean): { frame: number; branch: Branch }[] {
  const branches: Branch[] = guided ? ['uncond', 'cond'] : ['cond'];
  return batches.flatMap((batch) =>
    Array.from({ length: STEPS }, () => branches.flatMap((branch) => batch.map((frame) => ({ frame, branch })))).flat(),
  );
}

function bytes(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function sameBytes(a: Float32Array | undefined, b: Float32Array): boolean {
  return a !== undefined && bytes(a).equals(bytes(b));
}

function allZero(values: Float32Array | undefined): boolean {
  return values !== undefined && values.length > 0 && values.every((v) => v === 0);
}

function samePngs(a: FrameImage[], b: FrameImage[]): boolean {
  return a.length === b.length && a.every((frame, i) => Buffer.compare(frame.png, b[i].png) === 0);
}

function storyRequest(model: LoadedModel, patch: SettingsPatch, extra: Partial<StoryRequest> = {}): StoryRequest {
  return {
    modelDir: model.info.dir,
    identityPrompt: IDENTITY,
    framePrompts: FRAMES,
    negativePrompt: '',
    settings: applySettingsPatch(DEFAULT_SETTINGS, { steps: STEPS, ...patch }),
    ...extra,
  };
}

describeWithShared('the UNet inputs of a story', () => {
  describe('on the SDXL fixture', () => {
    let model: LoadedModel;

    beforeAll(async () => {
      model = await loadModel((await ensureFixtureModels()).sdxl, { provider: 'cpu' });
    });
    afterAll(() => model.release());

    /** `text`'s pooled embedding straight from text_encoder_2, bypassing the pipeline and its cache. */
    async function directPooled(text: string): Promise<Float32Array> {
      expect(model.textEncoders).toHaveLength(2);
      const [encoding] = await model.textEncoders[1].encode([model.tokenizers[1].encode(text).ids]);
      if (!encoding.pooled) throw new Error('text_encoder_2 gave no pooled embedding');
      return encoding.pooled;
    }

    /** Each frame's pooled embedding of its own plan prompt, straight from the encoder. */
    async function framePooled(result: StoryResult): Promise<Float32Array[]> {
      return Promise.all(result.frames.map((f) => directPooled(result.prompts[f.promptIndex].text)));
    }

    it('feeds each frame the consolidated prompt’s pooled embedding, unreweighted, and the negative prompt’s to the unconditional branch', async () => {
      const recorder = recordingUnet(model);
      // SVR reweighting and IPCA on (the defaults): they change the contexts, never the pooled embeddings.
      const result = await generateStory(recorder.model, storyRequest(model, { reweight: { mode: 'svr' }, ipca: 'paper' }, { negativePrompt: 'blurry', batchSize: 2 }));
      expect(result.prompts).toHaveLength(1);
      expect(result.frames.map((f) => f.promptIndex)).toEqual([0, 0, 0, 0]);
      const [story] = await framePooled(result);
      const negative = await directPooled('blurry');
      expect(sameBytes(negative, story)).toBe(false); // else the branches below could not be told apart

      const items = recorder.items();
      const expected = expectedItems([[0, 1], [2, 3]], true);
      expect(items).toHaveLength(expected.length);
      for (const [i, { frame, branch }] of expected.entries()) {
        expect(sameBytes(items[i].textEmbeds, branch === 'cond' ? story : negative), `item ${i}: frame ${frame} ${branch}`).toBe(true);
      }
    });

    it('feeds each frame of a long story its own window’s pooled embedding, also with naive reweighting and IPCA reference', async () => {
      const recorder = recordingUnet(model);
      // IPCA reference runs the branches as separate calls; the items keep the same order.
      const result = await generateStory(
        recorder.model,
        storyRequest(model, { windowLength: 2, reweight: { mode: 'naive' }, ipca: 'reference' }, { negativePrompt: 'blurry', batchSize: 3 }),
      );
      expect(result.frames.map((f) => f.promptIndex)).toEqual([0, 1, 2, 3]);
      const windows = await framePooled(result);
      expect(new Set(windows.map((w) => bytes(w).toString('base64'))).size).toBe(FRAMES.length);
      const negative = await directPooled('blurry');

      expect(recorder.calls.length).toBe(2 * 2 * STEPS); // two batches, two calls a step
      const items = recorder.items();
      const expected = expectedItems([[0, 1, 2], [3]], true);
      expect(items).toHaveLength(expected.length);
      for (const [i, { frame, branch }] of expected.entries()) {
        expect(sameBytes(items[i].textEmbeds, branch === 'cond' ? windows[frame] : negative), `item ${i}: frame ${frame} ${branch}`).toBe(true);
      }
    });

    it('gives the unconditional branch zero pooled embeddings and zero hidden states for an empty negative prompt (force_zeros_for_empty_prompt)', async () => {
      expect(model.info.forceZerosForEmptyPrompt).toBe(true);
      for (const ipca of ['paper', 'reference'] as const) {
        const recorder = recordingUnet(model);
        const result = await generateStory(recorder.model, storyRequest(model, { ipca }, { negativePrompt: '', batchSize: 2 }));
        const [story] = await framePooled(result);
        const items = recorder.items();
        const expected = expectedItems([[0, 1], [2, 3]], true);
        expect(items).toHaveLength(expected.length);
        for (const [i, { frame, branch }] of expected.entries()) {
          const item = items[i];
          const label = `${ipca}, item ${i}: frame ${frame} ${branch}`;
          if (branch === 'uncond') {
            expect(allZero(item.textEmbeds), label).toBe(true);
            expect(allZero(item.context), label).toBe(true);
          } else {
            expect(sameBytes(item.textEmbeds, story), label).toBe(true);
            expect(allZero(item.context), label).toBe(false);
          }
        }
      }
    });

    it.each([
      { width: 128, height: 64 },
      { width: 64, height: 128 },
    ])('gives every item time_ids [h, w, 0, 0, h, w] for a $width×$height story', async ({ width, height }) => {
      const recorder = recordingUnet(model);
      const result = await generateStory(recorder.model, storyRequest(model, { width, height }, { frames: [0, 1] }));
      const items = recorder.items();
      expect(items).toHaveLength(2 * 2 * STEPS); // two frames, two branches, every step
      for (const item of items) {
        expect([...(item.timeIds ?? [])]).toEqual([height, width, 0, 0, height, width]);
        expect([item.latentHeight, item.latentWidth]).toEqual([height / 8, width / 8]);
      }
      for (const frame of result.frames) {
        expect([frame.width, frame.height]).toEqual([width, height]);
        expect(await sharp(frame.png).metadata()).toMatchObject({ width, height });
      }
    });
  });

  describe.each(['sd15', 'sdxl'] as const)('guidance ≤ 1 on the %s fixture', (family) => {
    let model: LoadedModel;
    const generate = (target: LoadedModel, guidance: number): Promise<StoryResult> =>
      // A non-empty negative prompt: it must still not reach the UNet.
      generateStory(target, storyRequest(model, { guidance }, { negativePrompt: 'blurry', batchSize: 3 }));

    beforeAll(async () => {
      model = await loadModel((await ensureFixtureModels())[family], { provider: 'cpu' });
    });
    afterAll(() => model.release());

    it('runs the conditional branch alone (frames × evaluations UNet items) and renders exactly the guidance-1 images', async () => {
      const atOne = await generate(model, 1);
      // Guidance above 1 changes the images, so equal images below mean guidance was not applied at all.
      expect(samePngs((await generate(model, 5)).frames, atOne.frames)).toBe(false);

      for (const guidance of [0, 0.5, 1]) {
        const recorder = recordingUnet(model);
        const before = model.stats().runs.unet ?? 0;
        const result = await generate(recorder.model, guidance);
        // the fixture's own scheduler: SD 1.5's PNDM makes one call more than steps
        const calls = result.evaluationsPerFrame;
        expect(calls).toBe(family === 'sd15' ? STEPS + 1 : STEPS);
        expect(model.stats().runs.unet - before, `guidance ${guidance}`).toBe(FRAMES.length * calls);
        expect(result.unetEvaluations, `guidance ${guidance}`).toEqual({ cond: FRAMES.length * calls, uncond: 0 });
        // one branch per call: each batch (3 frames, then 1) once per evaluation
        expect(recorder.calls.map((c) => c.batch), `guidance ${guidance}`).toEqual([...Array(calls).fill(3), ...Array(calls).fill(1)]);
        expect(samePngs(result.frames, atOne.frames), `guidance ${guidance}`).toBe(true);
      }
    });
  });
});
