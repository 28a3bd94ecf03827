import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_ERROR_CODES, contract, isMethodName, METHOD_NAMES, type MethodInput, type MethodName, type MethodOutput } from '../../../src-shared/contract/index.ts';
import { startTestServer, TOKEN, type RawRequest, type TestServer } from './browser-mode.testing.ts';
import { MAX_BODY_BYTES } from './server.ts';

// Property: no malformed request crashes the server, gets anything but a 4xx JSON error, or changes the library.

let server: TestServer;
let templates: { [M in MethodName]: MethodInput<M> };

beforeAll(async () => {
  server = await startTestServer();
  // Real targets, so that corrupted calls aim at rows that exist and would change if validation slipped.
  const project = (await server.api('projects.create', { name: 'Target', identityPrompt: 'a fox' })).json as MethodOutput<'projects.create'>;
  const frame = (await server.api('frames.add', { projectId: project.id, prompt: 'runs' })).json as MethodOutput<'frames.add'>;
  await server.api('frames.add', { projectId: project.id, prompt: 'sleeps' });
  const scene = (await server.api('scenes.add', { projectId: project.id, heading: 'INT. DEN – NIGHT' })).json as MethodOutput<'scenes.add'>;
  templates = {
    'projects.list': {},
    'projects.get': { id: project.id },
    'projects.create': { name: 'New', identityPrompt: 'a cat', negativePrompt: '', modelId: null, settings: { seed: 7, reweight: { mode: 'svr' } } },
    'projects.update': { id: project.id, patch: { name: 'Renamed', negativePrompt: 'blur', settings: { steps: 20 } } },
    'projects.delete': { id: project.id },
    'projects.duplicate': { id: project.id, name: 'Copy' },
    'frames.add': { projectId: project.id, prompt: 'jumps', caption: 'c', notes: 'n', durationMs: 500, position: 0 },
    'frames.update': { id: frame.id, patch: { prompt: 'walks', durationMs: 900, seedOverride: 3, shotType: 'CU', dialogue: 'Hello.', sceneId: scene.id } },
    'frames.delete': { id: frame.id },
    'frames.reorder': { id: frame.id, toPosition: 1 },
    'frames.selectVariant': { frameId: frame.id, renderId: frame.id },
    'renders.list': { frameId: frame.id },
    'story.scores': { projectId: project.id },
    'scores.compute': { projectId: project.id },
    'scores.cancel': { projectId: project.id },
    'scenes.list': { projectId: project.id },
    'scenes.add': { projectId: project.id, heading: 'EXT. FOREST – DAY', frameIds: [frame.id] },
    'scenes.update': { id: scene.id, patch: { heading: 'EXT. RIVER – DAY' } },
    'scenes.delete': { id: scene.id },
    'story.state': { projectId: project.id },
    'exports.check': { projectId: project.id },
    'exports.pdfPreview': { projectId: project.id, pdf: { layout: 'worksheet', paper: 'letter' } },
    'exports.create': { projectId: project.id, request: { format: 'pdf', onProblems: 'fail', pdf: { panelsPerPage: 4, paper: 'letter', titlePage: true } } },
    'exports.cancel': { exportId: project.id },
    'exports.importProject': { path: '/no/such/file.onestory' },
    'jobs.generate': { projectId: project.id, frameIds: [frame.id], seed: 'new' },
    'jobs.list': { projectId: project.id },
    'jobs.cancel': { id: frame.id },
    'models.list': {},
    'models.register': { path: '/no/such/model', name: 'A model' },
    'models.import': { path: '/no/such/model', mode: 'copy', name: 'A model' },
    'models.remove': { id: 'no-such-model', deleteFiles: true },
    'models.cancelImport': { importId: frame.id },
    'models.optimize': { id: 'no-such-model', provider: 'cpu' },
    'models.cancelOptimize': { id: 'no-such-model' },
    'models.rename': { id: 'no-such-model', name: 'Renamed' },
    'models.setDefault': { id: 'no-such-model' },
    'models.catalogue': {},
    'models.downloadPlan': { repo: 'owner/model', revision: 'main', files: ['model_index.json'], token: 'hf_abc' },
    'models.download': { repo: 'owner/model', revision: 'main', files: ['model_index.json'], token: 'hf_abc', name: 'A model' },
    'downloads.list': {},
    'downloads.pause': { id: frame.id },
    'downloads.resume': { id: frame.id },
    'downloads.cancel': { id: frame.id },
    'hub.status': {},
    'hub.setToken': { token: 'hf_abc' },
    'hardware.get': {},
    'hardware.set': { provider: 'cpu' },
  };
});
afterAll(() => server.close());

const goodHeaders = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const LIMIT = MAX_BODY_BYTES;

/** Paths to every value inside a JSON object, e.g. ['patch', 'settings', 'steps']. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function withChange(input: unknown, path: string[], change: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  if (path.length === 0) return copy;
  const parent = path.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, copy);
  change(parent, path[path.length - 1]);
  return copy;
}

const hugeString = fc.oneof(
  fc.integer({ min: 4001, max: 50_000 }).map((n) => 'x'.repeat(n)),
  fc.constant('y'.repeat(LIMIT + 10)),
);
const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hugeString, fc.constantFrom(-1, 1.5, 1e308, '', ' ', '00000000-0000-4000-8000-000000000000', true, null, [], {}));

/** A valid call to a real method with one thing broken: a field dropped, retyped, oversized, or an extra one added. */
const corruptedCall = fc.constantFrom(...METHOD_NAMES).chain((method) =>
  fc.tuple(fc.constantFrom(...pathsOf(templates[method])), fc.integer({ min: 0, max: 3 }), wrongValue, fc.string({ minLength: 1, maxLength: 12 })).map(
    ([path, op, value, key]) => {
      const template = templates[method];
      const input =
        op === 0 ? withChange(template, path, (o, k) => delete o[k])
        : op === 1 ? withChange(template, path, (o, k) => (o[k] = value))
        : op === 2 ? withChange(template, [...path.slice(0, -1), key], (o, k) => (o[k] = value))
        : value;
      return { method: 'POST', path: `/api/${method}`, headers: goodHeaders, body: JSON.stringify(input) ?? 'undefined' };
    },
  ),
);

const methodPath = fc.oneof(
  fc.constantFrom(...METHOD_NAMES),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('projects', 'projects.', '.list', 'PROJECTS.LIST', 'projects.list/', 'projects.list.x', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
).map((m) => `/api/${encodeURIComponent(m)}`);

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '{"name":', 'null', '[]', '{"__proto__":{"name":"x"}}', '\u0000'),
);

const headers = fc.record(
  {
    Authorization: fc.oneof(fc.constant(`Bearer ${TOKEN}`), fc.constantFrom('', 'Bearer', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `bearer  ${TOKEN.slice(1)}`)),
    'Content-Type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'),
  },
  { requiredKeys: [] },
);

/** Random method names, bodies, tokens, content types and HTTP verbs. */
const randomRequest = fc.record({
  method: fc.oneof(fc.constant('POST'), fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS')),
  path: methodPath,
  headers,
  body,
});

/** Only malformed requests count: one that is a valid call could rightly succeed. */
function isValidCall(req: RawRequest): boolean {
  const method = decodeURIComponent(req.path.slice('/api/'.length));
  if (!isMethodName(method) || typeof req.body !== 'string') return false;
  try {
    return contract[method].input.safeParse(JSON.parse(req.body)).success;
  } catch {
    return false;
  }
}

const malformedRequest = fc.oneof(corruptedCall, randomRequest).filter((req) => !isValidCall(req));

it('answers 1,000 random malformed payloads with a 4xx JSON error and leaves the library untouched', async () => {
  const before = server.snapshot();
  const listBefore = await server.api('projects.list', {});

  await fc.assert(
    fc.asyncProperty(malformedRequest, async (req) => {
      const res = await server.raw(req);
      expect(res.status, `${req.method} ${req.path}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const { error } = res.json as { error: { code: string; message: string } };
      expect(API_ERROR_CODES).toContain(error.code);
      expect(typeof error.message).toBe('string');
    }),
    { numRuns: 1000 },
  );

  // Still serving, and nothing changed: every row of every table, and the API's own view.
  const listAfter = await server.api('projects.list', {});
  expect(listAfter.status).toBe(200);
  expect(listAfter.json).toEqual(listBefore.json);
  expect(server.snapshot()).toEqual(before);
});

it('names at most 20 of 60,000 unknown keys, and says how many more there are', async () => {
  const input = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`unknown${i}`, 0]));
  const res = await server.api('projects.list', input);
  expect(res.status).toBe(400);
  expect(res.text.length).toBeLessThan(4096);
  const { error } = res.json as { error: { code: string; message: string } };
  expect(error.code).toBe('invalid_input');
  expect(error.message).toContain('"unknown19" … and 59980 more');
  expect(error.message).not.toContain('"unknown20"');
});
