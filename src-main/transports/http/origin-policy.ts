import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
/** A DNS name or IP literal with an optional port: what a browser can put in Host; the CSP echoes it. */
const HOST_SYNTAX = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Bound to every interface: reachable at each of this machine's addresses. */
export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** Only this machine can reach a server bound here. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * An origin given with `--origin` (where a TLS reverse proxy serves the app, say): http or https, nothing but
 * scheme, host and port. Returns it as browsers send it in Origin; throws with a reason otherwise.
 */
export function parseAllowedOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--origin must be a URL like https://studio.example, not "${value}"`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
    throw new Error(`--origin must be an http or https origin (scheme, host and port only), not "${value}"`);
  }
  return url.origin;
}

/** Decides whether a request comes from this server's own pages and was addressed to this server. */
export interface OriginPolicy {
  /** Why the request is refused, or null when it may go on. */
  refusal(req: IncomingMessage): string | null;
}

export interface OriginPolicyOptions {
  /** Origins besides the server's own whose pages may call it (`--origin`), as parseAllowedOrigin returns them. */
  origins?: readonly string[];
  /** This machine's addresses, the names a wildcard-bound server answers to; default: every interface's. */
  interfaceAddresses?: readonly string[];
}

/** `host:port` as it appears in a Host header or an origin; IPv6 literals get brackets, port 80 is implied. */
export function hostWithPort(host: string, port: number): string {
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === 80 ? name : `${name}:${port}`;
}

/**
 * Host check: defends against DNS rebinding (a foreign name resolving to this machine would otherwise make the
 * browser treat this server as same-origin with an attacker's page). The names served are loopback's, the bound
 * host (for a wildcard bind: every address of this machine) and the hosts of the allowed origins.
 * Origin check: browsers send Origin on every POST and WebSocket handshake, so a foreign page is refused even
 * before the token is looked at; clients without an Origin (curl, tests) pass through. Allowed are the server's
 * own names over http and the allowed origins exactly.
 */
export function createOriginPolicy(boundHost: string, port: number, opts: OriginPolicyOptions = {}): OriginPolicy {
  const names = isWildcardHost(boundHost) ? (opts.interfaceAddresses ?? localAddresses()) : [boundHost];
  const ownHosts = new Set([...names, ...LOOPBACK_NAMES].map((h) => hostWithPort(h.toLowerCase(), port)));
  const allowedOrigins = new Set([...ownHosts].map((h) => `http://${h}`).concat(opts.origins ?? []));
  const allowedHosts = new Set([...ownHosts, ...(opts.origins ?? []).map((o) => new URL(o).host)]);

  return {
    refusal(req) {
      const host = req.headers.host?.toLowerCase();
      if (!host || !HOST_SYNTAX.test(host)) return 'Missing or malformed Host header';
      if (!allowedHosts.has(host)) return `Host "${host}" is not served here`;
      const origin = req.headers.origin;
      if (origin === undefined || allowedOrigins.has(origin.toLowerCase())) return null;
      return `Origin "${origin}" may not use this server (allow it with --origin)`;
    },
  };
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
}
