import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventMessage, MethodOutput } from '../../../src-shared/contract/index.ts';
import { startTestServer, TOKEN, type RawResponse, type TestServer } from './browser-mode.testing.ts';
import { MAX_BODY_BYTES } from './server.ts';

let server: TestServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer();
  origin = `http://127.0.0.1:${server.mode.port}`;
});
afterAll(() => server.close());

function ok<T>(res: RawResponse): T {
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json as T;
}

function expectError(res: RawResponse, status: number, code: string): string {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const { error } = res.json as { error: { code: string; message: string } };
  expect(error.code).toBe(code);
  expect(error.message).toEqual(expect.any(String));
  return error.message;
}

const jsonHeaders = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

describe('browser mode API over raw HTTP', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(server.mode.url).toBe(`${origin}/#token=${TOKEN}`);
  });

  it('creates, lists, gets and updates projects, and adds and reorders frames', async () => {
    const project = ok<MethodOutput<'projects.create'>>(await server.api('projects.create', { name: 'Fox story', identityPrompt: 'a red fox' }));
    expect(project.name).toBe('Fox story');

    const list = ok<MethodOutput<'projects.list'>>(await server.api('projects.list', {}));
    expect(list.map((p) => p.id)).toContain(project.id);

    const renamed = ok<MethodOutput<'projects.update'>>(await server.api('projects.update', { id: project.id, patch: { name: 'Fox tale' } }));
    expect(renamed.name).toBe('Fox tale');

    const frames: MethodOutput<'frames.add'>[] = [];
    for (const prompt of ['wakes up', 'runs', 'sleeps']) {
      frames.push(ok(await server.api('frames.add', { projectId: project.id, prompt })));
    }
    const reordered = ok<MethodOutput<'frames.reorder'>>(await server.api('frames.reorder', { id: frames[2].id, toPosition: 0 }));
    expect(reordered.map((f) => f.prompt)).toEqual(['sleeps', 'wakes up', 'runs']);

    const got = ok<MethodOutput<'projects.get'>>(await server.api('projects.get', { id: project.id }));
    expect(got.project.name).toBe('Fox tale');
    expect(got.frames.map((f) => [f.position, f.prompt])).toEqual([
      [0, 'sleeps'],
      [1, 'wakes up'],
      [2, 'runs'],
    ]);
  });

  it('answers a malformed payload with 400 naming the field', async () => {
    const message = expectError(await server.api('projects.create', { name: 42 }), 400, 'invalid_input');
    expect(message).toMatch(/\bname\b/);
  });

  it('answers a body that is not JSON with 400', async () => {
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers: jsonHeaders, body: '{oops' }), 400, 'invalid_input');
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers: jsonHeaders, body: Buffer.from([0xff, 0xfe, 0x7b]) }), 400, 'invalid_input');
  });

  it('answers a non-JSON content type with 400', async () => {
    const headers = { ...jsonHeaders, 'Content-Type': 'text/plain' };
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers, body: '{}' }), 400, 'invalid_input');
  });

  it('answers an unknown method with 404 and a missing entity with 404', async () => {
    expectError(await server.api('projects.explode', {}), 404, 'not_found');
    expectError(await server.api('projects.get', { id: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
  });

  it('refuses calls without the token or with a wrong one with 401', async () => {
    const noToken = await server.raw({ method: 'POST', path: '/api/projects.list', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expectError(noToken, 401, 'unauthorized');
    const wrong = { ...jsonHeaders, Authorization: `Bearer ${TOKEN}x` };
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers: wrong, body: '{}' }), 401, 'unauthorized');
    const basic = { ...jsonHeaders, Authorization: `Basic ${TOKEN}` };
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers: basic, body: '{}' }), 401, 'unauthorized');
  });

  it('refuses a foreign Origin with 403 even with the token, and accepts its own origins', async () => {
    const call = (o: string) => server.raw({ method: 'POST', path: '/api/projects.list', headers: { ...jsonHeaders, Origin: o }, body: '{}' });
    expectError(await call('http://evil.example'), 403, 'unauthorized');
    expectError(await call('null'), 403, 'unauthorized');
    expectError(await call(`https://127.0.0.1:${server.mode.port}`), 403, 'unauthorized');
    expectError(await call(`http://127.0.0.1:${server.mode.port + 1}`), 403, 'unauthorized');
    ok(await call(origin));
    ok(await call(`http://localhost:${server.mode.port}`));
  });

  it('refuses a Host header that is not this server (DNS rebinding) with 403', async () => {
    const headers = { ...jsonHeaders, Host: `attacker.example:${server.mode.port}` };
    expectError(await server.raw({ method: 'POST', path: '/api/projects.list', headers, body: '{}' }), 403, 'unauthorized');
    expectError(await server.raw({ path: '/', headers: { Host: `attacker.example:${server.mode.port}` } }), 403, 'unauthorized');
    expectError(await server.raw({ path: '/', headers: { Host: '127.0.0.1:1' } }), 403, 'unauthorized');
  });

  it('answers a body over the limit with 413, whether announced or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
    expectError(await server.raw({ method: 'POST', path: '/api/projects.create', headers: jsonHeaders, body: big }), 413, 'invalid_input');
    const chunked = { ...jsonHeaders, 'Transfer-Encoding': 'chunked' };
    expectError(await server.raw({ method: 'POST', path: '/api/projects.create', headers: chunked, body: big }), 413, 'invalid_input');
    ok(await server.api('projects.list', {}));
  });

  it('answers other HTTP methods on /api with 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await server.raw({ method, path: '/api/projects.list', headers: jsonHeaders });
      expectError(res, 405, 'invalid_input');
      expect(res.headers.allow).toBe('POST');
    }
  });
});

describe('browser mode events over WebSocket', () => {
  const connect = (query: string, headers: Record<string, string> = {}) => new WebSocket(`ws://127.0.0.1:${server.mode.port}/events${query}`, { headers });

  /** The HTTP status a refused handshake was answered with. */
  const refusal = (ws: WebSocket) =>
    new Promise<number>((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the handshake should have been refused')));
    });

  it('pushes project.changed after a mutation', async () => {
    const project = ok<MethodOutput<'projects.create'>>(await server.api('projects.create', { name: 'Evented' }));
    const ws = connect(`?token=${TOKEN}`, { Origin: origin });
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const received: EventMessage[] = [];
    const changed = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        received.push(JSON.parse(String(data)) as EventMessage);
        if (received.some((m) => m.event === 'project.changed')) resolve();
      }),
    );
    ok(await server.api('frames.add', { projectId: project.id, prompt: 'a frame' }));
    await changed;
    expect(received).toContainEqual({ event: 'project.changed', payload: { projectId: project.id } });
    ws.close();
  });

  it('answers a plain GET /events with 426', async () => {
    expectError(await server.raw({ path: `/events?token=${TOKEN}` }), 426, 'invalid_input');
  });

  it('refuses a handshake without the token or with a wrong one (401)', async () => {
    expect(await refusal(connect(''))).toBe(401);
    expect(await refusal(connect('?token=nope'))).toBe(401);
  });

  it('refuses a handshake from a foreign Origin or Host (403)', async () => {
    expect(await refusal(connect(`?token=${TOKEN}`, { Origin: 'http://evil.example' }))).toBe(403);
    expect(await refusal(connect(`?token=${TOKEN}`, { Host: 'attacker.example' }))).toBe(403);
  });
});

describe('browser mode static files', () => {
  let withRenderer: TestServer;

  beforeAll(async () => {
    const rendererDir = join(server.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Onestory</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
    withRenderer = await startTestServer({ rendererDir });
  });
  afterAll(() => withRenderer.close());

  it('serves index.html with a restrictive CSP and nosniff, and assets with their content types', async () => {
    const index = await withRenderer.raw({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toContain('<title>Onestory</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${withRenderer.mode.port}`);
    expect(csp).not.toContain('unsafe-eval');

    const script = await withRenderer.raw({ path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await withRenderer.raw({ path: '/projects/123' });
    expect(route.status).toBe(200);
    expect(route.text).toContain('<title>Onestory</title>');
    expectError(await withRenderer.raw({ path: '/assets/missing.js' }), 404, 'not_found');
  });

  it('never serves a file outside the renderer directory', async () => {
    writeFileSync(join(server.dir, 'secret.txt'), 'TOP SECRET');
    const attempts = ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00'];
    for (const path of attempts) {
      const res = await withRenderer.raw({ path });
      expect(res.text, path).not.toContain('TOP SECRET');
      expect([200, 400, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.text, path).toContain('<title>Onestory</title>');
    }
  });

  it('answers a short build hint when the renderer has not been built', async () => {
    const res = await server.raw({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('npm run build');
  });

  it('does not need the token for static files but does for data', async () => {
    expect((await withRenderer.raw({ path: '/' })).status).toBe(200);
    expectError(await withRenderer.raw({ method: 'POST', path: '/api/projects.list', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 401, 'unauthorized');
  });
});
