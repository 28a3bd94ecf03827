/** Why an export or import did not happen; the message is written for the user. */
export type ExportErrorCode =
  | 'not_found'
  | 'empty_story'
  | 'problems'
  | 'write_failed'
  | 'invalid_project_file'
  | 'newer_schema'
  | 'cancelled';

export class ExportError extends Error {
  readonly code: ExportErrorCode;
  constructor(code: ExportErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExportError';
    this.code = code;
  }
}
