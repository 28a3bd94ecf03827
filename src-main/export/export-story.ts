// One entry for every format: read the story, refuse or mark what is not ready, encode, write atomically.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ExportProblem, OnProblems } from '../../src-shared/domain/export.ts';
import type { Store } from '../store/index.ts';
import { writeFileAtomically } from './atomic-write.ts';
import { frameImages } from './frame-images.ts';
import { encodeStoryGif, type GifOptions } from './gif.ts';
import { encodeImageSequenceZip } from './image-sequence.ts';
import { renderPdfStoryboard, type PdfOptions } from './pdf/pdf-storyboard.ts';
import { assertExportable } from './problems.ts';
import { writeProjectFile } from './project-file/write-project-file.ts';
import { loadStorySnapshot, type SnapshotOptions, type StorySnapshot } from './snapshot.ts';
import { encodeStoryStrip } from './strip.ts';

/** What to make; every format but the project file shows the story and so must say what to do about problems. */
export type ExportRequest =
  | { format: 'pdf'; onProblems: OnProblems; pdf?: PdfOptions }
  | { format: 'gif'; onProblems: OnProblems; gif?: GifOptions }
  | { format: 'zip' | 'strip'; onProblems: OnProblems }
  | { format: 'project' };

export type StoryExportRequest = Exclude<ExportRequest, { format: 'project' }>;

export interface ExportResult {
  /** absolute */
  path: string;
  bytes: number;
  /** frames exported as placeholders */
  problems: ExportProblem[];
  warnings: string[];
}

export interface ExportOptions extends SnapshotOptions {
  /** told how far the export has got (0..1) after reading the story and after encoding it */
  onProgress?: (fraction: number) => void;
}

/** Encoding takes most of the time (GIF quantisation, PDF assembly); reading and writing are quick. */
const PROGRESS = { read: 0.1, encoded: 0.9 } as const;

export async function exportStory(store: Store, projectId: string, request: ExportRequest, outPath: string, options: ExportOptions = {}): Promise<ExportResult> {
  const path = resolve(outPath);
  if (request.format === 'project') {
    await writeProjectFile(store, projectId, path);
    return { path, bytes: (await stat(path)).size, problems: [], warnings: [] };
  }
  const snapshot = await loadStorySnapshot(store, projectId, options);
  options.onProgress?.(PROGRESS.read);
  const { bytes, warnings } = await encodeStory(snapshot, request);
  options.onProgress?.(PROGRESS.encoded);
  await writeFileAtomically(path, bytes);
  return { path, bytes: bytes.byteLength, problems: snapshot.problems, warnings };
}

/** The file's bytes, without writing them anywhere (previews use this too). */
export async function encodeStory(snapshot: StorySnapshot, request: StoryExportRequest): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  assertExportable(snapshot, request.onProblems);
  const images = await frameImages(snapshot);
  switch (request.format) {
    case 'pdf':
      return renderPdfStoryboard(snapshot, images, request.pdf);
    case 'gif':
      return { bytes: await encodeStoryGif(images, snapshot.frames.map((f) => f.frame.durationMs), request.gif), warnings: [] };
    case 'zip':
      return { bytes: encodeImageSequenceZip(snapshot, images), warnings: [] };
    case 'strip':
      return { bytes: await encodeStoryStrip(images), warnings: [] };
  }
}
