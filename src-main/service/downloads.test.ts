// Model downloads against a local stand-in for the Hugging Face Hub (real HTTP on 127.0.0.1), with the real
// engine validating what arrives and generating from it, and a real SQLite library.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { ensureFixtureModels, ensureScoringFixtures } from '../../scripts/fixtures/ensure.ts';
import catalogue from '../../resources/model-catalogue.json' with { type: 'json' };
import { describeWithShared } from '../../test-support/shared.ts';
import type { Download, DownloadStatus } from '../../src-shared/domain/index.ts';
import { openTestBackend, rejection, TEST_RETRY_DELAYS_MS, type TestBackend } from './backend.testing.ts';
import { OFFLINE_MESSAGE } from './downloads/hub-errors.ts';
import { MockHub } from './downloads/hub-mock.testing.ts';

/** What the pipeline reads of the fixture: every file of it (the extras added to the repositories are not). */
const PIPELINE_FILES = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  'text_encoder/config.json',
  'text_encoder/model.onnx',
  'tokenizer/merges.txt',
  'tokenizer/special_tokens_map.json',
  'tokenizer/tokenizer_config.json',
  'tokenizer/vocab.json',
  'unet/config.json',
  'unet/model.onnx',
  'unet/model.onnx_data',
  'vae_decoder/config.json',
  'vae_decoder/model.onnx',
];
const WEIGHTS = 'unet/model.onnx_data';
const GATED_TOKEN = 'hf_gatedTestToken123';
const ENDED = new Set<DownloadStatus>(['done', 'failed', 'cancelled', 'paused']);

describeWithShared('model downloads from the Hugging Face Hub', () => {
  let scratch: string;
  let source: string;
  let hub: MockHub;
  let t: TestBackend;

  /** Each scenario downloads its own repository (all the same model), so no download resumes another's. */
  const repo = (name: string) => `test/${name}`;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'onestory-downloads-'));
    const fixtures = await ensureFixtureModels();
    // The fixture as a Hub repository holds it, with forms of the model the pipeline does not read.
    source = join(scratch, 'repo');
    cpSync(fixtures.sd15, source, { recursive: true });
    writeFileSync(join(source, 'README.md'), '# A tiny test model\n');
    writeFileSync(join(source, 'unet', 'diffusion_pytorch_model.safetensors'), Buffer.alloc(4096, 7));
    mkdirSync(join(source, 'vae_encoder'));
    writeFileSync(join(source, 'vae_encoder', 'model.onnx'), Buffer.alloc(2048, 9));
    const broken = join(scratch, 'broken');
    cpSync(fixtures.sd15, broken, { recursive: true });
    rmSync(join(broken, 'unet', 'config.json'));
    const names = ['full', 'plan', 'drop', 'retry', 'norange', 'quit', 'race', 'cancel-race', 'adopt-pause', 'store-error', 'corrupt', 'cancel', 'huge', 'tmpfs', 'offline-import'];
    hub = await MockHub.start([
      ...names.map((name) => ({ id: repo(name), dir: source })),
      { id: repo('gated'), dir: source, gatedToken: GATED_TOKEN },
      { id: repo('broken'), dir: broken },
      { id: repo('clip'), dir: (await ensureScoringFixtures()).clipSplit },
    ]);
    t = await openTestBackend({ dir: join(scratch, 'library'), hubUrl: hub.url });
  });
  afterAll(async () => {
    await t.close();
    await hub.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  beforeEach(() => {
    t.events.length = 0;
  });

  /** The first download.updated of `id` (from the `from`-th on) that satisfies `test`, waiting for it if need be. */
  function update(backend: TestBackend, id: string, test: (d: Download) => boolean, from = 0): Promise<Download> {
    return new Promise((resolve) => {
      const check = () => backend.emitted('download.updated').slice(from).find((d) => d.id === id && test(d));
      const now = check();
      if (now) return resolve(now);
      const unsubscribe = backend.backend.events.subscribe(() => {
        const found = check();
        if (found) {
          unsubscribe();
          resolve(found);
        }
      });
    });
  }

  /** The download's state once it has stopped (done, failed, cancelled or paused). */
  const ended = (backend: TestBackend, id: string, from = 0) => update(backend, id, (d) => ENDED.has(d.status), from);
  const updatesSoFar = (backend: TestBackend) => backend.emitted('download.updated').length;

  const filesOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).sort();
  const downloadsDir = () => join(scratch, 'library', 'models', '.downloads');
  /** The connection drops mid-file, then at once on every automatic retry: the download fails, its partial file kept. */
  const dropForGood = (name: string) => {
    hub.dropAfter(repo(name), WEIGHTS, 300_000);
    hub.dropAfter(repo(name), WEIGHTS, 0, TEST_RETRY_DELAYS_MS.length);
  };
  /** Requests for the file's bytes, leaving out the one-byte size probes. */
  const transfersOf = (name: string, path: string, from = 0) => hub.requestsFor(repo(name), path, from).filter((r) => r.range !== 'bytes=0-0');
  const expectIdentical = (dir: string) => {
    expect(filesOf(dir)).toEqual([...PIPELINE_FILES].sort());
    for (const path of PIPELINE_FILES) expect(readFileSync(join(dir, path)).equals(readFileSync(join(source, path))), path).toBe(true);
  };

  it('plans a download: the pipeline’s files only, their size, the commit, and the free space', async () => {
    const plan = await t.call('models.downloadPlan', { repo: repo('plan') });
    expect(plan.files.map((f) => f.path)).toEqual(PIPELINE_FILES);
    const total = PIPELINE_FILES.reduce((sum, p) => sum + statSync(join(source, p)).size, 0);
    expect(plan).toMatchObject({ repo: repo('plan'), revision: 'main', commit: hub.commitOf(repo('plan')), totalBytes: total, neededBytes: total, enoughSpace: true });
    expect(plan.freeBytes).toBeGreaterThan(total);
    // LFS files carry the Hub's SHA-256, small Git files none (their Git hash is checked instead).
    expect(plan.files.find((f) => f.path === WEIGHTS)?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.files.find((f) => f.path === 'model_index.json')?.sha256).toBeNull();

    const named = await rejection(t.call('models.downloadPlan', { repo: repo('plan'), files: ['model_index.json', 'unet/nope.onnx'] }));
    expect(named).toMatchObject({ code: 'invalid_input', message: `Not in ${repo('plan')}@main: unet/nope.onnx` });
    const missing = await rejection(t.call('models.downloadPlan', { repo: 'test/no-such-repo' }));
    expect(missing.message).toMatch(/^test\/no-such-repo@main is gated or private on the Hugging Face Hub \(or does not exist\)/);
  });

  it('refuses a repository id the Hub would not accept before asking the Hub anything', async () => {
    const before = hub.requests.length;
    for (const bad of ['../..', './x', 'a/..', 'a/.b', 'a/b-', 'a/b--c', 'a/b..c', 'a/b/c', 'a%2f/b', `a/${'x'.repeat(97)}`]) {
      expect(await rejection(t.call('models.downloadPlan', { repo: bad })), bad).toMatchObject({ code: 'invalid_input' });
      expect(await rejection(t.call('models.download', { repo: bad })), bad).toMatchObject({ code: 'invalid_input' });
    }
    expect(hub.requests.slice(before)).toEqual([]);
    // The Hub's own forms still pass.
    expect((await t.call('models.downloadPlan', { repo: repo('plan') })).repo).toBe(repo('plan'));
  });

  it('downloads a model that joins the library only when complete and valid, and a story generates from it', async () => {
    const stall = hub.stallAfter(repo('full'), WEIGHTS, 100_000);
    const started = await t.call('models.download', { repo: repo('full'), name: 'Downloaded fixture' });
    expect(started).toMatchObject({ status: 'downloading', repo: repo('full'), commit: hub.commitOf(repo('full')), modelId: null });
    expect(started.files.map((f) => f.path)).toEqual(PIPELINE_FILES);
    // Held mid-file by the Hub, it reports progress per file and overall; nothing is in the library yet.
    await stall.reached;
    const midway = await update(t, started.id, (d) => d.files.find((f) => f.path === WEIGHTS)?.status === 'downloading');
    expect(midway.receivedBytes).toBeGreaterThan(0);
    expect(midway.receivedBytes).toBeLessThan(midway.totalBytes);
    expect(midway.files.find((f) => f.path === 'unet/model.onnx')).toMatchObject({ status: 'done', receivedBytes: statSync(join(source, 'unet/model.onnx')).size });
    expect(midway.files.find((f) => f.path === 'vae_decoder/model.onnx')).toMatchObject({ status: 'pending', receivedBytes: 0 });
    expect((await t.call('models.list', {})).some((m) => m.source === 'downloaded')).toBe(false);
    stall.release();
    const done = await ended(t, started.id);
    expect(done).toMatchObject({ status: 'done', error: null, receivedBytes: done.totalBytes, bytesPerSecond: null, etaSeconds: null });
    expect(done.files.every((f) => f.status === 'done' && f.receivedBytes === f.sizeBytes)).toBe(true);

    expect(t.emitted('download.updated', (d) => d.id === started.id).map((d) => d.status)).toContain('verifying');
    const model = (await t.call('models.list', {})).find((m) => m.id === done.modelId);
    expect(model).toMatchObject({ name: 'Downloaded fixture', source: 'downloaded', owned: true, available: true, family: 'sd1' });
    expectIdentical(model!.path);
    expect(existsSync(join(downloadsDir(), started.id))).toBe(false);

    const project = await t.call('projects.create', { name: 'From the Hub', identityPrompt: 'a red fox', modelId: model!.id });
    const frame = await t.call('frames.add', { projectId: project.id, prompt: 'in the snow' });
    const job = await t.call('jobs.generate', { projectId: project.id });
    expect(await t.finished(job.id)).toMatchObject({ status: 'done', doneFrameIds: [frame.id] });
    expect(await t.call('renders.list', { frameId: frame.id })).toHaveLength(1);
    expect((await t.call('models.list', {})).find((m) => m.id === model!.id)?.lastUsedAt).not.toBeNull();
  });

  it('downloads a CLIP scoring model with the catalogue entry’s files: it joins the library as a scoring model', async () => {
    const entry = catalogue.entries.find((e) => e.family === 'clip')!;
    const started = await t.call('models.download', { repo: repo('clip'), files: entry.files, name: 'Downloaded CLIP' });
    expect(await ended(t, started.id)).toMatchObject({ status: 'done', error: null });
    const model = (await t.call('models.list', {})).find((m) => m.name === 'Downloaded CLIP');
    expect(model).toMatchObject({ kind: 'scoring', family: 'clip', source: 'downloaded', available: true, isDefault: false });
  });

  it('retries a dropped connection on its own, continuing the file without fetching a byte twice', async () => {
    const held = hub.stallAfter(repo('retry'), WEIGHTS, 300_000, 'drop');
    const started = await t.call('models.download', { repo: repo('retry') });
    await held.reached;
    await update(t, started.id, (d) => d.files.find((f) => f.path === WEIGHTS)?.receivedBytes === 300_000);
    held.release();
    const done = await ended(t, started.id);
    expect(done).toMatchObject({ status: 'done', error: null });
    const size = statSync(join(source, WEIGHTS)).size;
    expect(transfersOf('retry', WEIGHTS)).toEqual([
      expect.objectContaining({ bytes: 300_000 }),
      expect.objectContaining({ range: `bytes=300000-${size - 1}`, status: 206, bytes: size - 300_000 }),
    ]);
    for (const path of PIPELINE_FILES.filter((p) => p !== WEIGHTS)) expect(transfersOf('retry', path), path).toHaveLength(1);
    expectIdentical((await t.call('models.list', {})).find((m) => m.id === done.modelId)!.path);
  });

  it('continues a file after the connection dropped for good, fetching only the bytes not on disk', async () => {
    dropForGood('drop');
    const started = await t.call('models.download', { repo: repo('drop') });
    const failed = await ended(t, started.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The connection to the Hugging Face Hub broke off \(.*\)\. Resume to continue where it stopped; what was downloaded is kept\.$/);
    const part = join(downloadsDir(), started.id, `${WEIGHTS}.part`);
    const onDisk = statSync(part).size;
    expect(onDisk).toBeGreaterThan(0);
    // Each automatic retry asked for the rest of the file only, before the download gave up.
    const size = statSync(join(source, WEIGHTS)).size;
    expect(transfersOf('drop', WEIGHTS).slice(1)).toEqual(Array(TEST_RETRY_DELAYS_MS.length).fill(expect.objectContaining({ range: `bytes=${onDisk}-${size - 1}`, bytes: 0 })));
    expect(failed.files.find((f) => f.path === WEIGHTS)).toMatchObject({ receivedBytes: onDisk, status: 'pending' });
    expect(await t.call('models.list', {})).not.toContainEqual(expect.objectContaining({ name: 'drop' }));

    const from = hub.requests.length;
    const updatesFrom = updatesSoFar(t);
    await t.call('downloads.resume', { id: started.id });
    const done = await ended(t, started.id, updatesFrom);
    expect(done.status).toBe('done');
    // The size probe reads one byte; the transfer itself asks for exactly the missing range.
    expect(hub.requestsFor(repo('drop'), WEIGHTS, from)).toEqual([
      expect.objectContaining({ range: 'bytes=0-0', bytes: 1 }),
      expect.objectContaining({ range: `bytes=${onDisk}-${size - 1}`, status: 206, bytes: size - onDisk }),
    ]);
    // Files finished before the drop were not fetched again.
    expect(hub.requestsFor(repo('drop'), 'text_encoder/model.onnx', from)).toEqual([]);
    expectIdentical((await t.call('models.list', {})).find((m) => m.id === done.modelId)!.path);
  });

  it('refuses a whole file sent where only its missing part was asked for, leaving the partial file as it was', async () => {
    dropForGood('norange');
    const started = await t.call('models.download', { repo: repo('norange') });
    expect((await ended(t, started.id)).status).toBe('failed');
    const part = join(downloadsDir(), started.id, `${WEIGHTS}.part`);
    const onDisk = statSync(part).size;

    hub.ignoreRanges(repo('norange'));
    const updatesFrom = updatesSoFar(t);
    await t.call('downloads.resume', { id: started.id });
    const refused = await ended(t, started.id, updatesFrom);
    expect(refused).toMatchObject({
      status: 'failed',
      error: `The server sent all of ${WEIGHTS} where only its missing part was asked for: it cannot resume downloads. Nothing was added to the partial file.`,
    });
    expect(statSync(part).size).toBe(onDisk);
  });

  it('resumes after Onestory quit mid-file: the download is paused, and downloading it again continues it', async () => {
    const stall = hub.stallAfter(repo('quit'), WEIGHTS, 200_000);
    const started = await t.call('models.download', { repo: repo('quit') });
    await stall.reached;
    await update(t, started.id, (d) => d.files.find((f) => f.path === WEIGHTS)?.receivedBytes === 200_000);
    await t.close(); // quitting pauses the transfer and keeps its partial file
    stall.release();
    t = await openTestBackend({ dir: join(scratch, 'library'), hubUrl: hub.url });

    const listed = (await t.call('downloads.list', {})).find((d) => d.id === started.id)!;
    expect(listed.status).toBe('paused');
    const onDisk = statSync(join(downloadsDir(), started.id, `${WEIGHTS}.part`)).size;
    expect(onDisk).toBe(200_000);
    expect(listed.files.find((f) => f.path === WEIGHTS)?.receivedBytes).toBe(onDisk);

    const from = hub.requests.length;
    const again = await t.call('models.download', { repo: repo('quit') });
    expect(again.id).toBe(started.id);
    const done = await ended(t, started.id);
    expect(done.status).toBe('done');
    const size = statSync(join(source, WEIGHTS)).size;
    expect(hub.requestsFor(repo('quit'), WEIGHTS, from).at(-1)).toMatchObject({ range: `bytes=${onDisk}-${size - 1}`, bytes: size - onDisk });
    expectIdentical((await t.call('models.list', {})).find((m) => m.id === done.modelId)!.path);
  });

  /** A download of the repository held mid-file by the Hub, then paused: its partial file's size. */
  async function pausedMidFile(name: string): Promise<{ id: string; onDisk: number }> {
    const stall = hub.stallAfter(repo(name), WEIGHTS, 200_000);
    const { id } = await t.call('models.download', { repo: repo(name) });
    await stall.reached;
    await update(t, id, (d) => d.files.find((f) => f.path === WEIGHTS)?.receivedBytes === 200_000);
    expect(await t.call('downloads.pause', { id })).toMatchObject({ status: 'paused' });
    stall.release();
    return { id, onDisk: statSync(join(downloadsDir(), id, `${WEIGHTS}.part`)).size };
  }

  it('resumes once when resume is asked twice at once, fetching the missing bytes a single time', async () => {
    const { id, onDisk } = await pausedMidFile('race');
    const from = hub.requests.length;
    const updatesFrom = updatesSoFar(t);
    const [first, second] = await Promise.all([t.call('downloads.resume', { id }), t.call('downloads.resume', { id })]);
    expect([first.status, second.status]).toEqual(['downloading', 'downloading']);
    const done = await ended(t, id, updatesFrom);
    expect(done.status).toBe('done');
    const size = statSync(join(source, WEIGHTS)).size;
    expect(transfersOf('race', WEIGHTS, from)).toEqual([expect.objectContaining({ range: `bytes=${onDisk}-${size - 1}`, bytes: size - onDisk })]);
    for (const path of PIPELINE_FILES) expect(transfersOf('race', path, from).length, path).toBeLessThanOrEqual(1);
    expectIdentical((await t.call('models.list', {})).find((m) => m.id === done.modelId)!.path);
  });

  it('lets a cancel win over a resume still checking the free space: no folder, nothing fetched', async () => {
    const { id } = await pausedMidFile('cancel-race');
    const from = hub.requests.length;
    const [, cancelled] = await Promise.all([t.call('downloads.resume', { id }), t.call('downloads.cancel', { id })]);
    expect(cancelled.status).toBe('cancelled');
    // A transfer launched anyway would be running now, and pausing would stop it rather than be refused.
    expect(await rejection(t.call('downloads.pause', { id }))).toMatchObject({ code: 'conflict' });
    expect((await t.call('downloads.list', {})).find((d) => d.id === id)?.status).toBe('cancelled');
    expect(existsSync(join(downloadsDir(), id))).toBe(false);
    expect(hub.requests.slice(from).filter((r) => r.repo === repo('cancel-race'))).toEqual([]);
  });

  it('answers a pause that arrives while the library takes the model with the finished download', async () => {
    const { id } = await t.call('models.download', { repo: repo('adopt-pause') });
    await update(t, id, (d) => d.status === 'verifying');
    const paused = await t.call('downloads.pause', { id });
    expect(paused).toMatchObject({ id, status: 'done', error: null });
    expect((await t.call('models.list', {})).some((m) => m.id === paused.modelId)).toBe(true);
  });

  it('logs a failure to record how a download ended instead of leaving it unhandled', async () => {
    const { downloads } = t.backend.store;
    const update = downloads.update.bind(downloads);
    const logged = new Promise<unknown[]>((resolve) => vi.spyOn(console, 'error').mockImplementationOnce((...args) => resolve(args)));
    const broken = vi.spyOn(downloads, 'update').mockImplementation((d) => {
      if (d.status === 'done') throw new Error('disk I/O error');
      update(d);
    });
    try {
      await t.call('models.download', { repo: repo('store-error') });
      expect(await logged).toEqual([expect.stringMatching(/^\[onestory\] recording the end of the download of test\/store-error \(.*\) failed:$/), new Error('disk I/O error')]);
    } finally {
      broken.mockRestore();
      vi.mocked(console.error).mockRestore();
    }
  });

  it('refuses a file whose bytes do not match the Hub’s SHA-256, deleting it and recording no model', async () => {
    hub.corrupt(repo('corrupt'), WEIGHTS);
    const models = await t.call('models.list', {});
    const started = await t.call('models.download', { repo: repo('corrupt') });
    const failed = await ended(t, started.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      new RegExp(`^${WEIGHTS} does not match the Hub's SHA-256 \\(expected [0-9a-f]{64}, got [0-9a-f]{64}\\): it was damaged on the way and has been deleted\\. Resume to fetch it again\\.$`),
    );
    expect(existsSync(join(downloadsDir(), started.id, `${WEIGHTS}.part`))).toBe(false);
    expect(existsSync(join(downloadsDir(), started.id, WEIGHTS))).toBe(false);
    expect(await t.call('models.list', {})).toEqual(models);
  });

  it('cancels a download mid-file, leaving no partial files', async () => {
    const stall = hub.stallAfter(repo('cancel'), WEIGHTS, 100_000);
    const started = await t.call('models.download', { repo: repo('cancel') });
    await stall.reached;
    expect(existsSync(join(downloadsDir(), started.id, `${WEIGHTS}.part`))).toBe(true);
    const cancelled = await t.call('downloads.cancel', { id: started.id });
    stall.release();
    expect(cancelled).toMatchObject({ status: 'cancelled', receivedBytes: 0 });
    expect(existsSync(join(downloadsDir(), started.id))).toBe(false);
    expect(await rejection(t.call('downloads.resume', { id: started.id }))).toMatchObject({ code: 'conflict' });
  });

  it('fails cleanly before starting when the disk cannot hold the model, writing nothing', async () => {
    hub.listSize(repo('huge'), WEIGHTS, 10 ** 15);
    const plan = await t.call('models.downloadPlan', { repo: repo('huge') });
    expect(plan).toMatchObject({ enoughSpace: false });
    expect(plan.neededBytes).toBeGreaterThan(plan.freeBytes);
    const before = await t.call('downloads.list', {});
    const error = await rejection(t.call('models.download', { repo: repo('huge') }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/^Not enough disk space: the download needs 1\.0 PB more, and .* has .* free\. Free some space, or choose another models folder\.$/);
    expect(await t.call('downloads.list', {})).toEqual(before);
  });

  it('downloads from a gated repository with an access token, kept in the secret store and never in the database', async () => {
    const refused = await rejection(t.call('models.downloadPlan', { repo: repo('gated') }));
    expect(refused.message).toMatch(/is gated or private on the Hugging Face Hub.*give an access token/);
    expect(await t.call('hub.status', {})).toEqual({ hubUrl: hub.url, hasToken: false, tokenPersistent: false });

    const started = await t.call('models.download', { repo: repo('gated'), token: GATED_TOKEN });
    expect((await ended(t, started.id)).status).toBe('done');
    expect(await t.call('hub.status', {})).toMatchObject({ hasToken: true });
    // The stored token serves later calls that give none.
    expect((await t.call('models.downloadPlan', { repo: repo('gated') })).files.length).toBe(PIPELINE_FILES.length);
    t.backend.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const library = join(scratch, 'library');
    for (const file of readdirSync(library).filter((f) => f.startsWith('library.sqlite'))) {
      expect(readFileSync(join(library, file)).includes(GATED_TOKEN), file).toBe(false);
    }
    await t.call('hub.setToken', { token: null });
    expect(await t.call('hub.status', {})).toMatchObject({ hasToken: false });
  });

  it('deletes what it fetched when the engine refuses the folder, saying why with the repository’s paths', async () => {
    const started = await t.call('models.download', { repo: repo('broken') });
    const failed = await ended(t, started.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^test\/broken is not a model Onestory can use: test\/broken\/unet\/config\.json: .*The downloaded files were deleted\.$/);
    expect(existsSync(join(downloadsDir(), started.id))).toBe(false);
    expect((await t.call('models.list', {})).map((m) => m.name)).not.toContain('broken');
  });

  it('offline: says so clearly, and importing a folder still works', async () => {
    const offline = await openTestBackend({ hubUrl: 'http://127.0.0.1:9' });
    try {
      const error = await rejection(offline.call('models.downloadPlan', { repo: repo('offline-import') }));
      expect(error).toMatchObject({ code: 'unavailable', message: OFFLINE_MESSAGE });
      expect(await rejection(offline.call('models.download', { repo: repo('offline-import') }))).toMatchObject({ message: OFFLINE_MESSAGE });
      expect(await offline.call('models.import', { path: offline.fixtures.sd15 })).toMatchObject({ source: 'imported', available: true });
    } finally {
      await offline.close();
    }
  });

  it('fails cleanly when the disk fills up during the download, keeping what it has, and resumes once there is room', async (ctx) => {
    const mountPoint = join(scratch, 'tmpfs');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (error) {
      console.warn(`[skipped] full disk during a download: mounting a 4 MB tmpfs is not permitted here (${(error as Error).message.split('\n')[0]})`);
      return ctx.skip();
    }
    const small = await openTestBackend({ modelsDir: join(mountPoint, 'models'), hubUrl: hub.url });
    try {
      const stall = hub.stallAfter(repo('tmpfs'), WEIGHTS, 100_000);
      const started = await small.call('models.download', { repo: repo('tmpfs') });
      await stall.reached;
      // Something else takes the space the check saw free.
      const filler = join(mountPoint, 'filler');
      const { bavail, bsize } = statfsSync(mountPoint);
      writeFileSync(filler, Buffer.alloc(bavail * bsize - 16 * 1024));
      stall.release();
      const failed = await ended(small, started.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/^The disk is full \(.*\)\. Free some space, then resume; what was downloaded is kept\.$/);
      expect((await small.call('models.list', {})).some((m) => m.source === 'downloaded')).toBe(false);
      expect(failed.receivedBytes).toBeGreaterThan(0);

      rmSync(filler);
      const updatesFrom = updatesSoFar(small);
      await small.call('downloads.resume', { id: started.id });
      const done = await ended(small, started.id, updatesFrom);
      expect(done.status).toBe('done');
      expectIdentical((await small.call('models.list', {})).find((m) => m.id === done.modelId)!.path);
    } finally {
      await small.close();
      execFileSync('umount', [mountPoint]);
    }
  });
});
