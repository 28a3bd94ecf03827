// Why a download stopped, for the user: what happened and what to do, knowing the partial files are kept.
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { StoredDownload } from '../../store/index.ts';
import { isDiskFull } from '../files/disk.ts';
import { isNetworkError, isUnreachable, OFFLINE_MESSAGE } from './hub-errors.ts';
import { FileCheckError } from './verify-file.ts';

const KEPT = 'Resume to continue where it stopped; what was downloaded is kept.';

export function describeFailure(error: unknown, download: StoredDownload): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof FileCheckError) return `${error.message}: it was damaged on the way and has been deleted. Resume to fetch it again.`;
  if (isDiskFull(error)) return `The disk is full (${download.dir}). Free some space, then resume; what was downloaded is kept.`;
  if (isUnreachable(error)) return `${OFFLINE_MESSAGE} ${KEPT}`;
  if (isNetworkError(error)) return `The connection to the Hugging Face Hub broke off (${reasonOf(error)}). ${KEPT}`;
  const { code, path = download.dir } = (error ?? {}) as { code?: unknown; path?: string };
  if (code === 'EACCES' || code === 'EPERM') {
    return `Could not write to ${path}: permission denied. Let Onestory write there (or choose another models folder), then resume; what was downloaded is kept.`;
  }
  if (code === 'EROFS') return `Could not write to ${path}: its disk is read-only. Choose another models folder, then resume.`;
  if (code === 'ENOENT') {
    return `Could not find ${path}: the models folder was moved or deleted, or its disk is not connected. Reconnect it (or choose another models folder), then resume.`;
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return `The library could not record the download (${reasonOf(error)}). Check that its disk has room and is writable, then resume.`;
  return `The download stopped on an unexpected error (${reasonOf(error)}). ${KEPT}`;
}

/** The error's message, with its cause's (fetch's TypeError('terminated') carries the socket's error as its cause). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
