import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh per-run secret; 24 random bytes survive URLs and headers as base64url. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Constant-time comparison. Hashing first gives both sides the same length, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** A given token must survive a header, a query string and a URL fragment unescaped. */
export function isUsableToken(token: string): boolean {
  return /^[A-Za-z0-9._~-]+$/.test(token);
}
