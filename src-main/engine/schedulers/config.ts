// Reading scheduler_config.json: diffusers' key names and defaults, checked types, clear errors.
import { PREDICTION_TYPES } from './types.ts';

export type RawConfig = Readonly<Record<string, unknown>>;
export type Warn = (message: string) => void;

export function asRawConfig(value: unknown): RawConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('scheduler_config.json must hold a JSON object');
  }
  return value as RawConfig;
}

/**
 * Every key of `defaults`, taken from `raw` where present. JSON null means "default", as diffusers
 * writes `"trained_betas": null`. Keys whose default is null accept any value; the class checks it.
 */
export function readConfig<T extends object>(
  raw: RawConfig,
  className: string,
  defaults: T,
  choices: { readonly [K in keyof T]?: readonly string[] } = {},
): T & { readonly _class_name: string } {
  const out: Record<string, unknown> = { _class_name: className };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = raw[key];
    if (value === undefined || value === null) {
      out[key] = fallback;
      continue;
    }
    if (fallback !== null && typeof value !== typeof fallback) {
      throw new Error(`${className}: "${key}" must be a ${typeof fallback}, got ${JSON.stringify(value)}`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`${className}: "${key}" must be a finite number`);
    }
    const allowed = (choices as Record<string, readonly string[] | undefined>)[key];
    if (allowed && !allowed.includes(value as string)) {
      throw new Error(`${className}: "${key}" is ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}`);
    }
    out[key] = value;
  }
  return out as T & { readonly _class_name: string };
}

/** Options this implementation does not offer: warn (and ignore them) when a config asks for other than `accepted`. */
export function warnUnsupported(
  raw: RawConfig,
  className: string,
  accepted: Readonly<Record<string, unknown>>,
  warn: Warn | undefined,
): void {
  for (const [key, value] of Object.entries(accepted)) {
    const asked = raw[key];
    if (asked !== undefined && asked !== null && asked !== value) {
      warn?.(`${className}: "${key}": ${JSON.stringify(asked)} is not supported and is ignored`);
    }
  }
}

export const PREDICTION_CHOICES = { prediction_type: PREDICTION_TYPES } as const;
