// A stand-in for the Hugging Face Hub's HTTP API on 127.0.0.1, serving model folders from disk the way the Hub
// serves a repository: the revision API (commit sha), the recursive tree listing (sizes, Git oids, LFS sha256),
// `resolve/<rev>/<path>` (Git LFS files redirect to a CDN path, as the Hub's do) and HTTP Range requests.
// It records every content request and the bytes it sent, and can misbehave on cue.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, relative, sep } from 'node:path';

export interface MockRepo {
  /** owner/name */
  id: string;
  /** the folder whose files the repository holds */
  dir: string;
  /** when set, every request must carry this token */
  gatedToken?: string;
}

/** One request for a file's content (resolve or CDN), and what was sent back. */
export interface ServedRequest {
  repo: string;
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

interface RepoFile {
  path: string;
  content: Buffer;
  lfs: boolean;
  sha256: string;
  gitOid: string;
}

const isLfs = (path: string) => /\.(onnx|onnx_data|pb)$/.test(path);

export class MockHub {
  readonly requests: ServedRequest[] = [];
  readonly #server: Server;
  readonly #repos = new Map<string, { repo: MockRepo; commit: string; files: Map<string, RepoFile> }>();
  readonly #sockets = new Set<Socket>();
  readonly #drops = new Map<string, number[]>();
  readonly #stalls = new Map<string, { after: number; then: 'continue' | 'drop'; reached: () => void; released: Promise<void> }>();
  readonly #corrupt = new Set<string>();
  readonly #listedSizes = new Map<string, number>();
  readonly #rangesIgnored = new Set<string>();

  private constructor(repos: readonly MockRepo[]) {
    for (const repo of repos) {
      const files = new Map(listFolder(repo.dir).map((f) => [f.path, f]));
      const commit = createHash('sha1').update(repo.id).update([...files.values()].map((f) => f.gitOid).join()).digest('hex');
      this.#repos.set(repo.id, { repo, commit, files });
    }
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(repos: readonly MockRepo[]): Promise<MockHub> {
    const hub = new MockHub(repos);
    await new Promise<void>((resolve) => hub.#server.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  commitOf(repo: string): string {
    return this.#repos.get(repo)!.commit;
  }

  /** Content requests for one file of a repository, from request index `from` on. */
  requestsFor(repo: string, path: string, from = 0): ServedRequest[] {
    return this.requests.slice(from).filter((r) => r.repo === repo && r.path === path);
  }

  /** The next `times` transfers of the file (after those already set to drop) each send `after` bytes, then the connection drops. */
  dropAfter(repo: string, path: string, after: number, times = 1): void {
    const key = `${repo}:${path}`;
    this.#drops.set(key, [...(this.#drops.get(key) ?? []), ...Array<number>(times).fill(after)]);
  }

  /**
   * The next transfer of the file sends `after` bytes, then waits: `reached` settles there, `release()` sends the rest
   * or, `then` 'drop', drops the connection (once the client has taken in what was sent, unlike dropAfter).
   */
  stallAfter(repo: string, path: string, after: number, then: 'continue' | 'drop' = 'continue'): { reached: Promise<void>; release(): void } {
    let reached = () => {};
    let release = () => {};
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#stalls.set(`${repo}:${path}`, { after, then, reached, released });
    return { reached: reachedPromise, release };
  }

  /** The file is served with one byte changed (its size and the listed hash stay the Hub's). */
  corrupt(repo: string, path: string): void {
    this.#corrupt.add(`${repo}:${path}`);
  }

  /** The repository's files are always sent whole, whatever range is asked for (a server that cannot resume). */
  ignoreRanges(repo: string): void {
    this.#rangesIgnored.add(repo);
  }

  /** The listing says the file has `size` bytes. */
  listSize(repo: string, path: string, size: number): void {
    this.#listedSizes.set(`${repo}:${path}`, size);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (parts[0] === 'cdn') return this.#serveCdn(req, res, parts.slice(1));
    const api = parts[0] === 'api' && parts[1] === 'models';
    const [owner, name, action, revision, ...rest] = api ? parts.slice(2) : parts;
    const entry = this.#repos.get(`${owner}/${name}`);
    if (!entry) return sendError(res, 401, 'RepoNotFound', 'Repository not found');
    if (entry.repo.gatedToken && req.headers.authorization !== `Bearer ${entry.repo.gatedToken}`) {
      return sendError(res, 401, 'GatedRepo', `Access to model ${entry.repo.id} is restricted. You must have access to it and be authenticated to access it.`);
    }
    if (revision !== 'main' && revision !== entry.commit) return sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${revision}`);
    if (api && action === 'revision') return sendJson(res, { _id: entry.commit.slice(0, 24), id: entry.repo.id, sha: entry.commit, private: false, gated: entry.repo.gatedToken ? 'manual' : false });
    if (api && action === 'tree') return sendJson(res, this.#tree(entry.repo.id, entry.files));
    if (!api && action === 'resolve') {
      const file = entry.files.get(rest.join('/'));
      if (!file) return sendError(res, 404, 'EntryNotFound', 'Entry not found');
      if (file.lfs) {
        res.writeHead(302, { Location: `/cdn/${encodeURIComponent(entry.repo.id)}/${file.path}`, 'X-Linked-Size': String(file.content.length), 'X-Linked-ETag': `"${file.sha256}"` });
        return void res.end();
      }
      return void this.#serveContent(req, res, entry.repo.id, file);
    }
    sendError(res, 404, 'NotFound', `No route for ${url.pathname}`);
  }

  #serveCdn(req: IncomingMessage, res: ServerResponse, [repoId, ...path]: string[]): void {
    const file = this.#repos.get(repoId)?.files.get(path.join('/'));
    if (!file) return sendError(res, 404, 'EntryNotFound', 'Entry not found');
    void this.#serveContent(req, res, repoId, file);
  }

  #tree(repo: string, files: Map<string, RepoFile>): unknown[] {
    const dirs = new Set([...files.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join('/'))));
    return [
      ...[...dirs].map((path) => ({ type: 'directory', oid: createHash('sha1').update(path).digest('hex'), size: 0, path })),
      ...[...files.values()].map((f) => {
        const size = this.#listedSizes.get(`${repo}:${f.path}`) ?? f.content.length;
        return f.lfs
          ? { type: 'file', oid: createHash('sha1').update(`pointer ${f.sha256}`).digest('hex'), size, path: f.path, lfs: { oid: f.sha256, size, pointerSize: 134 } }
          : { type: 'file', oid: f.gitOid, size, path: f.path };
      }),
    ];
  }

  async #serveContent(req: IncomingMessage, res: ServerResponse, repo: string, file: RepoFile): Promise<void> {
    const size = file.content.length;
    const range = req.headers.range ?? null;
    const probe = range === 'bytes=0-0';
    const match = range && (probe || !this.#rangesIgnored.has(repo)) ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    const start = match ? Number(match[1]) : 0;
    const end = match && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
    const record: ServedRequest = { repo, path: file.path, range, status: match ? 206 : 200, bytes: 0 };
    this.requests.push(record);
    if (start >= size) return sendError(res, 416, 'RangeNotSatisfiable', 'Range not satisfiable');
    let body = file.content.subarray(start, end + 1);
    const key = `${repo}:${file.path}`;
    if (this.#corrupt.has(key) && body.length > 0) {
      body = Buffer.from(body);
      body[body.length >> 1] ^= 0xff;
    }
    res.writeHead(record.status, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(body.length),
      'Accept-Ranges': 'bytes',
      ETag: `"${file.lfs ? file.sha256 : file.gitOid}"`,
      ...(match ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    const drop = probe ? undefined : this.#drops.get(key)?.shift();
    const stall = probe ? undefined : this.#stalls.get(key);
    const cut = drop ?? stall?.after;
    if (cut === undefined || cut >= body.length) {
      record.bytes = body.length;
      return void res.end(body);
    }
    await write(res, body.subarray(0, cut));
    record.bytes = cut;
    if (drop !== undefined) return void res.socket?.destroy();
    this.#stalls.delete(key);
    stall!.reached();
    await stall!.released;
    if (res.destroyed) return;
    if (stall!.then === 'drop') return void res.socket?.end();
    record.bytes = body.length;
    res.end(body.subarray(cut));
  }
}

function listFolder(dir: string): RepoFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => statSync(join(dir, rel)).isFile())
    .sort()
    .map((rel) => {
      const content = readFileSync(join(dir, rel));
      const path = relative(dir, join(dir, rel)).split(sep).join('/');
      const gitOid = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
      return { path, content, lfs: isLfs(path), sha256: createHash('sha256').update(content).digest('hex'), gitOid };
    });
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve())));
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Error-Code': code });
  res.end(JSON.stringify({ error: message }));
}
