// What an exported file is called where the user keeps it: the project's name, made safe for every file system.
import type { ExportFormat } from '../../../src-shared/domain/export.ts';
import { PROJECT_FILE_EXTENSION } from '../../export/index.ts';

const ENDINGS: Record<ExportFormat, string> = {
  pdf: ' storyboard.pdf',
  gif: '.gif',
  zip: ' frames.zip',
  strip: ' strip.png',
  project: PROJECT_FILE_EXTENSION,
};

/** Long enough for any project name worth reading; short enough for every file system with the ending. */
const MAX_BASE_LENGTH = 120;

export function exportFileName(projectName: string, format: ExportFormat): string {
  const base = [...projectName.replace(/[\p{Cc}<>:"/\\|?*]+/gu, ' ')]
    .slice(0, MAX_BASE_LENGTH)
    .join('')
    .replace(/\s+/g, ' ')
    // Leading dots hide a file; trailing dots and spaces are dropped by Windows.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return `${base || 'story'}${ENDINGS[format]}`;
}
