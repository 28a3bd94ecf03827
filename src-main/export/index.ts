// Export and import: the public API (see README.md).
export { exportStory, encodeStory, EXPORT_FORMATS, type ExportFormat, type ExportRequest, type ExportResult, type StoryExportRequest } from './export-story.ts';
export { loadStorySnapshot, type ExportProblem, type FrameExportState, type SnapshotFrame, type SnapshotOptions, type StorySnapshot } from './snapshot.ts';
export { describeProblems, ON_PROBLEMS, type OnProblems } from './problems.ts';
export { planWithProjectModel, type PlanStory } from './story-plan.ts';
export { ExportError, type ExportErrorCode } from './errors.ts';
export { GIF_WIDTH, type GifOptions } from './gif.ts';
export { ORIENTATIONS, PANELS_PER_PAGE, PAPERS, type Orientation, type PanelsPerPage, type Paper } from './pdf/page-layout.ts';
export type { PdfOptions } from './pdf/pdf-storyboard.ts';
export { importProjectFile, type ImportedProject } from './project-file/import-project-file.ts';
export { PROJECT_FILE_APPLICATION_ID, PROJECT_FILE_EXTENSION } from './project-file/format.ts';
export { writeFileAtomically } from './atomic-write.ts';
