// One entry for every format: read the story, refuse or mark what is not ready, encode, write atomically.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Store } from '../store/index.ts';
import { writeFileAtomically } from './atomic-write.ts';
import { frameImages } from './frame-images.ts';
import { encodeStoryGif, type GifOptions } from './gif.ts';
import { encodeImageSequenceZip } from './image-sequence.ts';
import { renderPdfStoryboard, type PdfOptions } from './pdf/pdf-storyboard.ts';
import { assertExportable, type OnProblems } from './problems.ts';
import { writeProjectFile } from './project-file/write-project-file.ts';
import { loadStorySnapshot, type ExportProblem, type SnapshotOptions, type StorySnapshot } from './snapshot.ts';
import { encodeStoryStrip } from './strip.ts';

export const EXPORT_FORMATS = ['pdf', 'gif', 'zip', 'strip', 'project'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

export async function exportStory(store: Store, projectId: string, request: ExportRequest, outPath: string, options: SnapshotOptions = {}): Promise<ExportResult> {
  const path = resolve(outPath);
  if (request.format === 'project') {
    await writeProjectFile(store, projectId, path);
    return { path, bytes: (await stat(path)).size, problems: [], warnings: [] };
  }
  const snapshot = await loadStorySnapshot(store, projectId, options);
  const { bytes, warnings } = await encodeStory(snapshot, request);
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
