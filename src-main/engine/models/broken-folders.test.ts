// Every way a folder can be incomplete or inconsistent fails with one ModelFolderError that names the file.
import { rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from './inspect-model-folder.ts';
import { loadModel } from './load-model.ts';
import { copyFolder, editJson, expectFolderError, makeTempRoot, writeFixture, writeSignatureGraph } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('broken-folders-');
afterAll(cleanup);
let sd15: string;
let sdxl: string;
let caseCount = 0;

beforeAll(async () => {
  sd15 = await writeFixture(join(root, 'base-sd15'), 'sd15');
  sdxl = await writeFixture(join(root, 'base-sdxl'), 'sdxl');
});

/** A fresh copy of a base folder to break. */
function brokenCopy(base: () => string): string {
  return copyFolder(base(), join(root, `case-${++caseCount}`));
}

const PLAYGROUND_SCHEDULER = {
  _class_name: 'EDMDPMSolverMultistepScheduler', algorithm_type: 'dpmsolver++', final_sigmas_type: 'zero', prediction_type: 'epsilon',
  rho: 7.0, sigma_data: 0.5, sigma_max: 80.0, sigma_min: 0.002, solver_order: 2, solver_type: 'midpoint',
};
const PLAYGROUND_VAE = { latents_mean: [-1.6574, 1.886, -1.383, 2.5155], latents_std: [8.4927, 5.9022, 6.5498, 5.2299], scaling_factor: 0.5 };

function makePlayground(dir: string, vae = true): string {
  editJson(join(dir, 'scheduler', 'scheduler_config.json'), (json) => {
    for (const key of Object.keys(json)) if (key !== '_diffusers_version') delete json[key];
    Object.assign(json, PLAYGROUND_SCHEDULER);
  });
  if (vae) editJson(join(dir, 'vae_decoder', 'config.json'), (json) => Object.assign(json, PLAYGROUND_VAE));
  return dir;
}

describe('broken model folders', () => {
  it('a folder that does not exist', async () => {
    const dir = join(root, 'nowhere');
    await expectFolderError(inspectModelFolder(dir), dir, /no such folder/);
  });

  it('no model_index.json', async () => {
    const dir = brokenCopy(() => sd15);
    rmSync(join(dir, 'model_index.json'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'model_index.json'), /missing.*optimum-cli export onnx/);
  });

  it('model_index.json that is not JSON', async () => {
    const dir = brokenCopy(() => sd15);
    writeFileSync(join(dir, 'model_index.json'), '{"_class_name": ');
    await expectFolderError(inspectModelFolder(dir), join(dir, 'model_index.json'), /not valid JSON/);
  });

  it('no scheduler config', async () => {
    const dir = brokenCopy(() => sd15);
    rmSync(join(dir, 'scheduler'), { recursive: true });
    await expectFolderError(inspectModelFolder(dir), join(dir, 'scheduler', 'scheduler_config.json'), /missing/);
  });

  it('no unet/model.onnx', async () => {
    const dir = brokenCopy(() => sd15);
    rmSync(join(dir, 'unet', 'model.onnx'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx'), /model file is missing/);
  });

  it('no unet/config.json', async () => {
    const dir = brokenCopy(() => sd15);
    rmSync(join(dir, 'unet', 'config.json'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'config.json'), /missing/);
  });

  it("SDXL without text_encoder_2/ that model_index.json lists", async () => {
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'text_encoder_2'), { recursive: true });
    await expectFolderError(inspectModelFolder(dir), join(dir, 'text_encoder_2', 'model.onnx'), /model file is missing/);
  });

  it("SDXL without text_encoder_2/, unlisted: the UNet's added conditions give it away", async () => {
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'text_encoder_2'), { recursive: true });
    editJson(join(dir, 'model_index.json'), (json) => delete json.text_encoder_2);
    await expectFolderError(inspectModelFolder(dir), join(dir, 'text_encoder_2'), /folder is missing.*SDXL/);
  });

  it('a missing tokenizer file', async () => {
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'tokenizer_2', 'merges.txt'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'tokenizer_2', 'merges.txt'), /tokenizer file is missing/);
  });

  it('a tokenizer file that cannot be used (found when loading)', async () => {
    const dir = brokenCopy(() => sd15);
    writeFileSync(join(dir, 'tokenizer', 'merges.txt'), '#version: 0.2\n');
    await inspectModelFolder(dir); // present, so inspection passes
    await expectFolderError(loadModel(dir, { provider: 'cpu', threads: 1 }), join(dir, 'tokenizer'), /tokenizer cannot be loaded.*no merges/);
  });

  it('a truncated model.onnx', async () => {
    const dir = brokenCopy(() => sd15);
    const path = join(dir, 'text_encoder', 'model.onnx');
    truncateSync(path, Math.floor(statSync(path).size / 2));
    await expectFolderError(inspectModelFolder(dir), path, /truncated/);
  });

  it.each([
    ['empty', '', /is empty/],
    ['a Git LFS pointer', 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 3438167534\n', /Git LFS pointer.*git lfs pull/],
    ['an error page', '<!DOCTYPE html><html><body>Not found</body></html>', /web page/],
    ['other bytes', '\x07\x07\x07\x07 not a model at all', /not an ONNX model/],
  ])('a model.onnx that is %s', async (_, content, message) => {
    const dir = brokenCopy(() => sd15);
    const path = join(dir, 'vae_decoder', 'model.onnx');
    writeFileSync(path, content, 'latin1');
    await expectFolderError(inspectModelFolder(dir), path, message);
  });

  it('a missing external weights file', async () => {
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'unet', 'model.onnx_data'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx_data'), /weights file is missing.*beside model\.onnx/);
  });

  it('a truncated external weights file', async () => {
    const dir = brokenCopy(() => sdxl);
    const path = join(dir, 'unet', 'model.onnx_data');
    truncateSync(path, statSync(path).size - 100);
    await expectFolderError(inspectModelFolder(dir), path, /weights file is truncated/);
  });

  it("a UNet whose context width is not the text encoders' widths summed", async () => {
    // text_encoder replaced by the 48-wide text_encoder_2: 48 + 48 ≠ 80
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'text_encoder'), { recursive: true });
    copyFolder(join(dir, 'text_encoder_2'), join(dir, 'text_encoder'));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx'), /takes 80 features but the text encoders give 48 \+ 48 = 96.*different models/);
  });

  it.each([64, 154])('a context axis fixed at %i tokens, not the 77 a prompt has', async (tokens) => {
    const dir = brokenCopy(() => sd15);
    writeSignatureGraph(
      join(dir, 'unet', 'model.onnx'),
      [['sample', 'float32', ['batch_size', 4, 'height', 'width']], ['timestep', 'float32', []], ['encoder_hidden_states', 'float32', ['batch_size', tokens, 32]]],
      [['out_sample', 'float32', ['batch_size', 4, 'height', 'width']]],
    );
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx'), new RegExp(`fixed length of ${tokens} tokens, but a prompt is 77 tokens.*dynamic sequence axis`));
  });

  it('a UNet input this app does not provide (an LCM guidance embedding)', async () => {
    const dir = brokenCopy(() => sd15);
    writeSignatureGraph(
      join(dir, 'unet', 'model.onnx'),
      [
        ['sample', 'float32', ['batch_size', 4, 'height', 'width']], ['timestep', 'float32', []],
        ['encoder_hidden_states', 'float32', ['batch_size', 'sequence_length', 32]], ['timestep_cond', 'float32', ['batch_size', 256]],
      ],
      [['out_sample', 'float32', ['batch_size', 4, 'height', 'width']]],
    );
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx'), /inputs this app does not provide: timestep_cond \(float32 \[batch_size, 256\]\)/);
  });

  it('an SDXL text encoder that exposes only last_hidden_state', async () => {
    const dir = await writeFixture(join(root, 'sdxl-no-hidden-states'), 'sdxl', { hiddenStates: false });
    await expectFolderError(inspectModelFolder(dir), join(dir, 'text_encoder', 'model.onnx'), /hidden layers.*penultimate/);
  });

  it('Playground v2.5 exported with an int64 timestep', async () => {
    const dir = makePlayground(await writeFixture(join(root, 'playground-int64'), 'sdxl', { timestep: { type: 'int64' } }));
    await expectFolderError(inspectModelFolder(dir), join(dir, 'unet', 'model.onnx'), /integer timestep.*fractional.*float/);
  });

  it('Playground v2.5 without its latent statistics', async () => {
    const dir = makePlayground(brokenCopy(() => sdxl), false);
    await expectFolderError(inspectModelFolder(dir), join(dir, 'vae_decoder', 'config.json'), /latents_mean and latents_std/);
  });

  it('a well-formed file ONNX Runtime refuses: its message, translated', async () => {
    const dir = brokenCopy(() => sd15);
    const path = join(dir, 'vae_decoder', 'model.onnx');
    const latents: [string, 'float32', (string | number)[]] = ['latent_sample', 'float32', ['batch_size', 4, 'h', 'w']];
    writeSignatureGraph(path, [latents], [['sample', 'float32', ['batch_size', 3, 'H', 'W']]], 'NoSuchOperator');
    await inspectModelFolder(dir); // the declared signature is fine
    await expectFolderError(loadModel(dir, { provider: 'cpu', threads: 1 }), path, /ONNX Runtime cannot load it \(.*NoSuchOperator/);
  });

  it('the first problem is the one reported, on loading too', async () => {
    const dir = brokenCopy(() => sdxl);
    rmSync(join(dir, 'unet', 'model.onnx_data'));
    await expectFolderError(loadModel(dir, { provider: 'cpu', threads: 1 }), join(dir, 'unet', 'model.onnx_data'), /weights file is missing/);
  });

  it('the intact bases pass', async () => {
    await expect(inspectModelFolder(sd15)).resolves.toMatchObject({ family: 'sd1' });
    await expect(inspectModelFolder(sdxl)).resolves.toMatchObject({ family: 'sdxl' });
  });
});
