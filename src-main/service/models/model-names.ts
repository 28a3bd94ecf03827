// Model names are what the picker shows, so no two models share one (compared without case).
import { MODEL_NAME_MAX } from '../../../src-shared/domain/index.ts';

export function sameModelName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/**
 * `wanted` (trimmed, cut to the length a name may have), or "wanted (2)", "wanted (3)"…: the first that none of
 * `taken` is. A folder imported twice so becomes "sd15" and "sd15 (2)".
 */
export function uniqueModelName(wanted: string, taken: readonly string[]): string {
  const base = wanted.trim() || 'model';
  const free = (name: string) => !taken.some((t) => sameModelName(t, name));
  const fitted = base.slice(0, MODEL_NAME_MAX).trimEnd();
  if (free(fitted)) return fitted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, MODEL_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (free(name)) return name;
  }
}
