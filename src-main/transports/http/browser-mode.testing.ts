import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConnectionLimits } from './connection-limits.ts';
import { startBrowserMode, type BrowserMode } from './serve.ts';

export const TOKEN = 'test-token-0123456789';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** the parsed body, or undefined when it is not JSON */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface TestServer {
  mode: BrowserMode;
  dbPath: string;
  dir: string;
  /** Any HTTP request, headers exactly as given (plus Host and the body's length). */
  raw(req: RawRequest): Promise<RawResponse>;
  /** A well-formed API call: POST, token, JSON. */
  api(method: string, input: unknown): Promise<RawResponse>;
  /** Every row of every table, read through a separate read-only connection. */
  snapshot(): Record<string, unknown[]>;
  close(): Promise<void>;
}

/** A real browser-mode server on 127.0.0.1 with a free port and a library in a fresh temp folder. */
export async function startTestServer(opts: { rendererDir?: string; limits?: Partial<ConnectionLimits> } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'onestory-http-'));
  const dbPath = join(dir, 'library.sqlite');
  const mode = await startBrowserMode({ port: 0, dbPath, token: TOKEN, rendererDir: opts.rendererDir ?? join(dir, 'no-renderer'), limits: opts.limits });

  const raw = ({ method = 'GET', path, headers = {}, body }: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      // node frames a GET/OPTIONS/DELETE body only with an explicit length; without one the body would
      // reach the server as the start of a bogus next request.
      const framing = body === undefined || 'Transfer-Encoding' in headers ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
      const req = request({ host: '127.0.0.1', port: mode.port, method, path, headers: { ...framing, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    mode,
    dbPath,
    dir,
    raw,
    api: (method, input) =>
      raw({
        method: 'POST',
        path: `/api/${method}`,
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      }),
    snapshot() {
      const db = new Database(dbPath, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
        return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
      } finally {
        db.close();
      }
    },
    async close() {
      await mode.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
