// Numbers in a model's configs out of any real model's range are refused on inspection, naming the file, the key
// and the value: none sizes an image, an array or a message.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectModelFolder } from './inspect-model-folder.ts';
import { copyFolder, editJson, expectFolderError, makeTempRoot, writeFixture } from './test-folders.ts';

const { root, cleanup } = makeTempRoot('config-bounds-');
afterAll(cleanup);
let sd15: string;
let caseCount = 0;

beforeAll(async () => {
  sd15 = await writeFixture(join(root, 'base-sd15'), 'sd15');
});

const UNET = 'unet/config.json';
const VAE = 'vae_decoder/config.json';
const SCHEDULER = 'scheduler/scheduler_config.json';
const TEXT_ENCODER = 'text_encoder/config.json';

describe('model config bounds', () => {
  it.each([
    [UNET, { sample_size: 1e6 }, /"sample_size" is 1000000: too big: expected number to be <=4096/],
    [UNET, { sample_size: 4096 }, /"sample_size" 4096 × the VAE's scale 8 makes 32768 px images, which Onestory cannot make/],
    [UNET, { sample_size: 4 }, /makes 32 px images/],
    [UNET, { block_out_channels: Array(60).fill(320) }, /"block_out_channels" is a list of 60 values: too big: expected array to have <=8 items/],
    [UNET, { layers_per_block: 1.5 }, /"layers_per_block" is 1\.5/],
    [UNET, { cross_attention_dim: -768 }, /"cross_attention_dim" is -768/],
    [UNET, { attention_head_dim: [8, 1e9] }, /"attention_head_dim.1" is 1000000000: too big/],
    [VAE, { block_out_channels: Array(60).fill(128) }, /"block_out_channels" is a list of 60 values/],
    [VAE, { block_out_channels: [128, 256, 1e7, 512] }, /"block_out_channels.2" is 10000000: too big/],
    [VAE, { scaling_factor: 0 }, /"scaling_factor" is 0: too small/],
    [VAE, { scaling_factor: '0.18215' }, /"scaling_factor" is "0\.18215": invalid input: expected number/],
    [VAE, { latents_mean: [0, 0, 0] }, /"latents_mean" is \[0,0,0\]/],
    [VAE, { latents_std: [1, 1, 0, 1] }, /"latents_std.2" is 0/],
    [TEXT_ENCODER, { vocab_size: 1e12 }, /"vocab_size" is 1000000000000: too big/],
    [TEXT_ENCODER, { max_position_embeddings: 1e9 }, /"max_position_embeddings" is 1000000000/],
    [SCHEDULER, { num_train_timesteps: 1e9 }, /"num_train_timesteps" is 1000000000: too big/],
    [SCHEDULER, { beta_end: 2 }, /"beta_end" is 2/],
    [SCHEDULER, { trained_betas: [0.001, 0.002, 0.003] }, /the scheduler cannot be set up from it \(.*trained_betas.*num_train_timesteps/],
  ])('%s with %o', async (file, changes, message) => {
    const dir = copyFolder(sd15, join(root, `case-${++caseCount}`));
    editJson(join(dir, file), (json) => Object.assign(json, changes));
    const started = performance.now();
    await expectFolderError(inspectModelFolder(dir), join(dir, file), message);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('null stands for "not set", as diffusers writes it', async () => {
    const dir = copyFolder(sd15, join(root, 'nulls'));
    editJson(join(dir, UNET), (json) => Object.assign(json, { sample_size: null, cross_attention_dim: null }));
    expect((await inspectModelFolder(dir)).defaults).toMatchObject({ width: 512, height: 512 });
  });
});
