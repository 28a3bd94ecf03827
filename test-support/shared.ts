// Access to ../shared (reference values, CLIP vocabulary). Present beside every checkout and in CI;
// when it is absent the suites that need it are skipped with a message that says so.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';

export const sharedDir = resolve(import.meta.dirname, '..', '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'reference'));

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

export function readSharedJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T;
}

/** A describe block that runs only where ../shared exists, and says clearly why it did not run. */
export function describeWithShared(name: string, body: () => void): void {
  if (hasShared) {
    describe(name, body);
  } else {
    console.warn(`[skipped] "${name}": ../shared (${sharedDir}) is absent; its reference values are needed.`);
    describe.skip(`${name} (needs ../shared, absent at ${sharedDir})`, body);
  }
}
