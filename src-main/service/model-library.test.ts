// The model library: import (copy or in place) validated exactly as the pipeline validates, removal that deletes only
// what the library owns, and the default model of new stories. Real engine process, real fixture models, real SQLite.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeWithShared } from '../../test-support/shared.ts';
import { editJson } from '../engine/models/test-folders.ts';
import { openTestBackend, rejection, type TestBackend } from './backend.testing.ts';

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
    return () => rmSync(scratch, { recursive: true, force: true });
  });

  /** A copy of a fixture to change. */
  const copyOf = (fixture: string, name: string) => {
    const dir = join(scratch, name);
    cpSync(fixture, dir, { recursive: true });
    return dir;
  };
  const modelsDirEntries = () => (existsSync(t.modelsDir) ? readdirSync(t.modelsDir, { recursive: true }) : []);

  it('imports a copy into the models folder: owned, identical files, progress reported, links followed and dot folders left out', async () => {
    // A Hugging Face cache snapshot: every file is a link to a blob; and a Git checkout's history beside it.
    const linked = join(scratch, 'snapshot');
    for (const file of filesOf(t.fixtures.sd15)) {
      mkdirSync(join(linked, file, '..'), { recursive: true });
      symlinkSync(join(t.fixtures.sd15, file), join(linked, file));
    }
    mkdirSync(join(linked, '.git'));
    writeFileSync(join(linked, '.git', 'HEAD'), 'ref: refs/heads/main\n');

    const model = await t.call('models.import', { path: linked, name: 'Imported SD' });
    expect(model).toMatchObject({ name: 'Imported SD', source: 'imported', owned: true, available: true, family: 'sd1', path: join(t.modelsDir, 'imported-sd') });
    expect(filesOf(model.path)).toEqual(filesOf(t.fixtures.sd15));
    for (const file of filesOf(model.path)) expect(readFileSync(join(model.path, file)).equals(readFileSync(join(t.fixtures.sd15, file))), file).toBe(true);
    expect(model.sizeBytes).toBe(filesOf(t.fixtures.sd15).reduce((sum, f) => sum + statSync(join(t.fixtures.sd15, f)).size, 0));

    const progress = t.emitted('model.importProgress');
    expect(progress.at(-1)).toEqual({ source: linked, copiedBytes: model.sizeBytes, totalBytes: model.sizeBytes });
    expect(progress.every((p, i) => i === 0 || p.copiedBytes >= progress[i - 1].copiedBytes)).toBe(true);
    // No staging folder is left; the copy outlives its source.
    expect(readdirSync(join(t.modelsDir, '.staging'))).toEqual([]);
    rmSync(linked, { recursive: true });
    expect((await t.call('models.list', {})).find((m) => m.id === model.id)?.available).toBe(true);

    const again = await t.call('models.import', { path: t.fixtures.sd15, name: 'Imported SD' });
    expect(again.path).toBe(join(t.modelsDir, 'imported-sd-2'));
  });

  it("registers in place with mode 'register': not owned, nothing copied", async () => {
    const before = modelsDirEntries();
    const model = await t.call('models.import', { path: t.fixtures.sdxl, mode: 'register' });
    expect(model).toMatchObject({ source: 'registered', owned: false, path: t.fixtures.sdxl, family: 'sdxl' });
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

function rmIn(dir: string, path: string): string {
  rmSync(join(dir, path), { recursive: true });
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
