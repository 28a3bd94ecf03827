import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in package.json, which the CLI runs beside (bin/onestory.js runs these sources). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
