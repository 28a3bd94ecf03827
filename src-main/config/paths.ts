import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface PathOverrides {
  /** --data-dir flag */
  dataDir?: string;
  /** --db flag */
  dbPath?: string;
  /** --models-dir flag */
  modelsDir?: string;
}

/**
 * Where the library lives. Flags win over environment (ONESTORY_DATA_DIR, ONESTORY_DB), which win
 * over the platform's usual application-data folder, so tests can point everything at a temp dir.
 */
export function resolveDataDir(overrides: PathOverrides = {}, env: NodeJS.ProcessEnv = process.env): string {
  if (overrides.dataDir) return resolve(overrides.dataDir);
  if (env.ONESTORY_DATA_DIR) return resolve(env.ONESTORY_DATA_DIR);
  return platformDataDir(env);
}

export function resolveDbPath(overrides: PathOverrides = {}, env: NodeJS.ProcessEnv = process.env): string {
  if (overrides.dbPath) return resolve(overrides.dbPath);
  if (env.ONESTORY_DB) return resolve(env.ONESTORY_DB);
  return join(resolveDataDir(overrides, env), 'library.sqlite');
}

/** Where imported and downloaded models go: flag, ONESTORY_MODELS_DIR, else `models/` beside the library file. */
export function resolveModelsDir(overrides: PathOverrides = {}, env: NodeJS.ProcessEnv = process.env): string {
  if (overrides.modelsDir) return resolve(overrides.modelsDir);
  if (env.ONESTORY_MODELS_DIR) return resolve(env.ONESTORY_MODELS_DIR);
  return join(dirname(resolveDbPath(overrides, env)), 'models');
}

/** The Hugging Face Hub to download from: ONESTORY_HUB_URL, else HF_ENDPOINT (the Hub clients' mirror setting), else the Hub. */
export function resolveHubUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ONESTORY_HUB_URL || env.HF_ENDPOINT || undefined;
}

function platformDataDir(env: NodeJS.ProcessEnv): string {
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Onestory');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Onestory');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'onestory');
  }
}
