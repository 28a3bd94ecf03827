import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
/** A DNS name or IP literal with an optional port: what a browser can put in Host; the CSP echoes it. */
const HOST_SYNTAX = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** Bound to every interface: the names clients use are unknowable here. */
export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/** Decides whether a request comes from this server's own pages and was addressed to this server. */
export interface OriginPolicy {
  /** Why the request is refused, or null when it may go on. */
  refusal(req: IncomingMessage): string | null;
}

/** `host:port` as it appears in a Host header or an origin; IPv6 literals get brackets, port 80 is implied. */
export function hostWithPort(host: string, port: number): string {
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === 80 ? name : `${name}:${port}`;
}

/**
 * Host check: defends against DNS rebinding (a foreign name resolving to 127.0.0.1 would otherwise
 * make the browser treat this server as same-origin with an attacker's page).
 * Origin check: browsers send Origin on every POST and WebSocket handshake, so a foreign page is
 * refused even before the token is looked at; clients without an Origin (curl, tests) pass through.
 * Bound to a wildcard address the usable names are unknowable, so any Host is accepted there and
 * the Origin must then be the very host the request was sent to.
 */
export function createOriginPolicy(boundHost: string, port: number): OriginPolicy {
  const wildcard = isWildcardHost(boundHost);
  const allowedHosts = new Set([boundHost, ...LOOPBACK_NAMES].map((h) => hostWithPort(h.toLowerCase(), port)));

  return {
    refusal(req) {
      const host = req.headers.host?.toLowerCase();
      if (!host || !HOST_SYNTAX.test(host)) return 'Missing or malformed Host header';
      if (!wildcard && !allowedHosts.has(host)) return `Host "${host}" is not served here`;
      const origin = req.headers.origin;
      if (origin === undefined) return null;
      const originHost = origin.toLowerCase().startsWith('http://') ? origin.slice('http://'.length).toLowerCase() : null;
      const sameServer = originHost !== null && (wildcard ? originHost === host : allowedHosts.has(originHost));
      return sameServer ? null : `Origin "${origin}" may not use this server`;
    },
  };
}
