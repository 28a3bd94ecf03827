import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../../app/backend.ts';
import { resolveDbPath, resolveHubUrl, resolveModelsDir } from '../../config/paths.ts';
import type { ConnectionLimits } from './connection-limits.ts';
import { isLoopbackHost, parseAllowedOrigin } from './origin-policy.ts';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from './server.ts';
import { generateToken, isUsableToken } from './token.ts';

export interface BrowserModeOptions {
  host?: string;
  port?: number;
  dbPath?: string;
  dataDir?: string;
  /** where imported and downloaded models go; default: models/ beside the library */
  modelsDir?: string;
  /** default: a fresh random token */
  token?: string;
  /** default: out/renderer of this checkout */
  rendererDir?: string;
  /** origins besides the server's own whose pages may call it (where a TLS reverse proxy serves it) */
  origins?: readonly string[];
  limits?: Partial<ConnectionLimits>;
}

export interface BrowserMode {
  /** `http://host:port/#token=…` — the fragment never reaches request lines or logs */
  url: string;
  port: number;
  token: string;
  /** Stops the server, then closes the library. */
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '..', '..', '..', 'out', 'renderer');

/** Opens the library and serves it to a browser; what `npm run serve` runs, and what tests start. */
export async function startBrowserMode(opts: BrowserModeOptions = {}): Promise<BrowserMode> {
  const paths = { dbPath: opts.dbPath, dataDir: opts.dataDir, modelsDir: opts.modelsDir };
  // No secret storage outside Electron: a Hugging Face token given in browser mode lasts until the server stops.
  const backend = openBackend({ dbPath: resolveDbPath(paths), modelsDir: resolveModelsDir(paths), hubUrl: resolveHubUrl(), resumeJobs: true });
  try {
    const token = opts.token ?? generateToken();
    const server = await startServer({
      dispatch: backend.dispatch,
      events: backend.events,
      readRenderImage: backend.readRenderImage,
      exportFiles: backend.exportFiles,
      token,
      rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
      host: opts.host,
      port: opts.port,
      origins: opts.origins,
      limits: opts.limits,
    });
    return {
      url: `${server.origin}/#token=${token}`,
      port: server.port,
      token,
      async close() {
        await server.close();
        await backend.close();
      },
    };
  } catch (err) {
    await backend.close();
    throw err;
  }
}

const USAGE = `Usage: node src-main/transports/http/serve.ts [--host H [--allow-remote]] [--origin URL]... [--port N] [--db PATH]
       [--data-dir DIR] [--models-dir DIR] [--token T] [--renderer-dir DIR] [--open]
  --host H        the address to listen on (default ${DEFAULT_HOST}); any other than loopback needs --allow-remote
  --allow-remote  let other machines connect: the token and your library then travel over the network unencrypted
  --origin URL    also accept pages from this origin, e.g. https://studio.example behind a TLS reverse proxy (repeatable)`;

/** Thrown for a command line that cannot work; main() answers it with exit code 2. */
class UsageError extends Error {}

type CliOptions = BrowserModeOptions & { host: string; open: boolean; help: boolean };

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        'data-dir': { type: 'string' },
        'models-dir': { type: 'string' },
        token: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        origin: { type: 'string', multiple: true, default: [] },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const port = values.port ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${port}"`);
  const token = values.token ?? env.ONESTORY_TOKEN;
  if (token !== undefined && !isUsableToken(token)) throw new UsageError('--token may contain only letters, digits and . _ ~ -');
  if (values.host === '') throw new UsageError('--host must not be empty');
  const host = values.host ?? DEFAULT_HOST;
  if (!isLoopbackHost(host) && !values['allow-remote']) {
    throw new UsageError(`--host ${host} lets other machines reach your library; add --allow-remote if that is what you want`);
  }
  let origins: string[];
  try {
    origins = values.origin.map(parseAllowedOrigin);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    host,
    origins,
    port: Number(port),
    dbPath: values.db,
    dataDir: values['data-dir'],
    modelsDir: values['models-dir'],
    token,
    rendererDir: values['renderer-dir'],
    open: values.open,
    help: values.help,
  };
}

function startErrorMessage(err: unknown, port: number | undefined): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use; choose another with --port (0 picks a free one)`;
  if (code === 'EADDRNOTAVAIL') return 'the --host address does not belong to this machine';
  return err instanceof Error ? err.message : String(err);
}

function remoteWarning(host: string, port: number): string {
  return [
    `Warning: --host ${host} makes browser mode reachable from other machines; anyone who learns the token can read and change your library.`,
    'The connection is plain HTTP: the token (in headers, image URLs and the event socket) and all your work travel in clear text.',
    'Safer: keep the default loopback host and reach it through a TLS reverse proxy (allow its address with --origin https://…)',
    `or an SSH tunnel from the other machine: ssh -L ${port}:127.0.0.1:${port} <this machine>, then open the printed URL there.`,
  ].join('\n');
}

/** Best effort: the URL is printed anyway, so a missing opener only costs a click. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => console.error(`Could not open a browser (${command}); open the URL above yourself.`));
  child.unref();
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`onestory serve: ${err.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  let mode: BrowserMode;
  try {
    mode = await startBrowserMode(options);
  } catch (err) {
    console.error(`onestory serve: ${startErrorMessage(err, options.port)}`);
    process.exitCode = 1;
    return;
  }
  const shutdown = () => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    mode.close().catch((err: unknown) => {
      console.error('onestory serve: shutdown failed:', err);
      process.exitCode = 1;
    });
  };
  // Handlers first: whoever reads the line below may signal at once.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (!isLoopbackHost(options.host)) console.error(remoteWarning(options.host, mode.port));
  console.log(`Onestory browser mode: ${mode.url}`);
  if (options.open) openInBrowser(mode.url);
}

if (import.meta.main) await main();
