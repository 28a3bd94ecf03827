import { ApiError, renderImagePath } from '../../../src-shared/contract/index.ts';
import { parseEventMessage } from './events.ts';
import type { Transport } from './transport.ts';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5000;
/** Browsers refuse keepalive requests beyond 64 KiB in flight. */
const KEEPALIVE_MAX_BYTES = 60_000;

/** Browser mode: `POST /api/<method>` with the bearer token, events over the `/events` WebSocket. */
export function createHttpTransport(token: string | null): Transport {
  return {
    invoke: async (method, input) => {
      if (!token) {
        throw new ApiError('unauthorized', 'This page has no access token. Open the full link that `npm run serve` printed.');
      }
      const body = JSON.stringify(input);
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
          // Lets the last save leave even while the page is being closed or reloaded.
          keepalive: new Blob([body]).size <= KEEPALIVE_MAX_BYTES,
        });
      } catch {
        throw new ApiError('unavailable', 'Cannot reach the Onestory server. Is `npm run serve` still running?');
      }
      const result: unknown = await response.json().catch(() => null);
      if (response.ok) return result;
      const error = (result as { error?: unknown } | null)?.error;
      throw ApiError.fromBody(error ?? { code: 'internal', message: `The server answered ${response.status} ${response.statusText}.` });
    },
    subscribe: (listener) => (token ? subscribeToSocket(token, listener) : () => {}),
    // An <img> cannot send headers, so images take the token in the query.
    imageUrl: (renderId, kind) => `${renderImagePath(renderId, kind)}?token=${encodeURIComponent(token ?? '')}`,
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
