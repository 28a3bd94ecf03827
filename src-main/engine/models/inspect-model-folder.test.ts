// Family, defaults and the numbers the sampler needs, read from the folders' configs (no sessions).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyDefaults, recognizeFamily } from './family.ts';
import { inspectModelFolder } from './inspect-model-folder.ts';
import { copyFolder, editJson, makeTempRoot, writeFixture } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('inspect-model-folder-');
afterAll(cleanup);
let sd15: string;
let sdxl: string;
let copies = 0;

beforeAll(async () => {
  sd15 = await writeFixture(join(root, 'sd15'), 'sd15');
  sdxl = await writeFixture(join(root, 'sdxl'), 'sdxl');
});

/** A copy of `base` (named `name`) with its JSON files edited. */
function variant(base: string, edits: Record<string, Record<string, unknown>>, name = `variant-${++copies}`): string {
  const dir = copyFolder(base, join(root, name));
  for (const [file, changes] of Object.entries(edits)) {
    editJson(join(dir, file), (json) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete json[key];
        else json[key] = value;
      }
    });
  }
  return dir;
}

const SCHEDULER = 'scheduler/scheduler_config.json';
const UNET = 'unet/config.json';
const VAE = 'vae_decoder/config.json';

describe('inspectModelFolder', () => {
  it('reads the SD-1.5-shaped fixture', async () => {
    const info = await inspectModelFolder(sd15);
    expect(info).toMatchObject({
      dir: sd15,
      id: 'sd15',
      family: 'sd1',
      defaults: { width: 64, height: 64, steps: 50, guidance: 7.5 }, // sample_size 8 × VAE scale 8
      vaeScalingFactor: 0.18215,
      latentsMean: null,
      latentsStd: null,
      forceZerosForEmptyPrompt: false,
      encoderWidths: [32],
      contextDim: 32,
      usesAddedConditions: false,
      contextTokens: null, // optimum's dynamic sequence axis: IPCA available
      ipcaUnavailableReason: null,
    });
    expect(info.schedulerConfig._class_name).toBe('PNDMScheduler');
  });

  it('reads the SDXL-shaped fixture', async () => {
    expect(await inspectModelFolder(sdxl)).toMatchObject({
      family: 'sdxl',
      defaults: { width: 128, height: 128, steps: 50, guidance: 5 },
      vaeScalingFactor: 0.13025,
      forceZerosForEmptyPrompt: true,
      encoderWidths: [32, 48],
      contextDim: 80,
      usesAddedConditions: true,
    });
  });

  it('SD 2.x: v-prediction, 768 px from sample_size 96', async () => {
    const dir = variant(sd15, { [SCHEDULER]: { prediction_type: 'v_prediction' }, [UNET]: { sample_size: 96 } });
    expect(await inspectModelFolder(dir)).toMatchObject({ family: 'sd2', defaults: { width: 768, height: 768, steps: 50, guidance: 7.5 } });
  });

  it("SDXL-Turbo: Euler ancestral with trailing spacing (its own scheduler config), 512 px, one step (its model card), no guidance", async () => {
    const dir = variant(sdxl, {
      [SCHEDULER]: { _class_name: 'EulerAncestralDiscreteScheduler', timestep_spacing: 'trailing' },
      [UNET]: { sample_size: 64 },
      'model_index.json': { force_zeros_for_empty_prompt: false },
    });
    expect(await inspectModelFolder(dir)).toMatchObject({
      family: 'sdxl-turbo',
      defaults: { width: 512, height: 512, steps: 1, guidance: 0 },
      forceZerosForEmptyPrompt: false,
    });
  });

  it('SDXL-Turbo known by its name when the scheduler says nothing', async () => {
    const dir = variant(sdxl, {}, 'sdxl-turbo-onnx');
    expect((await inspectModelFolder(dir)).family).toBe('sdxl-turbo');
    const byPath = variant(sdxl, { 'model_index.json': { _name_or_path: 'stabilityai/sdxl-turbo' } });
    expect((await inspectModelFolder(byPath)).family).toBe('sdxl-turbo');
  });

  it('LCM: the LCM scheduler marks a distilled model, SDXL or not', async () => {
    const lcm = { [SCHEDULER]: { _class_name: 'LCMScheduler', original_inference_steps: 50 } };
    expect(await inspectModelFolder(variant(sdxl, lcm))).toMatchObject({ family: 'sdxl-turbo', defaults: { steps: 4, guidance: 0 } });
    expect(await inspectModelFolder(variant(sd15, lcm))).toMatchObject({ family: 'sd1', defaults: { steps: 4, guidance: 0 } });
  });

  it('Playground v2.5: EDM scheduler, latent statistics and scaling from the VAE config, guidance 3', async () => {
    const mean = [-1.6574, 1.886, -1.383, 2.5155];
    const std = [8.4927, 5.9022, 6.5498, 5.2299];
    const dir = variant(sdxl, {
      [SCHEDULER]: { _class_name: 'EDMDPMSolverMultistepScheduler', sigma_min: 0.002, sigma_max: 80, sigma_data: 0.5, rho: 7, beta_schedule: undefined },
      [VAE]: { latents_mean: mean, latents_std: std, scaling_factor: 0.5 },
    });
    expect(await inspectModelFolder(dir)).toMatchObject({
      family: 'playground-v2.5',
      defaults: { width: 128, height: 128, steps: 50, guidance: 3 },
      vaeScalingFactor: 0.5,
      latentsMean: mean,
      latentsStd: std,
      forceZerosForEmptyPrompt: true,
    });
  });

  it('a UNet exported with a fixed 77-token context: usable, IPCA unavailable with the reason and the remedy', async () => {
    const dir = await writeFixture(join(root, 'sd15-fixed-context'), 'sd15', { unetContextTokens: 77 });
    expect(await inspectModelFolder(dir)).toMatchObject({
      family: 'sd1',
      contextTokens: 77,
      ipcaUnavailableReason:
        'The UNet was exported with a fixed 77-token context (encoder_hidden_states), and IPCA needs a longer one. ' +
        'Re-export the UNet with a dynamic sequence axis (as optimum does) to use IPCA.',
    });
  });

  it("falls back to the family's size when the UNet config gives no sample_size", async () => {
    const dir = variant(sdxl, { [UNET]: { sample_size: undefined } });
    expect((await inspectModelFolder(dir)).defaults).toMatchObject({ width: 1024, height: 1024 });
  });
});

describe('recognizeFamily', () => {
  const evidence = { names: [], twoEncoders: false, contextDim: 768, scheduler: { _class_name: 'PNDMScheduler', prediction_type: 'epsilon' }, vaeConfig: {} };

  it("tells SD 1.x from 2.x by the text encoder's width (CLIP ViT-L 768, OpenCLIP ViT-H 1024)", () => {
    expect(recognizeFamily(evidence).family).toBe('sd1');
    expect(recognizeFamily({ ...evidence, contextDim: 1024 }).family).toBe('sd2'); // SD 2 base: epsilon, 512 px
  });

  it('SD-Turbo (distilled SD 2.1) stays sd2, marked distilled', () => {
    const sdTurbo = { ...evidence, contextDim: 1024, names: ['sd-turbo'], scheduler: { _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' } };
    expect(recognizeFamily(sdTurbo)).toEqual({ family: 'sd2', distilled: true });
    expect(familyDefaults(recognizeFamily(sdTurbo), 512)).toEqual({ width: 512, height: 512, steps: 1, guidance: 0 });
  });

  it('an SDXL-shaped model with latents_mean in its VAE config is Playground v2.5', () => {
    expect(recognizeFamily({ ...evidence, twoEncoders: true, vaeConfig: { latents_mean: [0, 0, 0, 0] } }).family).toBe('playground-v2.5');
  });
});
