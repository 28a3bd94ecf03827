// `onestory generate` end to end on the fixture models: files, story.json's record and cost, errors.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureFixtureModels, writeFixtureVariant, type FixturePaths } from '../../../scripts/fixtures/ensure.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { runAndInterrupt } from './interrupt.testing.ts';
import { runCli } from './main.ts';
import { captureIO as capture } from './capture-io.testing.ts';

interface StoryJson {
  model: { id: string; family: string; provider: string };
  settings: { seed: number; ipca: string; noise: string; reweight: { mode: string; alphaEnhance: number } };
  resolved: { width: number; height: number; steps: number; guidance: number; scheduler: string; ipca: string };
  evaluationsPerFrame: number;
  prompts: { text: string; frames: number[] }[];
  frames: { file: string; prompt: string; seed: number; storyPrompt: string; partIndex: number }[];
  timings: { totalMs: number; sessionMs: number; conditioningMsPerFrame: number };
  unetEvaluations: { cond: number; uncond: number };
  sessionRuns: Record<string, number>;
}

describeWithShared('onestory generate', () => {
  let fixtures: FixturePaths;
  let out: string;
  beforeAll(async () => {
    fixtures = await ensureFixtureModels();
  });
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'onestory-generate-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  const story = ['--id', 'a watercolor kitten', '--frame', 'in a garden', '--frame', 'on a boat', '--frame', 'reading a book'];

  it('writes the frames, story.png and a story.json that records settings, prompts and cost', async () => {
    const io = capture();
    const args = ['generate', '--model', fixtures.sdxl, ...story, '--steps', '3', '--width', '64', '--height', '96', '--seed', '7', '--alpha', '0.2', '--provider', 'cpu'];
    expect(await runCli([...args, '--out', out], io), io.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['frame-01.png', 'frame-02.png', 'frame-03.png', 'story.json', 'story.png']);
    expect(io.stdout).toContain(`Wrote 3 frames, story.png and story.json to ${out}`);
    expect(io.stdout).toMatch(/ \(sdxl\) on cpu, 64×96, 3 steps of euler, /);
    expect(io.stderr).toContain('100% frames 1–3: step 3/3');

    expect(await sharp(join(out, 'frame-02.png')).metadata()).toMatchObject({ width: 64, height: 96 });
    expect(await sharp(join(out, 'story.png')).metadata()).toMatchObject({ width: 3 * 64, height: 96 });

    const record = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')) as StoryJson;
    expect(record.model).toMatchObject({ family: 'sdxl', provider: 'cpu' });
    expect(record.settings).toMatchObject({ seed: 7, ipca: 'paper', noise: 'float32', reweight: { mode: 'svr', alphaEnhance: 0.2 } });
    expect(record.resolved).toEqual({ width: 64, height: 96, steps: 3, guidance: 5, scheduler: 'euler', ipca: 'paper' });
    expect(record.evaluationsPerFrame).toBe(3);
    expect(record.prompts).toEqual([{ text: 'a watercolor kitten in a garden on a boat reading a book', frames: [0, 1, 2] }]);
    expect(record.frames.map((f) => [f.file, f.prompt, f.seed, f.partIndex])).toEqual([
      ['frame-01.png', 'in a garden', 7, 0],
      ['frame-02.png', 'on a boat', 7, 1],
      ['frame-03.png', 'reading a book', 7, 2],
    ]);
    // 3 frames × 3 steps per guidance branch; one prompt per encoder; SDXL's empty negative prompt is zeros.
    expect(record.unetEvaluations).toEqual({ cond: 9, uncond: 9 });
    expect(record.sessionRuns).toEqual({ text_encoder: 1, text_encoder_2: 1, unet: 18, vae_decoder: 3 });
    expect(record.timings.sessionMs).toBeGreaterThan(0);

    // the same arguments give the same files
    const again = mkdtempSync(join(tmpdir(), 'onestory-generate-'));
    try {
      expect(await runCli([...args, '--out', again], capture())).toBe(0);
      for (const file of ['frame-01.png', 'frame-02.png', 'frame-03.png', 'story.png']) {
        expect(Buffer.compare(readFileSync(join(out, file)), readFileSync(join(again, file))), file).toBe(0);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('records the steps asked and the model calls run: Heun evaluates twice per step but the first', async () => {
    const io = capture();
    const args = ['generate', '--model', fixtures.sd15, ...story.slice(0, 4), '--scheduler', 'heun', '--steps', '2', '--guidance', '1', '--width', '64', '--height', '64', '--provider', 'cpu', '--out', out];
    expect(await runCli(args, io), io.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')) as StoryJson;
    expect(record.resolved).toMatchObject({ steps: 2, scheduler: 'heun' });
    expect(record.evaluationsPerFrame).toBe(3);
    expect(record.unetEvaluations).toEqual({ cond: 3, uncond: 0 });
    expect(io.stderr).toContain('100% frame 1: step 2/2 (model call 3/3)');
    expect(io.stdout).toContain(`Wrote 1 frame, story.png and story.json to ${out}`);
    expect(io.stdout).toContain('2 steps of heun (3 model calls per frame)');
  });

  it('applies --preset paper and lets explicit options override it', async () => {
    const io = capture();
    const args = ['generate', '--model', fixtures.sd15, ...story.slice(0, 4), '--preset', 'paper', '--steps', '1', '--width', '64', '--height', '64', '--ipca', 'reference', '--reweight', 'naive', '--noise', 'float16', '--provider', 'cpu', '--out', out];
    expect(await runCli(args, io), io.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')) as StoryJson;
    expect(record.resolved).toEqual({ width: 64, height: 64, steps: 1, guidance: 5, scheduler: 'euler', ipca: 'reference' });
    expect(record.settings).toMatchObject({ ipca: 'reference', noise: 'float16', reweight: { mode: 'naive' } });
    // SD 1.5 encodes the empty negative prompt; IPCA reference adds the identity prompt alone
    expect(record.sessionRuns).toEqual({ text_encoder: 3, unet: 2, vae_decoder: 1 });
  });

  it('--aspect renders at the size the family was trained at near that ratio, and records the preset', async () => {
    const io = capture();
    const args = ['generate', '--model', fixtures.sd15, ...story.slice(0, 4), '--aspect', '2.39:1', '--steps', '1', '--provider', 'cpu', '--out', out];
    expect(await runCli(args, io), io.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')) as StoryJson;
    expect(record.resolved).toMatchObject({ width: 1024, height: 432 });
    expect(record.settings).toMatchObject({ aspect: '2.39:1', width: 1024, height: 432 });
    expect((await sharp(join(out, 'frame-01.png')).metadata()).width).toBe(1024);

    const both = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--aspect', '16:9', '--width', '512', '--out', out], both)).toBe(2);
    expect(both.stderr).toContain("option '--aspect <ratio>' cannot be used with option '--width <px>'");
  });

  it('fails with a clear message: bad model folder, prompt too long, bad or missing options', async () => {
    const missing = capture();
    expect(await runCli(['generate', '--model', join(out, 'nope'), ...story, '--out', out], missing)).toBe(1);
    expect(missing.stderr).toMatch(/nope: no such folder/);

    const tooLong = capture();
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const args = ['generate', '--model', fixtures.sd15, '--id', 'a kitten', '--frame', 'fine', '--frame', long, '--provider', 'cpu', '--out', out];
    expect(await runCli(args, tooLong)).toBe(1);
    expect(tooLong.stderr).toMatch(/Frame 2's prompt is too long/);
    expect(readdirSync(out)).toEqual([]);

    const noFrame = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, '--id', 'x', '--out', out], noFrame)).toBe(2);
    expect(noFrame.stderr).toContain("required option '--frame <text>'");

    const badSize = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--width', '100', '--out', out], badSize)).toBe(2);
    expect(badSize.stderr).toContain('expected a multiple of 8');

    const badMode = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--ipca', 'sometimes', '--out', out], badMode)).toBe(2);
    expect(badMode.stderr).toContain('Allowed choices are paper, reference, off');

    const badNoise = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--noise', 'bfloat16', '--out', out], badNoise)).toBe(2);
    expect(badNoise.stderr).toContain("option '--noise <mode>' argument 'bfloat16' is invalid. Allowed choices are float32, float16, float16-torch1");

    const badProvider = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--provider', 'bogus', '--out', out], badProvider)).toBe(2);
    expect(badProvider.stderr).toContain("option '--provider <name>' argument 'bogus' is invalid. Allowed choices are auto, cpu, cuda, tensorrt, dml, coreml, webgpu");

    const file = join(out, 'taken.txt');
    writeFileSync(file, 'not a folder');
    const atFile = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--out', file], atFile)).toBe(1);
    expect(atFile.stderr).toBe(`onestory: --out ${file} is a file, not a folder; choose a folder (it is made if missing) for the frames, story.png and story.json\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');

    const notProject = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...story, '--stale', '--out', out], notProject)).toBe(2);
    expect(notProject.stderr).toContain('--stale applies to generate --project only');
    const noModel = capture();
    expect(await runCli(['generate', ...story, '--out', out], noModel)).toBe(2);
    expect(noModel.stderr).toContain("required option '--model <dir>' not specified (or give --project to generate a library story)");
  });

  it("--provider cuda where CUDA cannot start runs on the CPU, and the summary line says so with ONNX Runtime's reason", async () => {
    const io = capture();
    const args = ['generate', '--model', fixtures.sd15, ...story.slice(0, 4), '--steps', '1', '--width', '64', '--height', '64', '--provider', 'cuda', '--out', out];
    expect(await runCli(args, io), io.stderr).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')) as StoryJson & { device: { provider: string; requested: string }; warnings: string[] };
    expect(record.device.requested).toBe('cuda');
    if (record.device.provider === 'cuda') {
      expect(io.stdout).toMatch(/ \(sd1\) on cuda, 64×64, /); // a machine with CUDA: nothing fell back
      return;
    }
    const failed = record.warnings.find((w) => w.startsWith('execution provider cuda could not start ('));
    expect(failed).toBeDefined();
    const reason = failed!.slice('execution provider cuda could not start ('.length, failed!.lastIndexOf('); running on cpu'));
    expect(reason.length).toBeGreaterThan(0);
    expect(io.stdout).toContain(` (sd1) on cpu (cuda could not start: ${reason}), 64×64, 1 step of `);
  });

  it('Ctrl-C stops the story, keeps the frames written whole, and exits 130 with one line', async () => {
    const args = ['generate', '--model', fixtures.sd15, ...story, '--steps', '40', '--width', '64', '--height', '64', '--provider', 'cpu', '--out', out];
    const run = await runAndInterrupt(args, /step 2\//);
    expect(run.interrupted).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/\nonestory: Cancelled; no frame was written\.\n$/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a UNet with a fixed 77-token context: --ipca paper|reference fails saying why; by default it renders with IPCA off and warns', async () => {
    const fixed = await writeFixtureVariant(join(out, 'sd15-fixed-context'), 'sd15', { unetContextTokens: 77 });
    const common = ['generate', '--model', fixed, ...story, '--steps', '1', '--provider', 'cpu'];
    const unavailable =
      'IPCA is unavailable for this model. The UNet was exported with a fixed 77-token context (encoder_hidden_states), and IPCA needs a longer one. ' +
      'Re-export the UNet with a dynamic sequence axis (as optimum does) to use IPCA.';
    for (const mode of ['paper', 'reference']) {
      const io = capture();
      expect(await runCli([...common, '--ipca', mode, '--out', join(out, mode)], io)).toBe(1);
      expect(io.stderr).toBe(`onestory: --ipca ${mode}: ${unavailable} Leave --ipca out, or give --ipca off, to render with IPCA off.\n`);
      expect(existsSync(join(out, mode))).toBe(false);
    }

    const byDefault = capture();
    expect(await runCli([...common, '--out', join(out, 'default')], byDefault), byDefault.stderr).toBe(0);
    const warning = 'IPCA is unavailable for this model; running with IPCA off. The UNet was exported with a fixed 77-token context (encoder_hidden_states)';
    expect(byDefault.stderr).toContain(`warning: ${warning}`);
    const record = JSON.parse(readFileSync(join(out, 'default', 'story.json'), 'utf8')) as StoryJson & { warnings: string[] };
    expect(record.settings.ipca).toBe('paper'); // as asked
    expect(record.resolved.ipca).toBe('off'); // as it ran
    expect(record.warnings).toContainEqual(expect.stringContaining(warning));

    // the same story with --ipca off on the dynamic-context fixture (same weights) gives the same frames
    const off = capture();
    expect(await runCli(['generate', '--model', fixtures.sd15, ...common.slice(3), '--ipca', 'off', '--out', join(out, 'off')], off), off.stderr).toBe(0);
    expect(off.stderr).not.toContain('IPCA is unavailable');
    for (const file of ['frame-01.png', 'frame-02.png', 'frame-03.png']) expect(Buffer.compare(readFileSync(join(out, 'default', file)), readFileSync(join(out, 'off', file))), file).toBe(0);
  });
});
