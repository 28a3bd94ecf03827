// The library, the models folder and the export run folders are the user's alone (POSIX modes only).
import { mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportFiles } from '../service/exports/export-files.ts';
import { copyFiles } from '../service/files/copy-files.ts';
import { openStore } from '../store/store.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private files and folders (POSIX modes; Windows keeps its ACLs)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'onestory-private-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates the data folder 0700 and the library with its -wal and -shm 0600', () => {
    const dbPath = join(scratch, 'data', 'library.sqlite');
    const store = openStore(dbPath);
    try {
      store.write(() => store.settings.set('provider', 'cpu'));
      expect(modeOf(dirname(dbPath))).toBe(0o700);
      for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(modeOf(path), path).toBe(0o600);
    } finally {
      store.close();
    }
  });

  it('makes an existing library 0600 when it opens it', () => {
    const dbPath = join(scratch, 'library.sqlite');
    openStore(dbPath).close();
    chmodSync(dbPath, 0o644);
    openStore(dbPath).close();
    expect(modeOf(dbPath)).toBe(0o600);
  });

  it('creates the models folder, a model’s folders and an export run folder 0700', async () => {
    const source = join(scratch, 'source');
    mkdirSync(join(source, 'unet'), { recursive: true });
    writeFileSync(join(source, 'unet', 'model.onnx'), 'x');
    const models = join(scratch, 'models');
    await copyFiles([{ path: join('unet', 'model.onnx'), source: join(source, 'unet', 'model.onnx'), size: 1 }], join(models, 'a-model'), () => {});
    for (const dir of [models, join(models, 'a-model'), join(models, 'a-model', 'unet')]) expect(modeOf(dir), dir).toBe(0o700);

    const files = new ExportFiles(join(scratch, 'exports'), 60_000);
    const { path } = await files.reserve();
    expect(modeOf(dirname(path))).toBe(0o700);
    await files.close();
  });
});
