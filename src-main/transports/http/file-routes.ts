// Browser mode's file transfers: a finished export goes out as a download, a project file comes in as an upload.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError, parseExportFilePath, PROJECT_UPLOAD_PATH } from '../../../src-shared/contract/index.ts';
import type { Dispatch } from '../../service/dispatch.ts';
import type { ExportFiles } from '../../service/exports/export-files.ts';
import { BASE_HEADERS, sendError, sendJson } from './respond.ts';
import { bearerToken, tokenMatches } from './token.ts';

/** Project files hold every render at full resolution; this fits hundreds of frames with their variants. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export interface FileRouteOptions {
  token: string;
  dispatch: Dispatch;
  exportFiles: ExportFiles;
  maxUploadBytes?: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.gif': 'image/gif',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.onestory': 'application/vnd.sqlite3',
};

export function isFileRoute(pathname: string): boolean {
  return pathname === PROJECT_UPLOAD_PATH || pathname.startsWith('/exports/');
}

export function handleFileRoute(req: IncomingMessage, res: ServerResponse, url: URL, opts: FileRouteOptions): Promise<void> {
  return url.pathname === PROJECT_UPLOAD_PATH ? receiveProjectFile(req, res, url, opts) : sendExport(req, res, url, opts);
}

/**
 * `GET /exports/<exportId>/<fileName>`: a plain link, so it cannot carry the bearer header, and the browser keeps
 * download links in its history, so it must not carry the token either. The export id is the capability instead:
 * random (122 bits), made by a call that needed the token, valid for one download and a few minutes. The file is
 * deleted once it has been sent whole; an interrupted download can be tried again.
 */
async function sendExport(req: IncomingMessage, res: ServerResponse, url: URL, opts: FileRouteOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(res, 'invalid_input', `${req.method} is not allowed here`, 405, { Allow: 'GET, HEAD' });
  }
  const target = parseExportFilePath(url.pathname);
  const file = target && opts.exportFiles.find(target.exportId);
  const size = file && file.fileName === target.fileName ? await stat(file.path).then((s) => s.size, () => null) : null;
  if (!file || size === null) {
    return sendError(res, 'not_found', 'No such export: it was downloaded already, it waited too long, or the server restarted since. Export again.');
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file.fileName).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': attachment(file.fileName),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  const exportId = target.exportId;
  res.once('finish', () => void opts.exportFiles.discard(exportId));
  await pipeline(createReadStream(file.path), res).catch(() => undefined);
}

/** `attachment` with the name twice: plain ASCII for old clients, UTF-8 (RFC 5987) for everyone else. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/**
 * `POST /imports?name=<file name>` with the file as the body and the bearer token: the browser cannot give the
 * server a path, so the bytes wait in this process's staging folder while exports.importProject reads them.
 * `name` only makes error messages speak of the user's file instead of the staged copy.
 */
async function receiveProjectFile(req: IncomingMessage, res: ServerResponse, url: URL, opts: FileRouteOptions): Promise<void> {
  const limit = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  if (req.method !== 'POST') return sendError(res, 'invalid_input', `Use POST for ${PROJECT_UPLOAD_PATH}`, 405, { Allow: 'POST' });
  if (!tokenMatches(opts.token, bearerToken(req.headers.authorization))) {
    return sendError(res, 'unauthorized', 'Missing or wrong token: send "Authorization: Bearer <token>"', 401, { 'WWW-Authenticate': 'Bearer' });
  }
  const tooLarge = () => sendError(res, 'invalid_input', `The file is larger than ${limit} bytes`, 413, { Connection: 'close' });
  if (Number(req.headers['content-length']) > limit) return tooLarge();

  const folder = await opts.exportFiles.stagingFolder();
  const staged = join(folder, 'upload.onestory');
  try {
    if (!(await stage(req, staged, limit))) return tooLarge();
    const name = url.searchParams.get('name') || 'the uploaded file';
    try {
      sendJson(res, 200, await opts.dispatch('exports.importProject', { path: staged }));
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError('internal', 'The import failed unexpectedly');
      sendError(res, error.code, error.message.replaceAll(staged, name));
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Writes the request body to path; false once it grows past limit (what is left of the body is then read and
 * dropped, so the refusal still reaches the client rather than a reset connection).
 */
function stage(req: IncomingMessage, path: string, limit: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path);
    let size = 0;
    file.on('error', reject);
    file.on('finish', () => resolve(true));
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return;
      req.unpipe(file);
      file.destroy();
      resolve(false);
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The upload was interrupted'));
    });
    req.pipe(file);
  });
}
