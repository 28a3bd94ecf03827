// `onestory models …` in-process and as a real command, downloading from a local stand-in for the Hugging Face Hub.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureFixtureModels, type FixturePaths } from '../../../scripts/fixtures/ensure.ts';
import { describeWithShared } from '../../../test-support/shared.ts';
import { OFFLINE_MESSAGE } from '../../service/downloads/hub-errors.ts';
import { MockHub } from '../../service/downloads/hub-mock.testing.ts';
import { captureIO } from './capture-io.testing.ts';
import { TOKEN_ENV, TOKEN_VISIBLE_WARNING } from './hub-token.ts';
import { runCli } from './main.ts';

const bin = resolve(import.meta.dirname, '../../../bin/onestory.js');
const WEIGHTS = 'unet/model.onnx_data';
const HF_TOKEN = 'hf_gatedSecret123';

describeWithShared('onestory models', () => {
  let dir: string;
  let db: string;
  let fixtures: FixturePaths;
  let hub: MockHub;
  const hubUrlBefore = process.env.ONESTORY_HUB_URL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onestory-cli-models-'));
    db = join(dir, 'library.sqlite');
    fixtures = await ensureFixtureModels();
    hub = await MockHub.start([
      ...['cli', 'kill', 'corrupt'].map((name) => ({ id: `test/${name}`, dir: fixtures.sd15 })),
      ...['file', 'env', 'flag', 'prompt'].map((name) => ({ id: `gated/${name}`, dir: fixtures.sd15, gatedToken: HF_TOKEN })),
    ]);
    process.env.ONESTORY_HUB_URL = hub.url;
  });
  afterAll(async () => {
    if (hubUrlBefore === undefined) delete process.env.ONESTORY_HUB_URL;
    else process.env.ONESTORY_HUB_URL = hubUrlBefore;
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => runWith(captureIO(), ...args);
  const runWith = async (io: ReturnType<typeof captureIO>, ...args: string[]) => {
    const code = await runCli(['--db', db, ...args], io);
    return { code, ...io };
  };

  it('imports, lists, chooses the default and removes, with the usual exit codes', async () => {
    expect((await run('models', 'list')).stdout).toContain('No models yet');

    const imported = await run('models', 'import', fixtures.sd15, '--name', 'Tiny SD', '--json');
    expect(imported.code).toBe(0);
    const model = JSON.parse(imported.stdout) as { id: string; path: string; source: string };
    expect(model).toMatchObject({ source: 'imported', path: join(dir, 'models', 'tiny-sd') });
    expect(imported.stderr).toMatch(/\[100%\] .* of .* · copying/);

    const registered = await run('models', 'import', fixtures.sdxl, '--register');
    expect(registered).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Registered "sdxl" \(.*, sdxl\) at /) });

    expect((await run('models', 'default', 'sdxl')).stdout).toBe('New stories start with "sdxl"\n');
    const listed = await run('models', 'list');
    expect(listed.stdout).toMatch(/Tiny SD\s+sd1\s+imported\s+[\d.]+ MB\s+not measured \(onestory models optimize\)\s*\n/);
    expect(listed.stdout).toMatch(/sdxl\s+sdxl\s+registered\s+[\d.]+ MB\s+not measured \(onestory models optimize\)\s+default/);

    const refused = await run('models', 'remove', 'sdxl', '--delete-files');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Onestory only deletes folders it made');
    expect((await run('models', 'remove', 'sdxl')).stdout).toContain(`its folder ${fixtures.sdxl} is still there`);
    expect((await run('models', 'remove', 'Tiny SD', '--delete-files')).stdout).toBe(`Removed "Tiny SD" from the library and deleted ${model.path}\n`);
    expect((await run('models', 'remove', 'nothing')).code).toBe(1);

    const broken = await run('models', 'import', join(dir, 'no-such-folder'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/is not a model Onestory can use: .*no such folder/);
  });

  it('optimize times a few steps on the chosen provider, prints what was done, and the list shows the speed', async () => {
    const imported = await run('models', 'import', fixtures.sd15, '--register', '--name', 'Timed SD');
    expect(imported.code).toBe(0);
    const timed = await run('models', 'optimize', 'Timed SD', '--provider', 'cpu');
    expect(timed.code).toBe(0);
    expect(timed.stderr).toBe(`Making or loading the optimised copy…\n${[1, 2, 3, 4, 5].map((step) => `Timed step ${step} of 5\n`).join('')}`);
    expect(timed.stdout).toMatch(/^"Timed SD": [\d.]+ s\/step at 64×64 on cpu\n {2}runs the original files \([\d.]+ MB\): the cpu provider needs no derived copy\n$/);
    const json = await run('models', 'optimize', 'Timed SD', '--provider', 'cpu', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ provider: 'cpu', steps: 5, width: 64, height: 64, optimization: null });
    expect((await run('models', 'list')).stdout).toMatch(/Timed SD\s+sd1\s+registered\s+[\d.]+ MB\s+[\d.]+ s\/step at 64×64 on cpu/);
    const wrong = await run('models', 'optimize', 'Timed SD', '--provider', 'gpu');
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringContaining('--provider must be one of auto, cpu, cuda, tensorrt, dml, coreml, webgpu') });
    expect((await run('models', 'remove', 'Timed SD')).code).toBe(0);
  });

  it('downloads with the size and free space first and progress on stderr; a corrupted file fails with exit 1', async () => {
    const done = await run('models', 'download', 'test/cli', '--name', 'From the Hub');
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^test\/cli@main: 13 files, [\d.]+ MB; [\d.]+ [kMGT]?B free in /);
    expect(done.stderr).toMatch(/\n\[100%\] ([\d.]+ MB) of \1 · done\n$/);
    expect(done.stdout).toMatch(/^Downloaded test\/cli as "From the Hub" \(.*\) at .*from-the-hub\n$/);

    hub.corrupt('test/corrupt', WEIGHTS);
    const corrupt = await run('models', 'download', 'test/corrupt');
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/onestory: unet\/model\.onnx_data does not match the Hub's SHA-256/);

    const offline = captureIO();
    process.env.ONESTORY_HUB_URL = 'http://127.0.0.1:9';
    try {
      expect(await runCli(['--db', db, 'models', 'download', 'test/cli'], offline)).toBe(1);
    } finally {
      process.env.ONESTORY_HUB_URL = hub.url;
    }
    expect(offline.stderr).toBe(`onestory: ${OFFLINE_MESSAGE}\n`);
  });

  it('takes a token from --token-file, $ONESTORY_HF_TOKEN or --token, warning only about the visible one', async () => {
    const tokenFile = join(dir, 'hf-token');
    writeFileSync(tokenFile, `${HF_TOKEN}\n`, { mode: 0o600 });
    const fromFile = await run('models', 'download', 'gated/file', '--token-file', tokenFile);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).not.toMatch(/Warning/);

    process.env[TOKEN_ENV] = HF_TOKEN;
    try {
      const fromEnv = await run('models', 'download', 'gated/env');
      expect(fromEnv.code, fromEnv.stderr).toBe(0);
      expect(fromEnv.stderr).not.toMatch(/Warning/);
    } finally {
      delete process.env[TOKEN_ENV];
    }

    const fromFlag = await run('models', 'download', 'gated/flag', '--token', HF_TOKEN);
    expect(fromFlag.code, fromFlag.stderr).toBe(0);
    expect(fromFlag.stderr.split('\n')[0]).toBe(TOKEN_VISIBLE_WARNING);

    // A file others can read still works, with a warning; a bad file or two sources are usage errors, asked of nobody.
    chmodSync(tokenFile, 0o644);
    const shared = await run('models', 'download', 'gated/file', '--token-file', tokenFile, '--files', 'model_index.json');
    expect(shared.stderr).toContain(`Warning: other users can read ${tokenFile}; make it private with: chmod 600 ${tokenFile}`);
    writeFileSync(tokenFile, 'two\nlines');
    const from = hub.requests.length;
    for (const args of [['--token-file', tokenFile], ['--token-file', join(dir, 'missing')], ['--token-file', tokenFile, '--token', HF_TOKEN]]) {
      const terminal = captureIO([HF_TOKEN]);
      const refused = await runWith(terminal, 'models', 'download', 'gated/prompt', ...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/^onestory: (.* must hold the token alone, on one line|cannot read the token file: ENOENT.*|give --token or --token-file, not both)\n$/);
      expect(terminal.asked).toEqual([]);
    }
    expect(hub.requests.length).toBe(from);
  });

  it('asks for a token without echo when the Hub wants one and a person is at the terminal, and only then', async () => {
    const notTerminal = await run('models', 'download', 'gated/prompt');
    expect(notTerminal.code).toBe(2);
    expect(notTerminal.stderr).toMatch(/^onestory: gated\/prompt@main is gated or private on the Hugging Face Hub/);

    const cancelled = await runWith(captureIO([null]), 'models', 'download', 'gated/prompt');
    expect(cancelled).toMatchObject({ code: 2, asked: [expect.stringContaining('Hugging Face access token')] });

    const publicRepo = await runWith(captureIO([HF_TOKEN]), 'models', 'download', 'test/cli', '--files', 'model_index.json');
    expect(publicRepo.asked).toEqual([]);

    const wrong = await runWith(captureIO(['hf_wrong']), 'models', 'download', 'gated/prompt');
    expect(wrong).toMatchObject({ code: 2, asked: [expect.any(String)] });

    const answered = await runWith(captureIO([HF_TOKEN]), 'models', 'download', 'gated/prompt');
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.asked).toHaveLength(1);
    expect(answered.stderr).toMatch(/^gated\/prompt@main is gated or private .*\ngated\/prompt@main: 13 files/);
    expect(answered.stdout).toMatch(/^Downloaded gated\/prompt as /);
  });

  it('continues a download after the command was killed mid-file, without fetching again what is on disk', async () => {
    const HELD = 200_000;
    const files = readdirSync(fixtures.sd15, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(fixtures.sd15, p)).isFile()).sort();
    const sizeOf = (path: string) => statSync(join(fixtures.sd15, path)).size;
    const total = files.reduce((sum, p) => sum + sizeOf(p), 0);
    const before = files.filter((p) => p < WEIGHTS).reduce((sum, p) => sum + sizeOf(p), 0);
    // A progress line of the held file past its first bytes (progress is reported after each write has landed).
    const percent = (bytes: number) => Math.floor((bytes / total) * 100);
    expect(percent(before + HELD)).toBeGreaterThan(percent(before));
    const held = `[${String(percent(before + HELD)).padStart(3)}%]`;

    const stall = hub.stallAfter('test/kill', WEIGHTS, HELD);
    const child = spawn(process.execPath, [bin, '--db', db, 'models', 'download', 'test/kill'], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((shown, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.split('\n').some((line) => line.startsWith(held) && line.includes(`downloading ${WEIGHTS}`))) shown();
      });
      child.on('exit', () => reject(new Error(`the command ended before it was killed:\n${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((exited) => child.once('exit', exited));
    stall.release();
    // The one partial file of the weights (the corrupted download before deleted its own).
    const partDir = join(dir, 'models', '.downloads');
    const parts = readdirSync(partDir).map((id) => join(partDir, id, `${WEIGHTS}.part`)).filter((part) => existsSync(part));
    expect(parts).toHaveLength(1);
    const onDisk = statSync(parts[0]).size;
    expect(onDisk).toBeGreaterThan(0);
    expect(onDisk).toBeLessThanOrEqual(HELD);

    const from = hub.requests.length;
    const again = await run('models', 'download', 'test/kill');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/still to fetch/);
    const size = sizeOf(WEIGHTS);
    expect(hub.requestsFor('test/kill', WEIGHTS, from).filter((r) => r.range !== 'bytes=0-0')).toEqual([
      expect.objectContaining({ range: `bytes=${onDisk}-${size - 1}`, status: 206, bytes: size - onDisk }),
    ]);
    // Files finished before the kill were not fetched again.
    expect(hub.requestsFor('test/kill', 'text_encoder/model.onnx', from)).toEqual([]);
    const path = /at (.*)\n$/.exec(again.stdout)![1];
    for (const file of files) expect(readFileSync(join(path, file)).equals(readFileSync(join(fixtures.sd15, file))), file).toBe(true);
  });
});
