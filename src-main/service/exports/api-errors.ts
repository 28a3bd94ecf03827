import { ApiError, type ApiErrorCode } from '../../../src-shared/contract/index.ts';
import { ExportError, type ExportErrorCode } from '../../export/index.ts';

const API_CODES: Record<ExportErrorCode, ApiErrorCode> = {
  not_found: 'not_found',
  empty_story: 'conflict',
  problems: 'conflict',
  write_failed: 'unavailable',
  invalid_project_file: 'invalid_input',
  newer_schema: 'invalid_input',
  cancelled: 'conflict',
};

/** The export module's errors are written for the user; they cross the contract as they are. */
export async function withApiErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ExportError ? new ApiError(API_CODES[error.code], error.message) : error;
  }
}
