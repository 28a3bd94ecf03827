import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { Dispatch } from '../../service/dispatch.ts';
import { sendError, sendJson } from './respond.ts';
import { bearerToken, tokenMatches } from './token.ts';

export interface ApiRouteOptions {
  dispatch: Dispatch;
  token: string;
  maxBodyBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `POST /api/<method>` with a JSON body. The token is checked before the body is read, so an
 * unauthenticated client cannot make the server buffer anything.
 */
export async function handleApiCall(req: IncomingMessage, res: ServerResponse, method: string, opts: ApiRouteOptions): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 'invalid_input', `Use POST for /api/${method}`, 405, { Allow: 'POST' });
    return;
  }
  if (!tokenMatches(opts.token, bearerToken(req.headers.authorization))) {
    sendError(res, 'unauthorized', 'Missing or wrong token: send "Authorization: Bearer <token>" from the URL browser mode printed', 401, {
      'WWW-Authenticate': 'Bearer',
    });
    return;
  }
  const mediaType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    sendError(res, 'invalid_input', 'The request body must be JSON (Content-Type: application/json)');
    return;
  }

  const body = await readBody(req, opts.maxBodyBytes);
  if (body === null) {
    // Closing the connection stops a client that keeps uploading after the refusal.
    sendError(res, 'invalid_input', `The request body is larger than ${opts.maxBodyBytes} bytes`, 413, { Connection: 'close' });
    return;
  }
  let input: unknown;
  try {
    input = JSON.parse(utf8.decode(body));
  } catch (err) {
    sendError(res, 'invalid_input', `The request body is not valid JSON: ${(err as Error).message}`);
    return;
  }

  try {
    sendJson(res, 200, await opts.dispatch(method, input));
  } catch (err) {
    // Dispatch already turns everything into ApiError; anything else is a bug in this layer.
    const error = err instanceof ApiError ? err : new ApiError('internal', `${method} failed unexpectedly`);
    if (!(err instanceof ApiError)) console.error('[onestory] browser mode:', err);
    sendError(res, error.code, error.message);
  }
}

/** The whole body, or null once it exceeds `limit` (the rest is drained and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) resolve(null);
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
