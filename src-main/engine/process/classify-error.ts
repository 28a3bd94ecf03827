// Which kind of failure a thrown error is, so the main process can tell the user what to fix.
import { ModelFolderError } from '../models/index.ts';
import type { EngineErrorCode } from './protocol.ts';

export function classifyError(error: unknown): Exclude<EngineErrorCode, 'cancelled'> {
  if (error instanceof ModelFolderError) return 'model';
  return 'internal';
}
