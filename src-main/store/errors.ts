/** Why a library file could not be opened; the message is written for the user. */
export type LibraryOpenErrorCode = 'newer_schema' | 'not_a_database';

export class LibraryOpenError extends Error {
  readonly code: LibraryOpenErrorCode;
  constructor(code: LibraryOpenErrorCode, message: string) {
    super(message);
    this.name = 'LibraryOpenError';
    this.code = code;
  }
}
