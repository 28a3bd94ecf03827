// The model library: import (copy or in place) validated exactly as the pipeline validates, imports racing for a
// folder name or cancelled, removal that deletes only what the library may delete, and the default model of new
// stories. Real engine process, real fixture models, real SQLite; renames can be interposed on.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../src-shared/contract/index.ts';
import { describeWithShared } from '../../test-support/shared.ts';
import { EngineClient } from '../engine/process/engine-client.ts';
import { nodeEngineSpawner } from '../engine/process/node-spawn.ts';
import { editJson } from '../engine/models/test-folders.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';
import { createContext } from './context.ts';
import { createModelLibrary } from './models/model-library.ts';

/** Runs before every rename the backend makes, so a test can make a folder name taken at the worst moment. */
const renames = vi.hoisted(() => ({ before: undefined as ((from: string, to: string) => Promise<void> | void) | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const rename = async (from: string, to: string) => {
    await renames.before?.(String(from), String(to));
    return fs.rename(from, to);
  };
  return { ...fs, rename, default: { ...fs, rename } };
});
const isStaging = (path: string) => path.includes(`${sep}.staging${sep}`);

const filesOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).sort();

describeWithShared('the model library', () => {
  let t: TestBackend;
  let scratch: string;

  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'onestory-library-'));
    t.events.length = 0;
    return () => {
      renames.before = undefined;
      vi.restoreAllMocks();
      rmSync(scratch, { recursive: true, force: true });
    };
  });

  /** A copy of a fixture to change. */
  const copyOf = (fixture: string, name: string) => {
    const dir = join(scratch, name);
    cpSync(fixture, dir, { recursive: true });
    return dir;
  };
  const modelsDirEntries = () => (existsSync(t.modelsDir) ? readdirSync(t.modelsDir, { recursive: true }) : []);

  /**
   * A Hugging Face cache of `fixture`: `models--<name>/snapshots/<revision>/` whose every file is a relative link
   * to its blob in `models--<name>/blobs/`, as huggingface_hub writes it.
   */
  const hfSnapshot = (fixture: string, name: string) => {
    const cache = join(scratch, 'hub', `models--${name}`);
    const snapshot = join(cache, 'snapshots', '0123456789abcdef');
    mkdirSync(join(cache, 'blobs'), { recursive: true });
    for (const [i, file] of filesOf(fixture).entries()) {
      cpSync(join(fixture, file), join(cache, 'blobs', `blob-${i}`));
      mkdirSync(join(snapshot, file, '..'), { recursive: true });
      symlinkSync(relative(join(snapshot, file, '..'), join(cache, 'blobs', `blob-${i}`)), join(snapshot, file));
    }
    return snapshot;
  };

  it('imports a copy into the models folder: owned, identical files, progress reported, cache links followed and dot folders left out', async () => {
    // A Hugging Face cache snapshot (links into ../../blobs); and a Git checkout's history beside it.
    const linked = hfSnapshot(t.fixtures.sd15, 'tiny--sd15');
    expect(readlinkSync(join(linked, 'unet', 'model.onnx'))).toMatch(/^\.\.\/\.\.\/\.\.\/blobs\//);
    mkdirSync(join(linked, '.git'));
    writeFileSync(join(linked, '.git', 'HEAD'), 'ref: refs/heads/main\n');

    const model = await t.call('models.import', { path: linked, name: 'Imported SD' });
    expect(model).toMatchObject({ name: 'Imported SD', source: 'imported', owned: true, deletable: true, available: true, family: 'sd1', path: join(t.modelsDir, 'imported-sd') });
    expect(filesOf(model.path)).toEqual(filesOf(t.fixtures.sd15));
    for (const file of filesOf(model.path)) expect(readFileSync(join(model.path, file)).equals(readFileSync(join(t.fixtures.sd15, file))), file).toBe(true);
    expect(model.sizeBytes).toBe(filesOf(t.fixtures.sd15).reduce((sum, f) => sum + statSync(join(t.fixtures.sd15, f)).size, 0));

    const progress = t.emitted('model.importProgress');
    expect(progress.at(-1)).toEqual({ importId: progress[0].importId, source: linked, copiedBytes: model.sizeBytes, totalBytes: model.sizeBytes });
    expect(progress.every((p) => p.importId === progress[0].importId)).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.copiedBytes >= progress[i - 1].copiedBytes)).toBe(true);
    // No staging folder is left; the copy outlives its source.
    expect(readdirSync(join(t.modelsDir, '.staging'))).toEqual([]);
    rmSync(linked, { recursive: true });
    expect((await t.call('models.list', {})).find((m) => m.id === model.id)?.available).toBe(true);

    const again = await t.call('models.import', { path: t.fixtures.sd15, name: 'Imported SD' });
    expect(again.path).toBe(join(t.modelsDir, 'imported-sd-2'));
  });

  it('imports of one folder at the same time each get a folder of their own', async () => {
    // Both moves out of staging are held until both have picked a name, so they pick the same one.
    let held = 0;
    let release = () => {};
    const bothPicked = new Promise<void>((resolve) => (release = resolve));
    renames.before = (from) => {
      if (!isStaging(from) || held === 2) return;
      if (++held === 2) release();
      return bothPicked;
    };
    const [a, b] = await Promise.all([
      t.call('models.import', { path: t.fixtures.sd15, name: 'Twin' }),
      t.call('models.import', { path: t.fixtures.sd15, name: 'Twin' }),
    ]);
    expect([a.path, b.path].sort()).toEqual([join(t.modelsDir, 'twin'), join(t.modelsDir, 'twin-2')]);
    for (const model of [a, b]) expect(filesOf(model.path)).toEqual(filesOf(t.fixtures.sd15));
    const listed = await t.call('models.list', {});
    expect(listed.filter((m) => m.id === a.id || m.id === b.id).map((m) => m.available)).toEqual([true, true]);
    expect(readdirSync(join(t.modelsDir, '.staging'))).toEqual([]);
  });

  it('a folder name taken just before the copy moves in is left alone; the copy takes the next name', async () => {
    let taken: string | undefined;
    renames.before = (from, to) => {
      if (!isStaging(from) || taken) return;
      taken = to; // another import, a download or the CLI got there first
      mkdirSync(to);
      writeFileSync(join(to, 'model_index.json'), '{"someone": "else"}');
    };
    const model = await t.call('models.import', { path: t.fixtures.sd15, name: 'Contested' });
    expect(taken).toBe(join(t.modelsDir, 'contested'));
    expect(readFileSync(join(taken!, 'model_index.json'), 'utf8')).toBe('{"someone": "else"}');
    expect(model.path).toBe(join(t.modelsDir, 'contested-2'));
    expect(filesOf(model.path)).toEqual(filesOf(t.fixtures.sd15));
  });

  it('an import whose record cannot be saved removes only its own copy', async () => {
    vi.spyOn(t.backend.store.models, 'save').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    const before = modelsDirEntries();
    expect(await rejection(t.call('models.import', { path: t.fixtures.sd15, name: 'Unsaved' }))).toMatchObject({ code: 'internal' });
    expect(modelsDirEntries()).toEqual(before);
  });

  it('a download whose record cannot be saved goes back to its folder', async () => {
    const engine = new EngineClient(nodeEngineSpawner());
    const library = createModelLibrary(createContext(t.backend.store, t.backend.events, Date.now), engine, { modelsDir: t.modelsDir, onChanged: () => {} });
    try {
      const download = copyOf(t.fixtures.sd15, 'download');
      vi.spyOn(t.backend.store.models, 'save').mockImplementationOnce(() => {
        throw new Error('disk I/O error');
      });
      const before = modelsDirEntries();
      await expect(library.adopt(download, 'Downloaded', 'owner/repo')).rejects.toThrow('disk I/O error');
      expect(filesOf(download)).toEqual(filesOf(t.fixtures.sd15));
      expect(modelsDirEntries()).toEqual(before);
    } finally {
      await library.close();
      await engine.dispose();
    }
  });

  it('an import cancelled while it copies leaves nothing behind and records nothing', async () => {
    const models = await t.call('models.list', {});
    const before = modelsDirEntries();
    let cancelled: Promise<unknown> | undefined;
    const unsubscribe = t.backend.events.subscribe((m) => {
      if (m.event !== 'model.importProgress' || cancelled) return;
      const { importId } = m.payload as EventPayload<'model.importProgress'>;
      cancelled = t.call('models.cancelImport', { importId });
    });
    try {
      const error = await rejection(t.call('models.import', { path: t.fixtures.sd15, name: 'Cancelled' }));
      expect(error).toMatchObject({ code: 'conflict', message: `The import of ${t.fixtures.sd15} was cancelled; nothing was kept.` });
      expect(await cancelled).toEqual({ ok: true, cancelled: true });
    } finally {
      unsubscribe();
    }
    expect(await t.call('models.list', {})).toEqual(models);
    expect(modelsDirEntries()).toEqual(before);
    expect(t.emitted('models.changed')).toEqual([]);
    // One that has ended (or never was) is not there to cancel.
    expect(await t.call('models.cancelImport', { importId: randomUUID() })).toEqual({ ok: true, cancelled: false });
  });

  it('removes an owned model outside the models folder (the folder moved) without deleting its files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestory-moved-'));
    try {
      const first = await openTestBackend({ dir, modelsDir: join(dir, 'old-models') });
      const imported = await first.call('models.import', { path: t.fixtures.sd15, name: 'Left behind' });
      expect(imported).toMatchObject({ owned: true, deletable: true });
      await first.close();

      const moved = await openTestBackend({ dir, modelsDir: join(dir, 'new-models') });
      try {
        const [model] = await moved.call('models.list', {});
        expect(model).toMatchObject({ id: imported.id, owned: true, deletable: false, available: true });
        expect(await rejection(moved.call('models.remove', { id: model.id, deleteFiles: true }))).toMatchObject({ code: 'invalid_input' });
        expect(await moved.call('models.remove', { id: model.id, deleteFiles: false })).toEqual({ ok: true, filesDeleted: false });
        expect(await moved.call('models.list', {})).toEqual([]);
        expect(existsSync(join(imported.path, 'model_index.json'))).toBe(true);
      } finally {
        await moved.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("registers in place with mode 'register': not owned, nothing copied", async () => {
    const before = modelsDirEntries();
    const model = await t.call('models.import', { path: t.fixtures.sdxl, mode: 'register' });
    expect(model).toMatchObject({ source: 'registered', owned: false, deletable: false, path: t.fixtures.sdxl, family: 'sdxl' });
    expect(modelsDirEntries()).toEqual(before);
  });

  describe('a broken folder is refused with the pipeline’s message; nothing is recorded or left behind', () => {
    const cases: [string, (fixtures: TestBackend['fixtures']) => string, string, RegExp][] = [
      ['a folder that does not exist', () => join(scratch, 'nowhere'), '', /no such folder/],
      ['no model_index.json', (f) => rmIn(copyOf(f.sd15, 'x'), 'model_index.json'), 'model_index.json', /missing.*optimum-cli export onnx/],
      ['model_index.json that is not JSON', (f) => writeIn(copyOf(f.sd15, 'x'), 'model_index.json', '{"_class_name": '), 'model_index.json', /not valid JSON/],
      ['no scheduler config', (f) => rmIn(copyOf(f.sd15, 'x'), 'scheduler'), 'scheduler/scheduler_config.json', /missing/],
      ['no unet/model.onnx', (f) => rmIn(copyOf(f.sd15, 'x'), 'unet/model.onnx'), 'unet/model.onnx', /model file is missing/],
      ['no unet/config.json', (f) => rmIn(copyOf(f.sd15, 'x'), 'unet/config.json'), 'unet/config.json', /missing/],
      ['no vae_decoder/config.json', (f) => rmIn(copyOf(f.sd15, 'x'), 'vae_decoder/config.json'), 'vae_decoder/config.json', /missing/],
      ['a missing tokenizer file', (f) => rmIn(copyOf(f.sd15, 'x'), 'tokenizer/merges.txt'), 'tokenizer/merges.txt', /tokenizer file is missing/],
      ['SDXL without text_encoder_2/', (f) => rmIn(copyOf(f.sdxl, 'x'), 'text_encoder_2'), 'text_encoder_2/model.onnx', /model file is missing/],
      ['a truncated model.onnx', (f) => truncateIn(copyOf(f.sd15, 'x'), 'text_encoder/model.onnx'), 'text_encoder/model.onnx', /truncated/],
      ['an empty model.onnx', (f) => writeIn(copyOf(f.sd15, 'x'), 'vae_decoder/model.onnx', ''), 'vae_decoder/model.onnx', /is empty/],
      ['model_index.json that is a loop of links (ELOOP)', (f) => linkIn(copyOf(f.sd15, 'x'), 'model_index.json', 'model_index.json'), 'model_index.json', /loop of symbolic links/],
      ['unet/config.json linked to /dev/zero', (f) => linkIn(copyOf(f.sd15, 'x'), 'unet/config.json', '/dev/zero'), 'unet/config.json', /a device, not a regular file/],
      ['sample_size 1e6', (f) => editIn(copyOf(f.sd15, 'x'), 'unet/config.json', { sample_size: 1e6 }), 'unet/config.json', /"sample_size" is 1000000: too big/],
      [
        '60 block_out_channels',
        (f) => editIn(copyOf(f.sd15, 'x'), 'vae_decoder/config.json', { block_out_channels: Array(60).fill(128) }),
        'vae_decoder/config.json',
        /"block_out_channels" is a list of 60 values: too big/,
      ],
      [
        'a model.onnx that is a Git LFS pointer',
        (f) => writeIn(copyOf(f.sd15, 'x'), 'vae_decoder/model.onnx', 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 3438167534\n'),
        'vae_decoder/model.onnx',
        /Git LFS pointer.*git lfs pull/,
      ],
      ['a model.onnx that is a web page', (f) => writeIn(copyOf(f.sd15, 'x'), 'vae_decoder/model.onnx', '<!DOCTYPE html><html></html>'), 'vae_decoder/model.onnx', /web page/],
      ['missing external weights', (f) => rmIn(copyOf(f.sd15, 'x'), 'unet/model.onnx_data'), 'unet/model.onnx_data', /weights file is missing/],
      ['truncated external weights', (f) => truncateIn(copyOf(f.sd15, 'x'), 'unet/model.onnx_data'), 'unet/model.onnx_data', /weights file is truncated/],
      [
        "SDXL without text_encoder_2/ that model_index.json does not list",
        (f) => {
          const dir = rmIn(copyOf(f.sdxl, 'x'), 'text_encoder_2');
          editJson(join(dir, 'model_index.json'), (json) => delete json.text_encoder_2);
          return dir;
        },
        'text_encoder_2',
        /folder is missing.*SDXL/,
      ],
    ];

    it.each(cases)('%s', async (_, make, file, message) => {
      const dir = make(t.fixtures);
      const models = await t.call('models.list', {});
      const before = modelsDirEntries();
      for (const mode of ['copy', 'register'] as const) {
        const error = await rejection(t.call('models.import', { path: dir, mode }));
        expect(error.code).toBe('invalid_input');
        expect(error.message.startsWith(`${dir} is not a model Onestory can use: `)).toBe(true);
        if (file) expect(error.message).toContain(`${join(dir, file)}: `);
        expect(error.message).toMatch(message);
      }
      expect(await t.call('models.list', {})).toEqual(models);
      expect(modelsDirEntries()).toEqual(before);
      expect(t.emitted('models.changed')).toEqual([]);
      expect(t.emitted('model.importProgress')).toEqual([]);
    });
  });

  it('a link out of the folder is refused on a copy, naming it; used in place, the folder is read there and the result says so', async () => {
    const outside = join(scratch, 'elsewhere');
    mkdirSync(join(outside, '.ssh'), { recursive: true });
    writeFileSync(join(outside, 'notes.txt'), 'not a model file');
    const dir = copyOf(t.fixtures.sd15, 'shared-model');
    symlinkSync(join(outside, 'notes.txt'), join(dir, 'notes.txt'));
    symlinkSync(join(outside, '.ssh'), join(dir, 'keys'));
    const [notes, keys] = [realpathSync(join(outside, 'notes.txt')), realpathSync(join(outside, '.ssh'))];
    const models = await t.call('models.list', {});
    const before = modelsDirEntries();

    const error = await rejection(t.call('models.import', { path: dir, mode: 'copy' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      `${dir} cannot be copied: keys links to ${keys}, outside the model folder (and 1 more link out of it). ` +
        "Onestory copies only what is inside the folder: put the file itself there, or add the folder in place ('register'), which reads it where it is.",
    );
    expect(await t.call('models.list', {})).toEqual(models);
    expect(modelsDirEntries()).toEqual(before);
    expect(t.emitted('model.importProgress')).toEqual([]);

    const registered = await t.call('models.import', { path: dir, mode: 'register' });
    expect(registered).toMatchObject({ source: 'registered', path: dir });
    expect(registered.warnings).toEqual([
      `${join(dir, 'keys')} links to ${keys}, outside the model folder: Onestory reads the file there (moving or deleting it breaks the model).`,
      `${join(dir, 'notes.txt')} links to ${notes}, outside the model folder: Onestory reads the file there (moving or deleting it breaks the model).`,
    ]);
    expect(modelsDirEntries()).toEqual(before);
  });

  it('a snapshot linking into another Hugging Face cache than its own is refused on a copy', async () => {
    const snapshot = hfSnapshot(t.fixtures.sd15, 'tiny--sd15');
    const other = join(scratch, 'hub', 'models--someone--else', 'blobs');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'blob'), 'x');
    symlinkSync(relative(snapshot, join(other, 'blob')), join(snapshot, 'README.md'));
    const error = await rejection(t.call('models.import', { path: snapshot }));
    expect(error.message).toMatch(new RegExp(`README\\.md links to .*models--someone--else.*, outside the model folder and its Hugging Face cache .*models--tiny--sd15\\. `));
  });

  it.each([
    ['a link that is a loop (a file the engine never reads)', (dir: string) => symlinkSync('extra', join(dir, 'extra')), 'extra', 'is a loop of symbolic links'],
    ['a link to nothing', (dir: string) => symlinkSync('gone', join(dir, 'extra')), 'extra', 'is a symbolic link to nothing (its target does not exist)'],
    ['a folder link back to a folder that holds it', (dir: string) => symlinkSync('..', join(dir, 'unet', 'up')), 'unet/up', 'links back to'],
  ])('%s is refused in both modes, naming it', async (_, make, link, problem) => {
    const dir = copyOf(t.fixtures.sd15, 'x');
    make(dir);
    for (const mode of ['copy', 'register'] as const) {
      const error = await rejection(t.call('models.import', { path: dir, mode }));
      expect(error.code).toBe('invalid_input');
      expect(error.message.startsWith(`${dir} is not a model Onestory can use: ${join(dir, link)} ${problem}`)).toBe(true);
    }
    expect(t.emitted('models.changed')).toEqual([]);
  });

  it('removes a model: the folder is deleted only when asked and the library owns it', async () => {
    const owned = await t.call('models.import', { path: t.fixtures.sd15, name: 'Owned' });
    const kept = await t.call('models.import', { path: t.fixtures.sd15, name: 'Kept' });
    const inPlace = await t.call('models.register', { path: copyOf(t.fixtures.sd15, 'in-place') });
    const project = await t.call('projects.create', { name: 'Uses it', modelId: owned.id });

    expect(await t.call('models.remove', { id: owned.id, deleteFiles: true })).toEqual({ ok: true, filesDeleted: true });
    expect(existsSync(owned.path)).toBe(false);
    expect(await t.call('models.remove', { id: kept.id })).toEqual({ ok: true, filesDeleted: false });
    expect(existsSync(join(kept.path, 'model_index.json'))).toBe(true);

    const refused = await rejection(t.call('models.remove', { id: inPlace.id, deleteFiles: true }));
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Onestory only deletes folders it made') });
    expect((await t.call('models.list', {})).some((m) => m.id === inPlace.id)).toBe(true);
    expect(await t.call('models.remove', { id: inPlace.id })).toEqual({ ok: true, filesDeleted: false });
    expect(existsSync(join(inPlace.path, 'model_index.json'))).toBe(true);

    const ids = (await t.call('models.list', {})).map((m) => m.id);
    expect(ids).not.toContain(owned.id);
    expect(ids).not.toContain(inPlace.id);
    // The story keeps naming its model and says it is gone.
    expect((await t.call('story.state', { projectId: project.id })).errors).toContain("This story's model is no longer in the library; choose another one");
    expect(await rejection(t.call('models.remove', { id: owned.id }))).toMatchObject({ code: 'not_found' });
  });
});

describeWithShared('the default model', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());

  it('is the first model added, starts new stories, can be changed, and moves on when it is removed', async () => {
    expect((await t.call('projects.create', { name: 'Empty library' })).modelId).toBeNull();
    const first = await t.call('models.register', { path: t.fixtures.sd15 });
    const second = await t.call('models.register', { path: t.fixtures.sdxl });
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect((await t.call('projects.create', { name: 'A' })).modelId).toBe(first.id);
    expect((await t.call('projects.create', { name: 'None yet', modelId: null })).modelId).toBeNull();

    await t.call('models.setDefault', { id: second.id });
    expect((await t.call('models.list', {})).filter((m) => m.isDefault).map((m) => m.id)).toEqual([second.id]);
    expect((await t.call('projects.create', { name: 'B' })).modelId).toBe(second.id);
    expect(await rejection(t.call('models.setDefault', { id: 'no-such-model' }))).toMatchObject({ code: 'not_found' });

    await t.call('models.remove', { id: second.id });
    expect((await t.call('models.list', {})).find((m) => m.id === first.id)?.isDefault).toBe(true);
    await t.call('models.setDefault', { id: null });
    expect((await t.call('projects.create', { name: 'C' })).modelId).toBeNull();
  });
});

describeWithShared('an interrupted import', () => {
  it('leaves a staging copy that goes when the library next opens, unless its process still runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestory-staging-'));
    const staging = join(dir, 'models', '.staging');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const leftovers = [`${deadPid}-${randomUUID()}`, randomUUID()].map((name) => join(staging, name));
    const live = join(staging, `${process.ppid}-${randomUUID()}`);
    for (const folder of [...leftovers, live]) {
      mkdirSync(join(folder, 'unet'), { recursive: true });
      writeFileSync(join(folder, 'unet', 'model.onnx'), 'half a copy');
    }
    const t = await openTestBackend({ dir });
    try {
      await expect.poll(() => leftovers.filter((folder) => existsSync(folder))).toEqual([]);
      expect(existsSync(live)).toBe(true);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is stopped when the backend closes, leaving nothing behind', async () => {
    const t = await openTestBackend();
    let closed: Promise<void> | undefined;
    t.backend.events.subscribe((m) => {
      if (m.event === 'model.importProgress') closed ??= t.backend.close();
    });
    const error = await rejection(t.call('models.import', { path: t.fixtures.sd15 }));
    expect(error.message).toMatch(/was cancelled; nothing was kept/);
    await closed;
    const left = existsSync(t.modelsDir) ? readdirSync(t.modelsDir, { recursive: true }) : [];
    expect(left.filter((entry) => entry !== '.staging')).toEqual([]);
    await t.close();
  });
});

function rmIn(dir: string, path: string): string {
  rmSync(join(dir, path), { recursive: true });
  return dir;
}

/** Replaces `path` in `dir` by a symbolic link to `target` (relative to the link's folder). */
function linkIn(dir: string, path: string, target: string): string {
  rmSync(join(dir, path), { recursive: true, force: true });
  symlinkSync(target, join(dir, path));
  return dir;
}

function editIn(dir: string, path: string, changes: Record<string, unknown>): string {
  editJson(join(dir, path), (json) => Object.assign(json, changes));
  return dir;
}

function writeIn(dir: string, path: string, content: string): string {
  writeFileSync(join(dir, path), content, 'latin1');
  return dir;
}

function truncateIn(dir: string, path: string): string {
  const file = join(dir, path);
  truncateSync(file, Math.floor(statSync(file).size / 2));
  return dir;
}

describeWithShared('model names', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend();
  });
  afterAll(() => t.close());

  it('an import of the same folder again gets a name of its own; registering a folder again keeps its name', async () => {
    const folder = basename(t.fixtures.sd15);
    const first = await t.call('models.import', { path: t.fixtures.sd15 });
    const second = await t.call('models.import', { path: t.fixtures.sd15 });
    const inPlace = await t.call('models.register', { path: t.fixtures.sd15 });
    expect([first.name, second.name, inPlace.name]).toEqual([folder, `${folder} (2)`, `${folder} (3)`]);
    expect((await t.call('models.register', { path: t.fixtures.sd15 })).name).toBe(`${folder} (3)`);
    // A name asked for that another model has is numbered too.
    expect((await t.call('models.register', { path: t.fixtures.sdxl, name: folder.toUpperCase() })).name).toBe(`${folder.toUpperCase()} (4)`);
  });

  it('renames a model: trimmed, at most 80 characters, never one another model has; the list and its listeners follow', async () => {
    const [a, b] = (await t.call('models.list', {})).slice(0, 2);
    t.events.length = 0;
    const renamed = await t.call('models.rename', { id: a.id, name: '  Fox painter  ' });
    expect(renamed).toMatchObject({ id: a.id, name: 'Fox painter', path: a.path });
    expect((await t.call('models.list', {})).find((m) => m.id === a.id)?.name).toBe('Fox painter');
    expect(t.emitted('models.changed')).toHaveLength(1);

    expect(await rejection(t.call('models.rename', { id: b.id, name: 'fox PAINTER' }))).toMatchObject({ code: 'conflict', message: 'Another model is already called "Fox painter"; choose another name' });
    expect(await rejection(t.call('models.rename', { id: b.id, name: '   ' }))).toMatchObject({ code: 'invalid_input' });
    expect(await rejection(t.call('models.rename', { id: b.id, name: 'x'.repeat(81) }))).toMatchObject({ code: 'invalid_input' });
    expect(await rejection(t.call('models.rename', { id: 'no-such-model', name: 'Other' }))).toMatchObject({ code: 'not_found' });
    expect((await t.call('models.rename', { id: b.id, name: 'x'.repeat(80) })).name).toBe('x'.repeat(80));
    // Its own name in other letters is no clash.
    expect((await t.call('models.rename', { id: a.id, name: 'FOX PAINTER' })).name).toBe('FOX PAINTER');
    expect((await t.call('models.list', {})).find((m) => m.id === b.id)?.name).toBe('x'.repeat(80));
  });
});
