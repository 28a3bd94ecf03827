import type { ServerResponse } from 'node:http';
import type { ApiErrorCode } from '../../../src-shared/contract/index.ts';

/** HTTP status for each contract error code; the body always carries the code itself too. */
export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  internal: 500,
  unavailable: 503,
};

/** Sent on every response: no MIME sniffing, no referrer (URLs may name projects). */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/**
 * `{ "error": { code, message } }` — the shape the renderer turns back into an ApiError.
 * `status` differs from the code's own status only for HTTP-level refusals (403, 405, 413),
 * whose codes stay within the contract's set so every client understands them.
 */
export function sendError(
  res: ServerResponse,
  code: ApiErrorCode,
  message: string,
  status: number = STATUS_BY_CODE[code],
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}
