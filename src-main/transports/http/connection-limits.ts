// How many sockets browser mode holds and how long it waits for them, so slow or idle clients (slowloris) cannot
// pile up: a request's headers must arrive within seconds, and connections past the cap are closed on arrival.
import type { ServerOptions } from 'node:http';

export interface ConnectionLimits {
  /** open sockets at most (WebSockets included); more are closed as they connect */
  maxConnections: number;
  /** the request line and headers must arrive within this */
  headersTimeoutMs: number;
  /** the whole request, body included (a project upload), must arrive within this */
  requestTimeoutMs: number;
  /** an idle keep-alive socket is closed after this */
  keepAliveTimeoutMs: number;
}

/** A browser keeps a handful of sockets per tab; uploads of large project files need minutes at most. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
};

/** createServer's options for the timeouts (the cap is the server's maxConnections). */
export function timeoutOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node looks for overdue requests on this interval (30 s by default), so a late socket is closed this late at most.
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}
