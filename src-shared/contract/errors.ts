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

const MAX_ISSUES = 5;
const MAX_KEYS = 20;
const MAX_KEY_CHARS = 40;
const MAX_PART_CHARS = 500;

/** `text` cut to `max` characters, marked where it was cut. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** zod's own message, except that unknown keys are listed 20 at most (zod echoes every one, however many came). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const listed = issue.keys.slice(0, MAX_KEYS).map((key) => JSON.stringify(clip(key, MAX_KEY_CHARS)));
  const more = issue.keys.length > MAX_KEYS ? ` … and ${issue.keys.length - MAX_KEYS} more` : '';
  return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${listed.join(', ')}${more}`;
}

/**
 * "frames.0.prompt: expected string" — names the offending field so a caller can fix it. Bounded whatever the
 * input: at most 5 issues, each cut to 500 characters.
 */
export function describeZodError(error: z.ZodError, what: string): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    return clip(path ? `${path}: ${issueMessage(issue)}` : issueMessage(issue), MAX_PART_CHARS);
  });
  const more = error.issues.length > MAX_ISSUES ? ` (and ${error.issues.length - MAX_ISSUES} more)` : '';
  return `Invalid ${what}: ${parts.join('; ')}${more}`;
}
