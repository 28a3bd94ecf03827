// The store's durability promise, tested the hard way: a child process writes through the real
// backend while the parent kills it with SIGKILL at random moments. After every kill the library
// must open cleanly, hold every acknowledged change, and hold nothing else but (at most) the one call
// that was in flight. Set ONESTORY_CRASH_SEED to replay a failure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { expect, it } from 'vitest';
import type { MethodName, MethodParsedInput } from '../../src-shared/contract/index.ts';
import { DEFAULT_FRAME_DURATION_MS, DEFAULT_SETTINGS } from '../../src-shared/domain/index.ts';
import { openStore } from './index.ts';
import { useTempDir } from './temp-dir.testing.ts';

const SEED = Number(process.env.ONESTORY_CRASH_SEED ?? 20240611);
const OPERATIONS = 200;
const WRITER = join(import.meta.dirname, 'crash-writer.child.ts');

const tempDir = useTempDir();

/** What the test tracks of the library: enough to notice any lost, reordered or extra change. */
interface ModelFrame {
  id: string;
  prompt: string;
  caption: string;
  durationMs: number;
}
interface ModelProject {
  id: string;
  name: string;
  identityPrompt: string;
  seed: number;
  frames: ModelFrame[];
}
type Model = Record<string, ModelProject>;
type Call = { [M in MethodName]: { method: M; input: MethodParsedInput<M> } }[MethodName];
/** Ids the backend assigned to what a call created, in creation (= position) order. */
interface NewIds {
  projectId?: string;
  frameIds: string[];
}
interface Ack {
  ok: boolean;
  error?: string;
  result: { id: string };
  frames?: { id: string }[];
}

/** mulberry32: small, seeded, good enough to pick operations. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: T[]): T => items[int(items.length)] };
}
type Random = ReturnType<typeof createRandom>;

function nextCall(model: Model, random: Random): Call {
  const projects = Object.values(model);
  const text = () => `t${random.int(1e6)}`;
  const r = random.next();
  if (projects.length === 0 || r < 0.08) {
    return { method: 'projects.create', input: { name: text(), identityPrompt: text(), settings: { seed: random.int(1000) } } };
  }
  const project = random.pick(projects);
  if (r < 0.14) return { method: 'projects.update', input: { id: project.id, patch: { name: text(), settings: { seed: random.int(1000) } } } };
  if (r < 0.17 && projects.length > 1) return { method: 'projects.delete', input: { id: project.id } };
  if (r < 0.22 && project.frames.length <= 12) return { method: 'projects.duplicate', input: { id: project.id } };
  if (project.frames.length === 0 || r < 0.5) {
    const position = random.next() < 0.5 ? undefined : random.int(project.frames.length + 2);
    return { method: 'frames.add', input: { projectId: project.id, prompt: text(), caption: text(), position } };
  }
  const frame = random.pick(project.frames);
  if (r < 0.65) return { method: 'frames.update', input: { id: frame.id, patch: { prompt: text(), durationMs: 1 + random.int(5000) } } };
  if (r < 0.75) return { method: 'frames.delete', input: { id: frame.id } };
  return { method: 'frames.reorder', input: { id: frame.id, toPosition: random.int(project.frames.length + 1) } };
}

/** The library after `call`, by the contract's rules (defaults fill in, positions clamp). */
function apply(model: Model, { method, input }: Call, ids: NewIds): Model {
  const next = structuredClone(model);
  const ownerOf = (frameId: string) => Object.values(next).find((p) => p.frames.some((f) => f.id === frameId))!;
  switch (method) {
    case 'projects.create':
      next[ids.projectId!] = {
        id: ids.projectId!,
        name: input.name,
        identityPrompt: input.identityPrompt ?? '',
        seed: input.settings?.seed ?? DEFAULT_SETTINGS.seed,
        frames: [],
      };
      break;
    case 'projects.update': {
      const project = next[input.id];
      project.name = input.patch.name ?? project.name;
      project.seed = input.patch.settings?.seed ?? project.seed;
      break;
    }
    case 'projects.delete':
      delete next[input.id];
      break;
    case 'projects.duplicate': {
      const source = next[input.id];
      const frames = source.frames.map((f, i) => ({ ...f, id: ids.frameIds[i] }));
      next[ids.projectId!] = { ...source, id: ids.projectId!, name: `${source.name} (copy)`, frames };
      break;
    }
    case 'frames.add': {
      const { frames } = next[input.projectId];
      const frame = {
        id: ids.frameIds[0],
        prompt: input.prompt,
        caption: input.caption ?? '',
        durationMs: input.durationMs ?? DEFAULT_FRAME_DURATION_MS,
      };
      frames.splice(Math.min(input.position ?? frames.length, frames.length), 0, frame);
      break;
    }
    case 'frames.update': {
      const frame = ownerOf(input.id).frames.find((f) => f.id === input.id)!;
      frame.prompt = input.patch.prompt ?? frame.prompt;
      frame.durationMs = input.patch.durationMs ?? frame.durationMs;
      break;
    }
    case 'frames.delete': {
      const project = ownerOf(input.id);
      project.frames = project.frames.filter((f) => f.id !== input.id);
      break;
    }
    case 'frames.reorder': {
      const { frames } = ownerOf(input.id);
      const [frame] = frames.splice(frames.findIndex((f) => f.id === input.id), 1);
      frames.splice(Math.min(input.toPosition, frames.length), 0, frame);
      break;
    }
  }
  return next;
}

function idsFromAck({ method }: Call, ack: Ack): NewIds {
  if (method === 'projects.create') return { projectId: ack.result.id, frameIds: [] };
  if (method === 'projects.duplicate') return { projectId: ack.result.id, frameIds: ack.frames!.map((f) => f.id) };
  if (method === 'frames.add') return { frameIds: [ack.result.id] };
  return { frameIds: [] };
}

/** For a call that may have committed unacknowledged: what it created is what the library has that the model lacks. */
function idsUnknownTo(model: Model, library: Model): NewIds {
  const known = new Set(Object.values(model).flatMap((p) => p.frames.map((f) => f.id)));
  return {
    projectId: Object.keys(library).find((id) => !(id in model)),
    frameIds: Object.values(library).flatMap((p) => p.frames.map((f) => f.id).filter((id) => !known.has(id))),
  };
}

/** Opens the library as the app would (recovering the WAL) and reads it back into a model. */
function readLibrary(dbPath: string): Model {
  const store = openStore(dbPath);
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const model: Model = {};
    for (const { id } of store.projects.list()) {
      const project = store.projects.get(id)!;
      const frames = store.frames.listByProject(id);
      expect(frames.map((f) => f.position), `positions of ${id}`).toEqual(frames.map((_, i) => i));
      model[id] = {
        id,
        name: project.name,
        identityPrompt: project.identityPrompt,
        seed: project.settings.seed,
        frames: frames.map(({ id, prompt, caption, durationMs }) => ({ id, prompt, caption, durationMs })),
      };
    }
    return model;
  } finally {
    store.close();
  }
}

/** One run of the writer child: calls go in on stdin, acknowledgements come back on stdout. */
function startWriter(dbPath: string) {
  const child = spawn(process.execPath, [WRITER, dbPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  const messages: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line);
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  let isClosed = false;
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  closed.then(() => {
    isClosed = true;
    waiting.splice(0).forEach((w) => w(undefined));
  });
  return {
    send: (call: Call) => child.stdin.write(`${JSON.stringify(call)}\n`),
    /** The next message; undefined once the child is gone and all it wrote has been read. */
    next: (): Promise<unknown> => {
      if (messages.length > 0) return Promise.resolve(messages.shift());
      if (isClosed) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    /** kill -9; resolves once the child's output is fully read. */
    kill: (): Promise<void> => {
      child.kill('SIGKILL');
      return closed;
    },
    stderr: () => stderr,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy-waits: timers are too coarse to land inside a commit that takes a fraction of a millisecond. */
function spin(microseconds: number): void {
  const end = process.hrtime.bigint() + BigInt(microseconds) * 1000n;
  while (process.hrtime.bigint() < end);
}

/** Kill moments spread around a commit: before the child read the call, while it works, after it answered. */
async function waitRandomly(random: Random, acked: Promise<unknown>): Promise<void> {
  const mode = random.int(5);
  if (mode === 0) return;
  if (mode === 4) return void (await acked);
  spin(random.int(mode === 1 ? 600 : 3000));
}

// About 8 s on an idle machine; most of it is starting ~40 writer processes, which a busy CI box slows down.
it(`keeps every acknowledged change through ${OPERATIONS} operations interleaved with kill -9 (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const random = createRandom(SEED);
  const dbPath = join(tempDir(), 'library.sqlite');
  let model: Model = {};
  const tally = { sent: 0, kills: 0, acked: 0, inFlightKept: 0, inFlightLost: 0 };
  const context = () => `seed ${SEED}, ${JSON.stringify(tally)}`;

  while (tally.sent < OPERATIONS) {
    const writer = startWriter(dbPath);
    if (random.next() < 0.1) {
      // Killed while opening, possibly in the middle of creating the schema.
      await sleep(random.int(150));
      await writer.kill();
      tally.kills++;
      expect(readLibrary(dbPath), context()).toEqual(model);
      continue;
    }
    expect(await writer.next(), writer.stderr()).toEqual({ ready: true });
    const calls = 1 + random.int(10);
    for (let i = 0; i < calls && tally.sent < OPERATIONS; i++) {
      const call = nextCall(model, random);
      writer.send(call);
      tally.sent++;
      const acked = writer.next() as Promise<Ack | undefined>;
      const killNow = i === calls - 1 || tally.sent === OPERATIONS;
      if (killNow) {
        await waitRandomly(random, acked);
        await writer.kill();
        tally.kills++;
      }
      const ack = await acked;
      if (!killNow) expect(ack, `the writer died by itself: ${writer.stderr()}`).toBeDefined();
      if (ack) {
        expect(ack.ok, `${JSON.stringify(call)} → ${JSON.stringify(ack)} ${writer.stderr()}`).toBe(true);
        model = apply(model, call, idsFromAck(call, ack));
        tally.acked++;
      }
      if (!killNow) continue;
      const library = readLibrary(dbPath);
      if (!ack && !isDeepStrictEqual(library, model)) {
        // The call in flight committed but died before it could say so; it must then be whole.
        model = apply(model, call, idsUnknownTo(model, library));
        tally.inFlightKept++;
      } else if (!ack) {
        tally.inFlightLost++;
      }
      expect(library, `after kill ${tally.kills} (${JSON.stringify(call)}), ${context()}`).toEqual(model);
    }
  }

  const store = openStore(dbPath);
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  store.close();
  expect(tally.acked).toBeGreaterThan(OPERATIONS / 2);
  console.info(`crash test: ${context()}`);
});
