// Exports through the contract: problems reported before export, files made in the process's staging folder
// and read back, progress events, project files imported. Real SQLite; synthetic renders.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnyEventMessage, type EventMessage, type MethodInput, type MethodName, type MethodOutput } from '../../src-shared/contract/index.ts';
import { openBackend, type Backend } from '../app/backend.ts';
import { rejection } from './backend.testing.ts';
import { addTestStory, type FrameSpec } from '../export/test-story.testing.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { ExportFiles } from './exports/export-files.ts';
import { exportFileName } from './exports/file-name.ts';

const tempDir = useTempDir();
let backend: Backend;
let events: AnyEventMessage[];

beforeEach(() => {
  backend = openBackend({ dbPath: join(tempDir(), 'library.sqlite') });
  events = [];
  backend.events.subscribe((m) => events.push(m as AnyEventMessage));
});
afterEach(() => backend.close());

function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return backend.dispatch(method, input) as Promise<MethodOutput<M>>;
}

/** Three frames, the second never generated. */
const FRAMES: FrameSpec[] = [{ prompt: 'runs', caption: 'Off it goes' }, { prompt: 'naps', variants: 0 }, { prompt: 'eats', durationMs: 2500 }];

async function story(frames: FrameSpec[] = FRAMES) {
  return addTestStory(backend.store, { name: 'Fox story', frames });
}

const isExportProgress = (m: EventMessage): m is EventMessage<'export.progress'> => m.event === 'export.progress';

function exportProgress() {
  return events.filter(isExportProgress).map((m) => m.payload);
}

function exportedFile(exportId: string): Buffer {
  const file = backend.exportFiles.find(exportId);
  expect(file).toBeDefined();
  return readFileSync(file!.path);
}

describe('exports.check', () => {
  it('lists the frames that are not generated or out of date, in story order, before anything is written', async () => {
    const { project, frames } = await story();
    expect(await call('exports.check', { projectId: project.id })).toEqual({ frameCount: 3, problems: [{ frameId: frames[1].id, position: 1, kind: 'missing', reasons: [] }] });

    // Another model makes every render stale, saying so; a kept frame is exported as it is.
    await call('projects.update', { id: project.id, patch: { modelId: null } });
    expect((await call('exports.check', { projectId: project.id })).problems.map((p) => [p.position, p.kind, p.reasons])).toEqual([
      [0, 'stale', ['model changed: test-model → none']],
      [1, 'missing', []],
      [2, 'stale', ['model changed: test-model → none']],
    ]);
    await call('frames.update', { id: frames[2].id, patch: { kept: true } });
    expect((await call('exports.check', { projectId: project.id })).problems.map((p) => [p.position, p.kind])).toEqual([
      [0, 'stale'],
      [1, 'missing'],
    ]);
    expect(existsSync(backend.staging.folder)).toBe(false); // checking stages nothing
  });

  it('answers not_found for an unknown project', async () => {
    const error = await rejection(call('exports.check', { projectId: '00000000-0000-4000-8000-000000000000' }));
    expect(error.code).toBe('not_found');
  });
});

describe('exports.create', () => {
  it('refuses a story with problems unless placeholders are asked for, naming the frames', async () => {
    const { project } = await story();
    const error = await rejection(call('exports.create', { projectId: project.id, request: { format: 'pdf', onProblems: 'fail' } }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('frame 2: not generated yet');
    // Nothing is left behind in the run's folder.
    expect(readdirSync(join(backend.staging.folder, 'exports'))).toEqual([]);
  });

  it('writes a PDF with placeholders, reporting them, its name and size, and its progress', async () => {
    const { project, frames } = await story();
    const created = await call('exports.create', {
      projectId: project.id,
      request: { format: 'pdf', onProblems: 'placeholder', pdf: { panelsPerPage: 2, titlePage: true, paper: 'letter', orientation: 'portrait' } },
    });
    expect(created).toMatchObject({ fileName: 'Fox story storyboard.pdf', problems: [{ frameId: frames[1].id, position: 1, kind: 'missing' }], warnings: [] });
    const bytes = exportedFile(created.exportId);
    expect(bytes.byteLength).toBe(created.bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(3); // title page + 3 frames at 2 a page
    expect(pdf.getPage(0).getSize()).toEqual({ width: 612, height: 792 });

    const progress = exportProgress();
    const fractions = progress.map((p) => p.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // A step per placed panel (the PDF takes the renders as stored and draws the marks itself), besides the start,
    // the story read, the file encoded and the end.
    expect(fractions.length).toBe(4 + frames.length);
    expect(progress.every((p) => p.exportId === created.exportId && p.projectId === project.id)).toBe(true);
  });

  it('stops an export cancelled while it is being made, writing nothing; a finished one cannot be cancelled', async () => {
    const { project } = await story([{ prompt: 'runs' }, { prompt: 'naps' }, { prompt: 'eats' }]);
    const cancels: Promise<{ cancelled: boolean }>[] = [];
    backend.events.subscribe((m) => {
      if (!isExportProgress(m) || cancels.length > 0 || m.payload.fraction === 0) return;
      cancels.push(call('exports.cancel', { exportId: m.payload.exportId }));
    });
    const error = await rejection(call('exports.create', { projectId: project.id, request: { format: 'gif', onProblems: 'fail' } }));
    expect(error).toMatchObject({ code: 'conflict', message: 'The export was cancelled; no file was written.' });
    expect(await cancels[0]).toEqual({ cancelled: true });
    const exportId = exportProgress()[0].exportId;
    expect(backend.exportFiles.find(exportId)).toBeUndefined();
    expect(readdirSync(join(backend.staging.folder, 'exports'))).toEqual([]);
    expect(await call('exports.cancel', { exportId })).toEqual({ cancelled: false });
  });

  it('writes a GIF of every frame at the chosen width, playing once', async () => {
    const { project } = await story([{ prompt: 'runs' }, { prompt: 'naps' }, { prompt: 'eats', durationMs: 2500 }]);
    const created = await call('exports.create', { projectId: project.id, request: { format: 'gif', onProblems: 'fail', gif: { width: 48, loop: false } } });
    expect(created).toMatchObject({ fileName: 'Fox story.gif', problems: [] });
    const bytes = exportedFile(created.exportId);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const gif = new GifReader(bytes);
    expect(gif.width).toBe(48);
    expect(gif.numFrames()).toBe(3);
    expect(gif.frameInfo(2).delay).toBe(250);
    expect(gif.loopCount()).toBeNull();
  });

  it('refuses an empty story and an unknown project with their reasons', async () => {
    const { project } = await story([]);
    const empty = await rejection(call('exports.create', { projectId: project.id, request: { format: 'strip', onProblems: 'placeholder' } }));
    expect(empty).toMatchObject({ code: 'conflict', message: '"Fox story" has no frames; add some before exporting it' });
    const unknown = await rejection(call('exports.create', { projectId: '00000000-0000-4000-8000-000000000000', request: { format: 'project' } }));
    expect(unknown.code).toBe('not_found');
  });

  it('validates the request against the contract', async () => {
    const { project } = await story();
    for (const request of [
      { format: 'pdf', onProblems: 'fail', pdf: { panelsPerPage: 5 } },
      // the older name of a layout, given with the new one, must agree with it
      { format: 'pdf', onProblems: 'fail', pdf: { layout: 'worksheet', panelsPerPage: 4 } },
      { format: 'gif', onProblems: 'skip' }, { format: 'gif', onProblems: 'fail', gif: { width: 8 } }, { format: 'project', onProblems: 'fail' }]) {
      const error = await rejection(backend.dispatch('exports.create', { projectId: project.id, request }));
      expect(error.code).toBe('invalid_input');
    }
  });
});

describe('project files', () => {
  it('exports a project file and imports it back as a second project, telling every window', async () => {
    const { project } = await story();
    const created = await call('exports.create', { projectId: project.id, request: { format: 'project' } });
    expect(created.fileName).toBe('Fox story.onestory');
    const path = join(tempDir(), created.fileName);
    writeFileSync(path, exportedFile(created.exportId));

    const imported = await call('exports.importProject', { path });
    expect(imported).toMatchObject({ project: { name: 'Fox story (imported)' }, frames: 3, renders: 2, idsKept: false });
    expect(events.some((m) => m.event === 'projects.changed')).toBe(true);
    const copy = await call('projects.get', { id: imported.project.id });
    expect(copy.frames.map((f) => f.prompt)).toEqual(['runs', 'naps', 'eats']);
  });

  it('refuses what is not a project file, saying why', async () => {
    const path = join(tempDir(), 'notes.onestory');
    writeFileSync(path, 'just some text');
    const error = await rejection(call('exports.importProject', { path }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`${path} is not an Onestory project file: it is not a SQLite database`);
    const missing = await rejection(call('exports.importProject', { path: join(tempDir(), 'gone.onestory') }));
    expect(missing.message).toContain('there is no such file');
  });
});

describe('the exports folder', () => {
  it('hands files over once, and leaves nothing on close', async () => {
    const run = join(tempDir(), 'exports');
    const files = new ExportFiles(run);
    const { exportId, path } = await files.reserve();
    writeFileSync(path, 'the export');
    files.add(exportId, { path, fileName: 'a.pdf' });

    const destination = join(tempDir(), 'chosen.pdf');
    expect(await files.saveTo(exportId, destination)).toBe(true);
    expect(readFileSync(destination, 'utf8')).toBe('the export');
    expect(files.find(exportId)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(await files.saveTo(exportId, destination)).toBe(false);

    const saveError = await files.saveTo((await reserveFile(files)).exportId, join(tempDir(), 'no-such-folder', 'x.pdf')).catch((e: unknown) => e);
    expect(saveError).toMatchObject({ code: 'unavailable', message: expect.stringContaining('does not exist') });

    await files.close();
    expect(existsSync(run)).toBe(false);
  });

  it('lets an export that is never handed over go after a while', async () => {
    const files = new ExportFiles(join(tempDir(), 'exports'), 50);
    const { exportId, path } = await reserveFile(files);
    expect(files.find(exportId)).toBeDefined();
    await expect.poll(() => files.find(exportId) === undefined && !existsSync(path), { timeout: 2000 }).toBe(true);
    await files.close();
  });

  it('names files after the project, safely for every file system', () => {
    expect(exportFileName('Fox story', 'pdf')).toBe('Fox story storyboard.pdf');
    expect(exportFileName('a/b: c?*', 'zip')).toBe('a b c frames.zip');
    expect(exportFileName('..hidden.', 'strip')).toBe('hidden strip.png');
    expect(exportFileName('  ', 'gif')).toBe('story.gif');
    expect(exportFileName('狐狸的故事', 'project')).toBe('狐狸的故事.onestory');
  });
});

async function reserveFile(files: ExportFiles) {
  const reserved = await files.reserve();
  writeFileSync(reserved.path, 'x');
  files.add(reserved.exportId, { path: reserved.path, fileName: 'x.pdf' });
  return reserved;
}
