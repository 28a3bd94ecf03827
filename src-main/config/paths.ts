import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PathOverrides {
  /** --data-dir flag */
  dataDir?: string;
  /** --db flag */
  dbPath?: string;
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
