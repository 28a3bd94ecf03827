// The save and open dialogs' IPC, without Electron: a recording ipcMain, scripted dialogs, real export files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, expect, it, vi } from 'vitest';
import type { ResultEnvelope } from '../../../src-shared/contract/index.ts';
import { ExportFiles } from '../../service/exports/export-files.ts';
import { useTempDir } from '../../store/temp-dir.testing.ts';
import { bindFileDialogs, pngFileName, type FileDialogs } from './file-dialogs.ts';
import { DRAG_IMAGE_CHANNEL, IMPORT_PROJECT_CHANNEL, SAVE_EXPORT_CHANNEL, SAVE_IMAGE_CHANNEL } from './ipc-channels.ts';

const APP_URL = 'app://onestory/index.html';
const tempDir = useTempDir();
let handlers: Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<ResultEnvelope>>;
let files: ExportFiles;
let answers: { saveAs: string | null; open: string | null };
let asked: string[];
let dispatched: Array<[string, unknown]>;
let listeners: Map<string, (event: IpcMainEvent, ...args: unknown[]) => void>;
let dragged: Array<{ file: string; icon: Buffer }>;
const PNG = Buffer.from('\x89PNG render bytes', 'latin1');

beforeEach(() => {
  handlers = new Map();
  listeners = new Map();
  dragged = [];
  const ipcMain = {
    handle: (channel: string, handler: never) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: (channel: string, listener: never) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  };
  files = new ExportFiles(join(tempDir(), 'exports'));
  answers = { saveAs: null, open: null };
  asked = [];
  dispatched = [];
  const dialogs: FileDialogs = {
    saveAs: async (_owner, fileName) => (asked.push(fileName), answers.saveAs),
    openProjectFile: async () => answers.open,
    dragOut: (_owner, file, icon) => dragged.push({ file, icon }),
  };
  const dispatch = async (method: string, input: unknown) => (dispatched.push([method, input]), { imported: input });
  const readRenderImage = (id: string, kind: string) => (id === 'render-1' && kind === 'full' ? PNG : undefined);
  const unbind = bindFileDialogs(ipcMain as unknown as IpcMain, { dispatch, exportFiles: files, readRenderImage }, dialogs, (url) => url === APP_URL, join(tempDir(), 'drag'));
  return async () => {
    unbind();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
    await files.close();
  };
});

function event(url = APP_URL, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent }, sender: {} as WebContents } as unknown as IpcMainInvokeEvent;
}

async function exported(content: string): Promise<string> {
  const { exportId, path } = await files.reserve();
  writeFileSync(path, content);
  files.add(exportId, { path, fileName: 'Fox story.gif' });
  return exportId;
}

it('copies an export where the user chose, offering its name, and keeps it when they cancel', async () => {
  const save = handlers.get(SAVE_EXPORT_CHANNEL)!;
  const exportId = await exported('GIF89a…');
  expect(await save(event(), exportId)).toEqual({ ok: true, value: { saved: false } });
  expect(files.find(exportId)).toBeDefined();

  answers.saveAs = join(tempDir(), 'kept.gif');
  expect(await save(event(), exportId)).toEqual({ ok: true, value: { saved: true } });
  expect(asked).toEqual(['Fox story.gif', 'Fox story.gif']);
  expect(readFileSync(answers.saveAs, 'utf8')).toBe('GIF89a…');
  expect(files.find(exportId)).toBeUndefined();

  expect(await save(event(), exportId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await save(event(), 42)).toMatchObject({ ok: false, error: { code: 'not_found' } });
});

it('says so when the export was cleared while the save dialog was open', async () => {
  const save = handlers.get(SAVE_EXPORT_CHANNEL)!;
  const exportId = await exported('GIF89a…');
  const destination = join(tempDir(), 'late.gif');
  answers.saveAs = destination;
  const slowDialogs = save(event(), exportId);
  await files.discard(exportId); // what the expiry does
  expect(await slowDialogs).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('while the save dialog was open') } });
  expect(existsSync(destination)).toBe(false);
});

it('imports the project file the user picked, or nothing when they cancel', async () => {
  const open = handlers.get(IMPORT_PROJECT_CHANNEL)!;
  expect(await open(event())).toEqual({ ok: true, value: null });
  answers.open = '/home/me/Fox story.onestory';
  expect(await open(event())).toEqual({ ok: true, value: { imported: { path: '/home/me/Fox story.onestory' } } });
  expect(dispatched).toEqual([['exports.importProject', { path: '/home/me/Fox story.onestory' }]]);
});

it('answers only the app’s own top-level page', async () => {
  const exportId = await exported('x');
  answers.saveAs = join(tempDir(), 'never.gif');
  for (const sender of [event('https://evil.example/'), event(APP_URL, {})]) {
    expect(await handlers.get(SAVE_EXPORT_CHANNEL)!(sender, exportId)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await handlers.get(IMPORT_PROJECT_CHANNEL)!(sender)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  }
  expect(asked).toEqual([]);
  expect(files.find(exportId)).toBeDefined();
});

it('saves a render’s PNG byte for byte where the user chose, under a plain file name', async () => {
  const save = handlers.get(SAVE_IMAGE_CHANNEL)!;
  expect(await save(event(), 'render-1', 'Frame 3 – seed 42')).toEqual({ ok: true, value: { saved: false } });
  answers.saveAs = join(tempDir(), 'frame.png');
  expect(await save(event(), 'render-1', '../../etc/passwd')).toEqual({ ok: true, value: { saved: true } });
  expect(readFileSync(answers.saveAs)).toEqual(PNG);
  expect(asked).toEqual(['Frame 3 – seed 42.png', '_.._etc_passwd.png']);
  expect(await save(event(), 'gone', 'x')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  expect(await save(event('https://evil.example/'), 'render-1', 'x')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
});

it('drags an image out as a file holding the render’s bytes, for the app’s own page only', async () => {
  const drag = listeners.get(DRAG_IMAGE_CHANNEL)!;
  drag(event('https://evil.example/') as unknown as IpcMainEvent, 'render-1', 'x');
  drag(event() as unknown as IpcMainEvent, 'gone', 'x');
  drag(event() as unknown as IpcMainEvent, 'render-1', 'Frame 1');
  await vi.waitFor(() => expect(dragged).toHaveLength(1));
  expect(dragged[0].file).toBe(join(tempDir(), 'drag', 'Frame 1.png'));
  expect(readFileSync(dragged[0].file)).toEqual(PNG);
});

it('names saved images plainly', () => {
  expect(pngFileName('Frame 2.PNG')).toBe('Frame 2.png');
  expect(pngFileName('a/b\\c:d')).toBe('a_b_c_d.png');
  expect(pngFileName('..')).toBe('frame.png');
  expect(pngFileName(42)).toBe('frame.png');
});
