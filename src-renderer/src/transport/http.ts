import { ApiError, contract, exportFilePath, PROJECT_UPLOAD_PATH, renderImagePath } from '../../../src-shared/contract/index.ts';
import { parseEventMessage } from './events.ts';
import { pickFile } from './pick-file.ts';
import type { Transport } from './transport.ts';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5000;
/** Browsers refuse keepalive requests beyond 64 KiB in flight. */
const KEEPALIVE_MAX_BYTES = 60_000;

/**
 * Browser mode: `POST /api/<method>` with the bearer token, events over the `/events` WebSocket; exports come
 * down as downloads, project files go up as the body of `POST /imports`.
 */
export function createHttpTransport(token: string | null): Transport {
  /** One request with the bearer token; resolves with the JSON answer, or rejects with its ApiError. */
  const send = async (path: string, init: RequestInit): Promise<unknown> => {
    if (!token) {
      throw new ApiError('unauthorized', 'This page has no access token. Open the full link that `npm run serve` printed.');
    }
    let response: Response;
    try {
      response = await fetch(path, { ...init, method: 'POST', headers: { ...init.headers, Authorization: `Bearer ${token}` } });
    } catch {
      throw new ApiError('unavailable', 'Cannot reach the Onestory server. Is `npm run serve` still running?');
    }
    const result: unknown = await response.json().catch(() => null);
    if (response.ok) return result;
    const error = (result as { error?: unknown } | null)?.error;
    throw ApiError.fromBody(error ?? { code: 'internal', message: `The server answered ${response.status} ${response.statusText}.` });
  };
  // An <img> cannot send headers, so images take the token in the query.
  const withToken = (path: string) => `${path}?token=${encodeURIComponent(token ?? '')}`;

  return {
    invoke: (method, input) => {
      const body = JSON.stringify(input);
      return send(`/api/${method}`, {
        headers: { 'Content-Type': 'application/json' },
        body,
        // Lets the last save leave even while the page is being closed or reloaded.
        keepalive: new Blob([body]).size <= KEEPALIVE_MAX_BYTES,
      });
    },
    subscribe: (listener) => (token ? subscribeToSocket(token, listener) : () => {}),
    imageUrl: (renderId, kind) => withToken(renderImagePath(renderId, kind)),
    async deliverExport(exportId, fileName) {
      // No token: the export id is the one-time key (see file-routes.ts), and download links stay in the history.
      download(exportFilePath(exportId, fileName), fileName);
      return true;
    },
    async saveImage(renderId, fileName) {
      // The image route serves the stored PNG as it is; the page is same-origin, so `download` names the file.
      download(withToken(renderImagePath(renderId, 'full')), fileName);
      return true;
    },
    // A browser drags the <img> itself; no file needs making.
    dragImageOut: null,
    async importProjectFile() {
      const file = await pickFile('.onestory');
      if (!file) return null;
      const result = await send(`${PROJECT_UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      return contract['exports.importProject'].output.parse(result);
    },
  };
}

/** Keeps one event socket open, reconnecting with backoff when the server restarts. */
function subscribeToSocket(token: string, listener: Parameters<Transport['subscribe']>[0]): () => void {
  let socket: WebSocket | null = null;
  let retryMs = RECONNECT_FIRST_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = () => {
    const url = new URL(`/events?token=${encodeURIComponent(token)}`, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = RECONNECT_FIRST_MS;
    };
    socket.onmessage = (event) => {
      const message = parseEventMessage(parseJson(event.data));
      if (message) listener(message);
    };
    socket.onclose = () => {
      if (stopped) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close();
  };
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

function download(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
}
