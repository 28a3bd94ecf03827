// The engine process: its entry (a Node fork runs this file as is; electron-vite builds it to
// out/main/engine.js for Electron's utilityProcess). Jobs run one at a time on the model slot;
// every failure becomes an `error` message, never an exit.
import { webGpuAdapter } from '../gpu/adapter.ts';
import { inspectModelFolder } from '../models/index.ts';
import { TextEncodingCache, generateStory } from '../pipeline/index.ts';
import type { StoryHooks } from '../pipeline/index.ts';
import { classifyError } from './classify-error.ts';
import { ModelSlot } from './model-slot.ts';
import { ScoringSlot } from './scoring-slot.ts';
import { connectToParent } from './parent-channel.ts';
import type { MessageChannelLike } from './parent-channel.ts';
import { JobIdSchema, parseEngineRequest } from './protocol.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

type GenerateMessage = Extract<EngineRequest, { type: 'generate' }>;
type ScoreMessage = Extract<EngineRequest, { type: 'score' }>;

/**
 * Test hook: a job whose identity prompt contains this text kills the engine (SIGKILL) at its first
 * progress event, as a native crash in ONNX Runtime would; jobs without it, as after a restart, run.
 */
const CRASH_MARKER = process.env.ONESTORY_ENGINE_TEST_CRASH;
/**
 * Test hook: frames per UNet batch for requests that name none, so that a test on small images sees a story's
 * frames stored batch by batch (by default they would all share one batch).
 */
const TEST_BATCH_SIZE = Number(process.env.ONESTORY_ENGINE_TEST_BATCH_SIZE) || undefined;

function serveEngine(channel: MessageChannelLike): void {
  const send = (message: EngineResponse) => channel.send(message);
  const models = new ModelSlot((message) => send({ type: 'log', level: 'warn', message }));
  // Prompts encoded once serve every later story and regeneration on the same loaded model.
  const encodings = new TextEncodingCache();
  const scoring = new ScoringSlot();
  /** abort controllers of the jobs received and not yet answered, by id */
  const jobs = new Map<string, AbortController>();
  // ONNX Runtime holds this thread during each run anyway; a queue keeps jobs from interleaving.
  let queue = Promise.resolve();

  const fail = (id: string, error: unknown, cancelled: boolean) => {
    if (cancelled) return send({ type: 'error', id, code: 'cancelled', message: 'The generation was cancelled.' });
    const code = classifyError(error);
    if (code === 'internal') send({ type: 'log', level: 'error', message: describe(error, true) });
    send({ type: 'error', id, code, message: describe(error, false) });
  };

  const generate = async ({ id, request, provider, derivedRoot }: GenerateMessage, signal: AbortSignal) => {
    try {
      signal.throwIfAborted();
      const model = await models.get(request.modelDir, provider, derivedRoot);
      const hooks: StoryHooks = {
        signal,
        onProgress: (progress) => {
          if (CRASH_MARKER && request.identityPrompt.includes(CRASH_MARKER)) process.kill(process.pid, 'SIGKILL');
          send({ type: 'progress', id, progress });
        },
        onFrame: (frame) => send({ type: 'frame', id, frame }),
      };
      const batched = request.batchSize === undefined && TEST_BATCH_SIZE ? { ...request, batchSize: TEST_BATCH_SIZE } : request;
      send({ type: 'done', id, result: await generateStory(model, batched, hooks, encodings) });
    } catch (error) {
      fail(id, error, signal.aborted);
    }
  };

  const score = async ({ id, clipDir, dinoDir, segmentationDir, items }: ScoreMessage, signal: AbortSignal) => {
    try {
      signal.throwIfAborted();
      send({ type: 'scored', id, results: await scoring.score({ clipDir, dinoDir, segmentationDir }, items, signal) });
    } catch (error) {
      fail(id, error, signal.aborted);
    }
  };

  const inspect = async (id: string, modelDir: string) => {
    try {
      send({ type: 'inspected', id, info: await inspectModelFolder(modelDir) });
    } catch (error) {
      fail(id, error, false);
    }
  };

  // Not queued behind jobs: the adapter is asked once per process, and a job on WebGPU has asked already.
  const describeDevice = async (id: string) => {
    const { adapter, reason } = await webGpuAdapter();
    send({ type: 'device', id, webGpu: { adapter, reason: reason ?? null } });
  };

  /** An invalid request fails its job when it names one; otherwise only the log can say so. */
  const refuse = (raw: unknown, error: string) => {
    const id = JobIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
    if (id.success) send({ type: 'error', id: id.data, code: 'internal', message: error });
    else send({ type: 'log', level: 'error', message: error });
  };

  channel.onMessage((raw) => {
    const parsed = parseEngineRequest(raw);
    if (!parsed.ok) return refuse(raw, parsed.error);
    const message = parsed.message;
    switch (message.type) {
      case 'generate': {
        const controller = new AbortController();
        jobs.set(message.id, controller);
        queue = queue.then(() => generate(message, controller.signal)).finally(() => jobs.delete(message.id));
        return;
      }
      case 'score': {
        const controller = new AbortController();
        jobs.set(message.id, controller);
        queue = queue.then(() => score(message, controller.signal)).finally(() => jobs.delete(message.id));
        return;
      }
      case 'cancel':
        return jobs.get(message.id)?.abort();
      case 'inspect':
        return void inspect(message.id, message.modelDir);
      case 'describeDevice':
        return void describeDevice(message.id);
      case 'shutdown':
        // Sessions need no release before exit: the operating system reclaims their memory.
        return process.exit(0);
    }
  });

  // A bug outside any job must not end the process: report it and keep serving.
  process.on('uncaughtException', (error) => send({ type: 'log', level: 'error', message: describe(error, true) }));
  process.on('unhandledRejection', (reason) => send({ type: 'log', level: 'error', message: describe(reason, true) }));

  send({ type: 'ready' });
}

function describe(error: unknown, withStack: boolean): string {
  if (!(error instanceof Error)) return String(error);
  return withStack && error.stack ? error.stack : error.message;
}

serveEngine(connectToParent());
