import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ApiErrorCode } from '../../../src-shared/contract/index.ts';
import type { EventBus } from '../../service/events.ts';
import { tokenMatches } from './token.ts';

export interface EventsSocket {
  /** Completes a WebSocket handshake for `/events?token=…` (the caller has checked Host and Origin). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, token: string | null): void;
  /** Disconnects every client and stops listening to the bus. */
  close(): void;
}

/** Pushes every backend event to every connected browser as `{ "event", "payload" }` JSON. */
export function createEventsSocket(events: EventBus, token: string): EventsSocket {
  // Clients only listen; a tiny payload cap keeps a misbehaving one from making the server buffer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  wss.on('connection', (ws) => {
    // An unhandled 'error' (e.g. a malformed frame) would crash the process.
    ws.on('error', () => ws.terminate());
  });
  const unsubscribe = events.subscribe((message) => {
    const data = JSON.stringify(message);
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data);
    }
  });

  return {
    handleUpgrade(req, socket, head, given) {
      // Browsers cannot set headers on a WebSocket, so the token travels in the query string.
      if (!tokenMatches(token, given)) {
        rejectUpgrade(socket, 401, 'unauthorized', 'Missing or wrong token: connect to /events?token=<token>');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** Answers a refused handshake with a plain HTTP error in the API's JSON shape, then hangs up. */
export function rejectUpgrade(socket: Duplex, status: number, code: ApiErrorCode, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
