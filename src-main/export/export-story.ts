// One entry for every format: read the story, refuse or mark what is not ready, encode, write atomically.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ExportProblem, OnProblems } from '../../src-shared/domain/export.ts';
import type { Store } from '../store/index.ts';
import { cropToStoryAspect } from './aspect-crop.ts';
import { writeFileAtomically } from './atomic-write.ts';
import { frameImages, framePictures } from './frame-images.ts';
import { encodeStoryGif, type GifOptions } from './gif.ts';
import { encodeImageSequenceZip } from './image-sequence.ts';
import type { PdfPreview } from '../../src-shared/domain/pdf-preview.ts';
import { layoutPdfStoryboard, renderPdfStoryboard, type PdfOptions } from './pdf/pdf-storyboard.ts';
import { ExportError } from './errors.ts';
import { assertExportable } from './problems.ts';
import { reach, stage, STAGES, type ExportControl } from './progress.ts';
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

export interface ExportOptions extends SnapshotOptions, ExportControl {}

export async function exportStory(store: Store, projectId: string, request: ExportRequest, outPath: string, options: ExportOptions = {}): Promise<ExportResult> {
  const path = resolve(outPath);
  try {
    if (request.format === 'project') {
      await writeProjectFile(store, projectId, path);
      return { path, bytes: (await stat(path)).size, problems: [], warnings: [] };
    }
    const snapshot = await loadStorySnapshot(store, projectId, options);
    reach(options, STAGES.read);
    const { bytes, warnings } = await encodeStory(snapshot, request, options);
    reach(options, STAGES.encoded);
    await writeFileAtomically(path, bytes);
    return { path, bytes: bytes.byteLength, problems: snapshot.problems, warnings };
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof ExportError)) throw new ExportError('cancelled', 'The export was cancelled; no file was written.', { cause: error });
    throw error;
  }
}

/** The file's bytes, without writing them anywhere (previews use this too); warnings include the snapshot's. */
export async function encodeStory(snapshot: StorySnapshot, request: StoryExportRequest, control?: ExportControl): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  assertExportable(snapshot, request.onProblems);
  const { bytes, warnings } = await encodeFormat(await cropToStoryAspect(snapshot), request, control);
  return { bytes, warnings: [...snapshot.warnings, ...warnings] };
}

async function encodeFormat(snapshot: StorySnapshot, request: StoryExportRequest, control?: ExportControl): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const n = snapshot.frames.length;
  // The PDF draws placeholder marks itself, as vector shapes and text; the other formats get them burnt in.
  if (request.format === 'pdf') return renderPdfStoryboard(snapshot, framePictures(snapshot), request.pdf, stage(control, STAGES.read, STAGES.encoded, n));
  const images = await frameImages(snapshot, stage(control, STAGES.read, STAGES.images, n));
  switch (request.format) {
    case 'gif': {
      const durations = snapshot.frames.map((f) => f.frame.durationMs);
      return { bytes: await encodeStoryGif(images, durations, request.gif, stage(control, STAGES.images, STAGES.resized, n)), warnings: [] };
    }
    case 'zip':
      return { bytes: encodeImageSequenceZip(snapshot, images), warnings: [] };
    case 'strip':
      return { bytes: await encodeStoryStrip(images), warnings: [] };
  }
}

/** The PDF's layout for these options, as exports.pdfPreview gives it: frames by id, lines as they will print. */
export async function previewPdf(snapshot: StorySnapshot, options: PdfOptions): Promise<PdfPreview> {
  const sized = await cropToStoryAspect(snapshot, { pixels: false });
  const layout = await layoutPdfStoryboard(sized, framePictures(sized), options);
  const frameId = (j: number) => sized.frames[j].frame.id;
  return {
    pages: layout.pages.map(({ scene, panels }) => ({
      scene,
      panels: panels.map((panel) => {
        switch (panel.kind) {
          case 'grid':
            return { kind: 'grid', frameId: frameId(panel.frameIndex), picture: panel.picture, text: panel.text, lines: panel.fitted.lines };
          case 'worksheet':
            return {
              kind: 'worksheet',
              frameId: frameId(panel.frameIndex),
              picture: panel.picture,
              fields: panel.fields.map(({ label, box, text, fitted, ruled }) => ({ label, box, text, lines: fitted.lines, ruled })),
            };
          case 'continued':
            return { kind: 'continued', frameId: frameId(panel.frameIndex), text: panel.text, lines: panel.fitted.lines };
        }
      }),
    })),
    warnings: [...snapshot.warnings, ...layout.warnings],
  };
}
