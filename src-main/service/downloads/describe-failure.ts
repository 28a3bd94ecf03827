// Why a download stopped, for the user: what happened and what to do, knowing the partial files are kept.
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { StoredDownload } from '../../store/index.ts';
import { isDiskFull } from '../files/disk.ts';
import { isUnreachable, OFFLINE_MESSAGE } from './hub-errors.ts';
import { FileCheckError } from './verify-file.ts';

const KEPT = 'Resume to continue where it stopped; what was downloaded is kept.';

export function describeFailure(error: unknown, download: StoredDownload): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof FileCheckError) return `${error.message}: it was damaged on the way and has been deleted. Resume to fetch it again.`;
  if (isDiskFull(error)) return `The disk is full (${download.dir}). Free some space, then resume; what was downloaded is kept.`;
  if (isUnreachable(error)) return `${OFFLINE_MESSAGE} ${KEPT}`;
  // A connection dropped mid-file: fetch's TypeError('terminated') with the socket's error as its cause.
  const reason = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  return `The connection to the Hugging Face Hub broke off (${reason}). ${KEPT}`;
}
