// Export and import: the public API (see README.md).
export { exportStory, encodeStory, previewPdf, type ExportOptions, type ExportRequest, type ExportResult, type StoryExportRequest } from './export-story.ts';
export { loadStorySnapshot, type FrameExportState, type SnapshotFrame, type SnapshotOptions, type StorySnapshot } from './snapshot.ts';
export { describeProblems } from './problems.ts';
export { planWithProjectModel, type PlanStory } from './story-plan.ts';
export { ExportError, type ExportErrorCode } from './errors.ts';
export type { GifOptions } from './gif.ts';
// The choices live in src-shared, where the contract and the editor read them too.
export { EXPORT_FORMATS, GIF_WIDTH, ON_PROBLEMS, type ExportFormat, type ExportProblem, type OnProblems } from '../../src-shared/domain/export.ts';
export { ORIENTATIONS, PANELS_PER_PAGE, PAPERS, PDF_LAYOUTS, type Orientation, type PanelsPerPage, type Paper, type PdfLayout } from '../../src-shared/domain/storyboard-layout.ts';
export type { PdfOptions } from './pdf/pdf-storyboard.ts';
export { importProjectFile, type ImportedProject } from './project-file/import-project-file.ts';
export { PROJECT_FILE_APPLICATION_ID, PROJECT_FILE_EXTENSION } from './project-file/format.ts';
export { writeFileAtomically } from './atomic-write.ts';
