// What the export dialog lets the user choose, and the request it makes of them.
import { z } from 'zod';
import {
  EXPORT_FORMATS,
  GIF_WIDTH,
  GifOptionsSchema,
  PdfOptionsSchema,
  type ExportFormat,
  type ExportRequestInput,
  type OnProblems,
} from '../../../src-shared/domain/export.ts';
import type { Orientation, Paper, PdfLayout } from '../../../src-shared/domain/storyboard-layout.ts';

export interface PdfChoices {
  layout: PdfLayout;
  paper: Paper;
  orientation: Orientation;
  titlePage: boolean;
  prompts: boolean;
  notes: boolean;
  durations: boolean;
  sceneBreaks: boolean;
}

export interface GifChoices {
  width: number;
  loop: boolean;
}

export interface ExportChoices {
  format: ExportFormat;
  pdf: PdfChoices;
  gif: GifChoices;
}

export const INITIAL_CHOICES: ExportChoices = {
  format: 'pdf',
  pdf: { layout: 6, paper: 'a4', orientation: 'landscape', titlePage: false, prompts: true, notes: false, durations: false, sceneBreaks: true },
  gif: { width: GIF_WIDTH.default, loop: true },
};

/** label: the tab; noun: what the Export button makes. */
export const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; noun: string; description: string }> = [
  { format: 'pdf', label: 'PDF', noun: 'PDF', description: 'A printable storyboard: panels with shot numbers, shot types, action, dialogue and captions and, if you like, prompts, notes and durations; or a worksheet with room to write.' },
  { format: 'gif', label: 'GIF', noun: 'GIF', description: 'An animatic: every frame in story order, each shown for its duration.' },
  { format: 'zip', label: 'Images', noun: 'ZIP', description: 'Every frame as a numbered full-size PNG in a ZIP, with story.json: prompts, captions, durations and render settings.' },
  { format: 'strip', label: 'Strip', noun: 'strip', description: 'All frames side by side in one PNG.' },
  { format: 'project', label: 'Project', noun: 'project file', description: 'The whole project in one .onestory file (every variant included), to open in Onestory on this or another computer.' },
];

export function formatInfo(format: ExportFormat): (typeof FORMATS)[number] {
  return FORMATS.find((f) => f.format === format)!;
}

/** The project file carries the renders as they are, so only the other formats have problems to decide on. */
export function showsProblems(format: ExportFormat): boolean {
  return format !== 'project';
}

export function exportRequest(choices: ExportChoices, onProblems: OnProblems): ExportRequestInput {
  switch (choices.format) {
    case 'pdf':
      return { format: 'pdf', onProblems, pdf: choices.pdf };
    case 'gif':
      return { format: 'gif', onProblems, gif: choices.gif };
    case 'zip':
    case 'strip':
      return { format: choices.format, onProblems };
    case 'project':
      return { format: 'project' };
  }
}

/** The part of the Web Storage API the saved choices need (window.localStorage in the app). */
export type ChoicesStorage = Pick<Storage, 'getItem' | 'setItem'>;

const storageKey = (projectId: string) => `onestory.export.${projectId}`;

const SavedChoicesSchema = z.object({
  format: z.enum(EXPORT_FORMATS).catch(INITIAL_CHOICES.format),
  pdf: PdfOptionsSchema.catch({}),
  gif: GifOptionsSchema.catch({}),
});

/**
 * The project's last export choices, kept in this computer's local storage rather than in the project: they
 * say how to print the story, not what the story is, so they stay out of undo, staleness and project files.
 * Whatever was saved by another version, or damaged, falls back field by field to the defaults.
 */
export function loadExportChoices(storage: ChoicesStorage, projectId: string): ExportChoices {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(storageKey(projectId)) ?? 'null');
  } catch {
    return INITIAL_CHOICES;
  }
  const saved = SavedChoicesSchema.safeParse(raw);
  if (!saved.success) return INITIAL_CHOICES;
  const { format, pdf, gif } = saved.data;
  // Choices saved before layouts had their name keep their frames per page.
  const { panelsPerPage, layout = panelsPerPage, ...rest } = pdf;
  return { format, pdf: { ...INITIAL_CHOICES.pdf, ...rest, ...(layout === undefined ? {} : { layout }) }, gif: { ...INITIAL_CHOICES.gif, ...gif } };
}

export function saveExportChoices(storage: ChoicesStorage, projectId: string, choices: ExportChoices): void {
  try {
    storage.setItem(storageKey(projectId), JSON.stringify(choices));
  } catch {
    // Storage full or refused: the choices last for this session only.
  }
}
