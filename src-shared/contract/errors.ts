import type { z } from 'zod';

/** Error codes every transport understands; HTTP maps them to status codes. */
export const API_ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'unauthorized', 'unavailable', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

/** The one error type that crosses the contract; its message is meant for the user. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
  static fromBody(body: unknown): ApiError {
    const b = body as Partial<ApiErrorBody> | null;
    const code = API_ERROR_CODES.includes(b?.code as ApiErrorCode) ? (b!.code as ApiErrorCode) : 'internal';
    return new ApiError(code, typeof b?.message === 'string' ? b.message : 'Unknown error');
  }
}

/** "frames.0.prompt: expected string" — names the offending field so a caller can fix it. */
export function describeZodError(error: z.ZodError, what: string): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `Invalid ${what}: ${parts.join('; ')}${more}`;
}
