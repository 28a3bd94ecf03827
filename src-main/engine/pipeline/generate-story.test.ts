// The story sampler on the tiny fixture models, real ONNX sessions on CPU: determinism, what each method setting
// changes, the cost structure (from the sessions' own counts), caching, progress and cancellation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtureModels, writeFixtureVariant } from '../../../scripts/fixtures/ensure.ts';
import { applySettingsPatch, DEFAULT_SETTINGS, type IpcaMode, type SettingsPatch } from '../../../src-shared/domain/index.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { loadModel, ModelFolderError, type LoadedModel } from '../models/index.ts';
import { generateStory, TextEncodingCache, type FrameImage, type StoryHooks, type StoryProgress, type StoryRequest, type StoryResult } from './index.ts';

const IDENTITY = 'a watercolor illustration of a small kitten with a red scarf';
const FRAMES = ['chasing a butterfly in a garden', 'sleeping on a boat', 'reading a book by the fire', 'building a sandcastle at the beach'];
const STEPS = 2;

function same(a: FrameImage[], b: FrameImage[]): boolean {
  return a.length === b.length && a.every((frame, i) => Buffer.compare(frame.png, b[i].png) === 0);
}

describeWithShared('generateStory', () => {
  describe.each(['sd15', 'sdxl'] as const)('on the %s fixture', (family) => {
    let model: LoadedModel;
    const request = (patch: SettingsPatch = {}, extra: Partial<StoryRequest> = {}): StoryRequest => ({
      modelDir: model.info.dir,
      identityPrompt: IDENTITY,
      framePrompts: FRAMES,
      negativePrompt: '',
      settings: applySettingsPatch(DEFAULT_SETTINGS, { steps: STEPS, ...patch }),
      ...extra,
    });
    const generate = (patch?: SettingsPatch, extra?: Partial<StoryRequest>, hooks?: StoryHooks): Promise<StoryResult> =>
      generateStory(model, request(patch, extra), hooks);
    // the fixtures' own schedulers: SD 1.5's PNDM (PLMS) repeats its second timestep, SDXL's Euler does not
    const perFrame = (steps: number) => (family === 'sd15' ? steps + 1 : steps);

    beforeAll(async () => {
      model = await loadModel((await ensureFixtureModels())[family], { provider: 'cpu' });
    });
    afterAll(() => model.release());

    it('gives byte-identical PNGs for the same arguments, on a freshly loaded model too', async () => {
      const first = await generate();
      const again = await generate();
      const reloaded = await loadModel(model.info.dir, { provider: 'cpu' });
      try {
        const fresh = await generateStory(reloaded, request());
        expect(same(first.frames, again.frames)).toBe(true);
        expect(same(first.frames, fresh.frames)).toBe(true);
      } finally {
        await reloaded.release();
      }
      const { width, height } = model.info.defaults;
      for (const frame of first.frames) expect(await sharp(frame.png).metadata()).toMatchObject({ format: 'png', width, height, channels: 3 });
    });

    it('renders frames that differ from each other, the same as a frame rendered alone or in other batches', async () => {
      const story = await generate({ scheduler: 'euler-ancestral' }); // step noise too
      const pngs = new Set(story.frames.map((f) => Buffer.from(f.png).toString('base64')));
      expect(pngs.size).toBe(FRAMES.length);
      const alone = await generate({ scheduler: 'euler-ancestral' }, { frames: [2] });
      expect(same(alone.frames, [story.frames[2]])).toBe(true);
      const oneByOne = await generate({ scheduler: 'euler-ancestral' }, { batchSize: 1 });
      expect(same(oneByOne.frames, story.frames)).toBe(true);
    });

    it('changes the images with each reweighting mode and IPCA mode against off; paper and reference differ', async () => {
      const off = await generate({ reweight: { mode: 'off' }, ipca: 'off' });
      for (const mode of ['svr', 'svr-eot', 'naive'] as const) {
        expect(same((await generate({ reweight: { mode }, ipca: 'off' })).frames, off.frames), mode).toBe(false);
      }
      const paper = await generate({ reweight: { mode: 'off' }, ipca: 'paper' });
      const reference = await generate({ reweight: { mode: 'off' }, ipca: 'reference' });
      expect(same(paper.frames, off.frames)).toBe(false);
      expect(same(reference.frames, off.frames)).toBe(false);
      expect(same(paper.frames, reference.frames)).toBe(false);
    });

    it('draws the noise in the mode the settings name: each half mode gives other images, as reproducible', async () => {
      const single = await generate({}, { frames: [0] });
      const half = await generate({ noise: 'float16' }, { frames: [0] });
      const torch1 = await generate({ noise: 'float16-torch1' }, { frames: [0] });
      expect(half.settings.noise).toBe('float16');
      expect(same(half.frames, (await generate({ noise: 'float16' }, { frames: [0] })).frames)).toBe(true);
      expect(same(torch1.frames, (await generate({ noise: 'float16-torch1' }, { frames: [0] })).frames)).toBe(true);
      expect(same(half.frames, single.frames)).toBe(false);
      expect(same(torch1.frames, single.frames)).toBe(false);
      expect(same(torch1.frames, half.frames)).toBe(false);
    });

    it('starts every frame from the seed’s noise unless a frame overrides it', async () => {
      const story = await generate();
      const reseeded = await generate({}, { seedOverrides: [null, 7, null, null] });
      expect(reseeded.frames.map((f) => f.seed)).toEqual([42, 7, 42, 42]);
      expect(same([reseeded.frames[1]], [story.frames[1]])).toBe(false);
      expect(same([reseeded.frames[0], ...reseeded.frames.slice(2)], [story.frames[0], ...story.frames.slice(2)])).toBe(true);
    });

    describe('cost structure', () => {
      const encoders = family === 'sdxl' ? ['text_encoder', 'text_encoder_2'] : ['text_encoder'];
      const encoderRuns = (result: StoryResult) => encoders.map((e) => result.sessionRuns[e] ?? 0);
      // SD 1.5 encodes even an empty negative prompt; SDXL zeroes it (force_zeros_for_empty_prompt).
      const emptyNegativeRuns = family === 'sdxl' ? 0 : 1;

      it('runs the UNet frames × evaluations per frame per guidance branch, with no identity-only pass', async () => {
        for (const ipca of ['paper', 'reference', 'off'] as const) {
          const result = await generate({ ipca, steps: 3 });
          expect(result.evaluationsPerFrame, ipca).toBe(perFrame(3));
          expect(result.unetEvaluations, ipca).toEqual({ cond: 4 * perFrame(3), uncond: 4 * perFrame(3) });
          expect(result.sessionRuns.unet, ipca).toBe(2 * 4 * perFrame(3));
          expect(result.sessionRuns.vae_decoder, ipca).toBe(4);
        }
        const unguided = await generate({ guidance: 1 });
        expect(unguided.unetEvaluations).toEqual({ cond: 4 * perFrame(STEPS), uncond: 0 });
        expect(unguided.sessionRuns.unet).toBe(4 * perFrame(STEPS));
      });

      it('counts both model calls of a second-order step: Heun makes 2n − 1 per frame', async () => {
        const result = await generate({ scheduler: 'heun', guidance: 1, steps: 3 }, { frames: [0] });
        expect(result.resolved).toMatchObject({ steps: 3, scheduler: 'heun' });
        expect(result.evaluationsPerFrame).toBe(5);
        expect(result.unetEvaluations).toEqual({ cond: 5, uncond: 0 });
        expect(result.sessionRuns.unet).toBe(5);
      });

      it('runs each text encoder once per distinct prompt, + identity for reference, + a non-empty negative', async () => {
        expect(encoderRuns(await generate({ ipca: 'paper' }))).toEqual(encoders.map(() => 1 + emptyNegativeRuns));
        expect(encoderRuns(await generate({ ipca: 'off' }))).toEqual(encoders.map(() => 1 + emptyNegativeRuns));
        expect(encoderRuns(await generate({ ipca: 'reference' }))).toEqual(encoders.map(() => 2 + emptyNegativeRuns));
        expect(encoderRuns(await generate({}, { negativePrompt: 'blurry' }))).toEqual(encoders.map(() => 2));
        expect(encoderRuns(await generate({ guidance: 1 }, { negativePrompt: 'blurry' }))).toEqual(encoders.map(() => 1));
      });

      it('encodes one window per frame for a long story', async () => {
        const result = await generate({ windowLength: 2 });
        expect(result.prompts.map((p) => p.frames)).toEqual([[0, 1], [1, 2], [2, 3], [3, 0]]);
        expect(result.frames.map((f) => [f.promptIndex, f.partIndex])).toEqual([[0, 0], [1, 0], [2, 0], [3, 0]]);
        expect(result.warnings.join('\n')).toMatch(/more frames than one prompt takes: 4 frames, at most 2 per prompt/);
        expect(encoderRuns(result)).toEqual(encoders.map(() => 4 + emptyNegativeRuns));
        expect(result.unetEvaluations).toEqual({ cond: 4 * perFrame(STEPS), uncond: 4 * perFrame(STEPS) });
      });

      it('re-runs no text encoder when a kept cache already holds the prompts', async () => {
        const cache = new TextEncodingCache();
        const first = await generateStory(model, request({ ipca: 'reference' }, { negativePrompt: 'blurry' }), {}, cache);
        expect(encoderRuns(first)).toEqual(encoders.map(() => 3));
        const retuned = await generateStory(model, request({ ipca: 'reference', reweight: { alphaEnhance: 0.5 } }, { negativePrompt: 'blurry', frames: [1] }), {}, cache);
        expect(encoderRuns(retuned)).toEqual(encoders.map(() => 0));
        expect(retuned.unetEvaluations).toEqual({ cond: perFrame(STEPS), uncond: perFrame(STEPS) });
      });

      it('encodes texts that tokenize alike once: an empty last frame leaves the prompt as the identity prompt', async () => {
        // "identity frames… " and the identity prompt alone differ in a trailing space only.
        const oneFrame = await generateStory(model, { ...request({ ipca: 'reference', guidance: 1 }), framePrompts: [''] });
        expect(oneFrame.prompts.map((p) => p.text)).toEqual([`${IDENTITY} `]);
        expect(encoderRuns(oneFrame)).toEqual(encoders.map(() => 1));
      });
    });

    it('reports progress per model evaluation and batch with small previews, and frames as they finish', async () => {
      const progress: StoryProgress[] = [];
      const delivered: number[] = [];
      const result = await generate({}, { batchSize: 3 }, { onProgress: (p) => progress.push(p), onFrame: (f) => delivered.push(f.frameIndex) });
      // PNDM's repeated first step: its second call still belongs to step 0
      const steps = family === 'sd15' ? [0, 0, 1] : [0, 1];
      const calls = steps.length;
      expect(progress.map((p) => [p.frames, p.step, p.evaluation])).toEqual([
        ...steps.map((step, evaluation) => [[0, 1, 2], step, evaluation]),
        ...steps.map((step, evaluation) => [[3], step, evaluation]),
      ]);
      expect(progress.every((p) => p.totalSteps === STEPS && p.totalEvaluations === calls)).toBe(true);
      expect(progress.map((p) => p.fraction)).toEqual([
        ...steps.map((_, e) => (3 * (e + 1)) / (4 * calls)),
        ...steps.map((_, e) => (3 * calls + e + 1) / (4 * calls)),
      ]);
      const preview = await sharp(progress[0].previews?.[0]).metadata();
      expect(preview).toMatchObject({ format: 'png', width: model.info.defaults.width / 8, height: model.info.defaults.height / 8 });
      expect(delivered).toEqual([0, 1, 2, 3]);
      expect(result.frames.map((f) => f.frameIndex)).toEqual([0, 1, 2, 3]);
    });

    it('stops between steps when cancelled, delivering only finished frames', async () => {
      // Cancelled during the first UNet call of the second batch (frames 3 and 4): that step finishes, no other runs.
      const controller = new AbortController();
      const calls = perFrame(STEPS);
      let unetCalls = 0;
      const cancelling: LoadedModel = {
        ...model,
        unet: {
          predict: (input) => {
            if (++unetCalls === calls + 1) controller.abort();
            return model.unet.predict(input);
          },
        },
      };
      const before = model.stats().runs.unet;
      const delivered: number[] = [];
      const run = generateStory(cancelling, request({}, { batchSize: 2 }), { signal: controller.signal, onFrame: (f) => delivered.push(f.frameIndex) });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(delivered).toEqual([0, 1]);
      expect(unetCalls).toBe(calls + 1);
      expect(model.stats().runs.unet - before).toBe(2 * 2 * (calls + 1)); // 2 frames × 2 branches per call

      const already = new AbortController();
      already.abort();
      await expect(generate({}, {}, { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('says which frame is too long, and rejects frames not in the story', async () => {
      const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
      await expect(generateStory(model, { ...request(), framePrompts: ['fine', long] })).rejects.toThrow(/Frame 2's prompt is too long/);
      await expect(generate({}, { frames: [4] })).rejects.toThrow(/Frame 5 is not in this story/);
    });
  });

  it('a UNet with a fixed 77-token context renders with IPCA off, says so, and gives the dynamic-context model its frames', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestory-fixed-context-'));
    // Same weights as the sd15 fixture; only encoder_hidden_states' sequence axis is fixed at 77.
    await writeFixtureVariant(dir, 'sd15', { unetContextTokens: 77 });
    const [fixed, dynamic] = [await loadModel(dir, { provider: 'cpu' }), await loadModel((await ensureFixtureModels()).sd15, { provider: 'cpu' })];
    try {
      // 12 frames make windows (10 frames each): every prompt stays within 77 tokens.
      const frames = Array.from({ length: 12 }, (_, i) => FRAMES[i % FRAMES.length]);
      const story = (model: LoadedModel, ipca: IpcaMode): StoryRequest => ({
        modelDir: model.info.dir, identityPrompt: IDENTITY, framePrompts: frames, negativePrompt: '', frames: [0, 11],
        settings: applySettingsPatch(DEFAULT_SETTINGS, { steps: STEPS, ipca }),
      });
      const reference = await generateStory(dynamic, story(dynamic, 'off'));
      expect(reference.prompts.length).toBeGreaterThan(1);
      const warning =
        'IPCA is unavailable for this model; running with IPCA off. The UNet was exported with a fixed 77-token context (encoder_hidden_states), ' +
        'and IPCA needs a longer one. Re-export the UNet with a dynamic sequence axis (as optimum does) to use IPCA.';
      for (const ipca of ['paper', 'reference'] as const) {
        const result = await generateStory(fixed, story(fixed, ipca));
        expect(result.settings.ipca).toBe(ipca); // as asked
        expect(result.resolved.ipca).toBe('off'); // as it ran
        expect(result.warnings).toContain(warning);
        expect(same(result.frames, reference.frames)).toBe(true);
      }
      const off = await generateStory(fixed, story(fixed, 'off'));
      expect(off.warnings).not.toContain(warning);
      expect(same(off.frames, reference.frames)).toBe(true);
    } finally {
      await Promise.all([fixed.release(), dynamic.release()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to turn a float16 overflow into an image: a VAE decoder that yields infinities is named, with what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestory-overflow-'));
    try {
      // A decoder whose output gain overflows float16, as SDXL's original VAE does at full size.
      await writeFixtureVariant(dir, 'sd15', { precision: 'float16', vaeOutputGain: 1e6 });
      const overflowing = await loadModel(dir, { provider: 'cpu' });
      try {
        const story = { modelDir: dir, identityPrompt: IDENTITY, framePrompts: FRAMES.slice(0, 1), negativePrompt: '', settings: applySettingsPatch(DEFAULT_SETTINGS, { steps: 1 }) };
        const error = await generateStory(overflowing, story).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ModelFolderError);
        expect((error as Error).message).toMatch(/vae_decoder\/model\.onnx: the VAE decoder produced NaN or infinite values .*fp16-fix/);
      } finally {
        await overflowing.release();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
