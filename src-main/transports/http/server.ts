import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Dispatch } from '../../service/dispatch.ts';
import type { EventBus } from '../../service/events.ts';
import type { ExportFiles } from '../../service/exports/export-files.ts';
import type { ReadRenderImage } from '../../service/images.ts';
import { handleApiCall } from './api-route.ts';
import { createEventsSocket, rejectUpgrade } from './events-socket.ts';
import { handleFileRoute, isFileRoute } from './file-routes.ts';
import { serveRenderImage } from './image-route.ts';
import { DEFAULT_CONNECTION_LIMITS, timeoutOptions, type ConnectionLimits } from './connection-limits.ts';
import { createOriginPolicy, hostWithPort, isWildcardHost } from './origin-policy.ts';
import { sendError } from './respond.ts';
import { serveStatic } from './static-files.ts';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4777;
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BrowserServerOptions {
  dispatch: Dispatch;
  events: EventBus;
  readRenderImage: ReadRenderImage;
  /** finished exports to download; uploaded project files wait in its folder */
  exportFiles: ExportFiles;
  token: string;
  /** directory of the built renderer (index.html and assets) */
  rendererDir: string;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  maxBodyBytes?: number;
  /** origins besides the server's own whose pages may call it (`--origin`), as parseAllowedOrigin returns them */
  origins?: readonly string[];
  /** default: DEFAULT_CONNECTION_LIMITS */
  limits?: Partial<ConnectionLimits>;
}

export interface BrowserServer {
  /** `http://host:port` — what a browser should open (the token goes in the fragment) */
  origin: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode's HTTP + WebSocket server: the contract at `POST /api/<method>`, backend events at
 * `/events`, render images at `/images/…`, export downloads and project uploads (file-routes.ts), the
 * renderer everywhere else. Host and Origin are checked on every request first; sockets are capped in number and
 * in how long they may take (connection-limits.ts).
 */
export async function startServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const host = opts.host ?? DEFAULT_HOST;
  const maxBodyBytes = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...opts.limits };
  const server = createServer(timeoutOptions(limits));
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Known only now when port 0 was asked for; no request is parsed before this tick ends.
  const port = (server.address() as AddressInfo).port;
  const policy = createOriginPolicy(host, port, { origins: opts.origins });
  const eventsSocket = createEventsSocket(opts.events, opts.token);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = parseTarget(req.url);
    if (!url) return sendError(res, 'invalid_input', 'Bad request target');
    const refusal = policy.refusal(req);
    if (refusal) return sendError(res, 'unauthorized', refusal, 403);
    const { pathname } = url;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return handleApiCall(req, res, pathname.slice('/api/'.length), { dispatch: opts.dispatch, token: opts.token, maxBodyBytes });
    }
    if (pathname.startsWith('/images/')) return serveRenderImage(req, res, url, { token: opts.token, readRenderImage: opts.readRenderImage });
    if (isFileRoute(pathname)) return handleFileRoute(req, res, url, { token: opts.token, dispatch: opts.dispatch, exportFiles: opts.exportFiles });
    if (pathname === '/events') return sendError(res, 'invalid_input', 'Connect to /events with a WebSocket', 426, { Upgrade: 'websocket' });
    return serveStatic(req, res, pathname, opts.rendererDir);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      console.error('[onestory] browser mode:', err);
      if (res.headersSent) res.destroy();
      else sendError(res, 'internal', 'The request failed unexpectedly; see the log for details.');
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url);
    const refusal = url ? policy.refusal(req) : 'Bad request target';
    if (refusal) return rejectUpgrade(socket, 403, 'unauthorized', refusal);
    if (url?.pathname !== '/events') return rejectUpgrade(socket, 404, 'not_found', 'Only /events accepts WebSocket connections');
    eventsSocket.handleUpgrade(req, socket, head, url.searchParams.get('token'));
  });

  return {
    origin: `http://${hostWithPort(displayHost(host), port)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        eventsSocket.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Only origin-form targets (`/path?query`) are served. Prefixing a fixed origin keeps a target
 * like `//evil.example/x` a path instead of letting the URL parser read it as a host.
 */
function parseTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    return null;
  }
}

/** A wildcard bind is reachable locally at 127.0.0.1, which is what the printed URL should use. */
function displayHost(host: string): string {
  return isWildcardHost(host) ? '127.0.0.1' : host;
}
