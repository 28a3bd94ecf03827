// Browser mode's file transfers: export downloads (token, 404, Content-Disposition, gone once delivered) and
// project file uploads (token, size cap, the user's file named in errors).
import { readdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFilePath, type MethodOutput } from '../../../src-shared/contract/index.ts';
import { addTestStory } from '../../export/test-story.testing.ts';
import { ExportFiles } from '../../service/exports/export-files.ts';
import { openStore } from '../../store/index.ts';
import { startTestServer, TOKEN, type TestServer } from './browser-mode.testing.ts';
import { handleFileRoute } from './file-routes.ts';

let server: TestServer;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  // Written through a second connection, as a job would: the server reads what was committed.
  const store = openStore(server.dbPath);
  projectId = (await addTestStory(store, { name: 'Fox “story”', frames: [{ prompt: 'runs' }, { prompt: 'naps' }] })).project.id;
  store.close();
});
afterAll(() => server.close());

interface BytesResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with a binary answer (RawResponse decodes bodies as text). */
function send(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<BytesResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

async function createExport(request: unknown): Promise<MethodOutput<'exports.create'>> {
  const res = await server.api('exports.create', { projectId, request });
  expect(res.status, res.text).toBe(200);
  return res.json as MethodOutput<'exports.create'>;
}

const errorCode = (res: BytesResponse) => (JSON.parse(res.body.toString('utf8')) as { error: { code: string; message: string } }).error;

describe('GET /exports/<id>/<name>', () => {
  it('sends the file as an attachment named in plain ASCII and in UTF-8, once', async () => {
    const created = await createExport({ format: 'pdf', onProblems: 'fail' });
    expect(created.fileName).toBe('Fox “story” storyboard.pdf');
    const path = exportFilePath(created.exportId, created.fileName);

    const head = await send(server.mode.port, path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const res = await send(server.mode.port, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(created.bytes));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Fox _story_ storyboard.pdf"; filename*=UTF-8''Fox%20%E2%80%9Cstory%E2%80%9D%20storyboard.pdf`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.body.byteLength).toBe(created.bytes);

    // Delivered: the file is gone from the exports folder.
    await expect.poll(async () => (await send(server.mode.port, path)).status).toBe(404);
    expect(errorCode(await send(server.mode.port, path))).toMatchObject({ code: 'not_found', message: expect.stringContaining('Export again') });
  });

  it('takes the export id as its key, not the token (download links stay in the history): the right id, name and GET', async () => {
    const created = await createExport({ format: 'gif', onProblems: 'fail', gif: { width: 32 } });
    const path = exportFilePath(created.exportId, created.fileName);
    expect((await send(server.mode.port, path, { method: 'POST' })).status).toBe(405);
    expect((await send(server.mode.port, exportFilePath(created.exportId, 'other.gif'))).status).toBe(404);
    expect((await send(server.mode.port, exportFilePath('00000000-0000-4000-8000-000000000000', created.fileName))).status).toBe(404);
    expect((await send(server.mode.port, '/exports/nonsense')).status).toBe(404);
    // Host and Origin are checked first, as everywhere.
    const foreign = await send(server.mode.port, path, { headers: { Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);

    const res = await send(server.mode.port, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    expect(res.body.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  });
});

describe('POST /imports', () => {
  it('imports the uploaded project file', async () => {
    const created = await createExport({ format: 'project' });
    const file = await send(server.mode.port, exportFilePath(created.exportId, created.fileName));
    const res = await send(server.mode.port, '/imports?name=Fox.onestory', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/octet-stream' },
      body: file.body,
    });
    expect(res.status, res.body.toString()).toBe(200);
    const imported = JSON.parse(res.body.toString('utf8')) as MethodOutput<'exports.importProject'>;
    expect(imported).toMatchObject({ project: { name: 'Fox “story” (imported)' }, frames: 2, renders: 2 });
    expect(((await server.api('projects.list', {})).json as unknown[]).length).toBe(2);
  });

  it('names the user’s file, not the staged copy, when refusing it', async () => {
    const res = await send(server.mode.port, '/imports?name=holiday.jpg', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: Buffer.from('not a database at all'),
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toEqual({ code: 'invalid_input', message: 'holiday.jpg is not an Onestory project file: it is not a SQLite database' });
  });

  it('wants the token and POST', async () => {
    const unauthorized = await send(server.mode.port, '/imports', { method: 'POST', body: Buffer.from('x') });
    expect(unauthorized.status).toBe(401);
    expect((await send(server.mode.port, `/imports?token=${TOKEN}`)).status).toBe(405);
  });
});

describe('upload size cap', () => {
  let capped: Server;
  let port: number;
  let files: ExportFiles;
  beforeAll(async () => {
    files = new ExportFiles(join(server.dir, 'capped-exports'));
    const fail = () => Promise.reject(new Error('not reached'));
    capped = createServer((req, res) => void handleFileRoute(req, res, new URL(req.url!, 'http://localhost'), { token: TOKEN, dispatch: fail, exportFiles: files, maxUploadBytes: 1000 }));
    await new Promise<void>((resolve) => capped.listen(0, '127.0.0.1', resolve));
    port = (capped.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => capped.close(resolve));
    await files.close();
  });

  it('refuses a body over the cap, declared or streamed, and keeps nothing', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const declared = await send(port, '/imports', { method: 'POST', headers, body: Buffer.alloc(1001) });
    expect(declared.status).toBe(413);
    const streamed = await send(port, '/imports', { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' }, body: Buffer.alloc(5000) });
    expect(streamed.status).toBe(413);
    const root = join(server.dir, 'capped-exports');
    // The staged bytes go once the refusal is sent.
    await expect.poll(() => readdirSync(root).flatMap((run) => readdirSync(join(root, run)))).toEqual([]);
  });
});
