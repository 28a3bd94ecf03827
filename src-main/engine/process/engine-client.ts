// The main process's side of the engine: starts the engine process on first use, sends it jobs,
// and outlives it — a crash rejects the calls in flight and a fresh process takes over.
import type { AdapterReport } from '../../../src-shared/domain/index.ts';
import type { ModelInfo } from '../models/model-types.ts';
import type { StoryHooks, StoryRequest, StoryResult } from '../pipeline/story-types.ts';
import type { EngineChannel, EngineExit, SpawnEngine } from './engine-channel.ts';
import { EngineCrashedError, EngineError, EngineProtocolError } from './engine-errors.ts';
import { parseEngineResponse } from './protocol.ts';
import type { EngineRequest, EngineResponse, LogLevel, ScoredImage } from './protocol.ts';

export interface EngineClientOptions {
  /** the engine's log lines, and what a crashed engine last wrote to stderr */
  onLog?(level: LogLevel, message: string): void;
}

export interface GenerateOptions {
  /** execution provider override; the models module chooses otherwise */
  provider?: string;
  /** the library's folder for derived model copies (float16, fused attention) that GPU providers load */
  derivedRoot?: string;
}

/** A shutdown waits for the engine's JS thread, which one ONNX Runtime run may hold for a while. */
const SHUTDOWN_GRACE_MS = 5_000;

/** Calls answered by one message: the request's type, and the answer's. */
const QUESTIONS = { inspect: 'inspected', describeDevice: 'device', score: 'scored' } as const;
type Question = keyof typeof QUESTIONS;

type PendingCall =
  | { kind: 'generate'; hooks: StoryHooks; resolve(result: StoryResult): void; reject(error: unknown): void }
  | { kind: Question; resolve(answer: unknown): void; reject(error: unknown): void };

/** One engine process and the calls it owes an answer. */
interface EngineProcess {
  channel: EngineChannel;
  ready: boolean;
  /** requests made before the engine said it listens */
  outbox: EngineRequest[];
  calls: Map<string, PendingCall>;
  /** the client ended it (dispose, protocol violation): its exit is no crash */
  retired: boolean;
  exited: Promise<void>;
}

export class EngineClient {
  readonly #spawnEngine: SpawnEngine;
  readonly #log: (level: LogLevel, message: string) => void;
  #engine: EngineProcess | undefined;
  #nextId = 1;
  #disposed = false;

  constructor(spawnEngine: SpawnEngine, options: EngineClientOptions = {}) {
    this.#spawnEngine = spawnEngine;
    this.#log = options.onLog ?? (() => {});
  }

  /** The engine process's id, while one runs. */
  get enginePid(): number | undefined {
    return this.#engine?.channel.pid;
  }

  /** Generates a story in the engine process; rejects with an EngineError (code 'cancelled' after hooks.signal aborts). */
  generate(request: StoryRequest, hooks: StoryHooks = {}, options: GenerateOptions = {}): Promise<StoryResult> {
    const { signal } = hooks;
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise<StoryResult>((resolve, reject) => {
      const { engine, id } = this.#begin();
      const cancel = () => this.#send(engine, { type: 'cancel', id });
      signal?.addEventListener('abort', cancel, { once: true });
      const forget = () => signal?.removeEventListener('abort', cancel);
      engine.calls.set(id, {
        kind: 'generate',
        hooks,
        // A result that arrives after the caller cancelled is not wanted any more.
        resolve: (result) => {
          forget();
          if (signal?.aborted) reject(cancelledError());
          else resolve(result);
        },
        reject: (error) => {
          forget();
          reject(error);
        },
      });
      this.#send(engine, { type: 'generate', id, request, provider: options.provider, derivedRoot: options.derivedRoot });
    });
  }

  /** Validates a model folder in the engine process; rejects with code 'model' and the models module's message. */
  inspect(modelDir: string): Promise<ModelInfo> {
    return this.#ask<ModelInfo>('inspect', (id) => ({ type: 'inspect', id, modelDir }));
  }

  /**
   * Scores rendered images with the scoring models in the engine process (CLIP-T against each item's text, the
   * CLIP and DINOv2 embeddings, of the pictures with their backgrounds removed when `segmentationDir` is given);
   * queued behind the engine's jobs. Rejects with code 'cancelled' after `signal` aborts.
   */
  score(request: { clipDir: string; dinoDir: string | null; segmentationDir: string | null; items: { png: Uint8Array; text: string }[] }, signal?: AbortSignal): Promise<ScoredImage[]> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    return this.#ask<ScoredImage[]>('score', (id) => ({ type: 'score', id, ...request }), signal);
  }

  /** This machine's WebGPU adapter as the engine process sees it (the process that runs on it), or why there is none. */
  describeDevice(): Promise<AdapterReport> {
    return this.#ask<AdapterReport>('describeDevice', (id) => ({ type: 'describeDevice', id }));
  }

  /** Stops the engine process; calls in flight reject with code 'cancelled'. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const engine = this.#engine;
    if (!engine) return;
    this.#retire(engine, new EngineError('cancelled', 'The generation engine was shut down.'));
    if (engine.ready) engine.channel.send({ type: 'shutdown' });
    else engine.channel.kill();
    const timer = setTimeout(() => engine.channel.kill(), SHUTDOWN_GRACE_MS);
    await engine.exited;
    clearTimeout(timer);
  }

  #ask<T>(kind: Question, request: (id: string) => EngineRequest, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { engine, id } = this.#begin();
      const cancel = () => this.#send(engine, { type: 'cancel', id });
      signal?.addEventListener('abort', cancel, { once: true });
      const forget = () => signal?.removeEventListener('abort', cancel);
      // The answer's schema (checked on receipt) is the one for this kind of call.
      engine.calls.set(id, {
        kind,
        resolve: (answer) => {
          forget();
          if (signal?.aborted) reject(cancelledError());
          else resolve(answer as T);
        },
        reject: (error) => {
          forget();
          reject(error);
        },
      });
      this.#send(engine, request(id));
    });
  }

  #begin(): { engine: EngineProcess; id: string } {
    if (this.#disposed) throw new EngineError('internal', 'The generation engine has been shut down.');
    this.#engine ??= this.#start();
    return { engine: this.#engine, id: String(this.#nextId++) };
  }

  #start(): EngineProcess {
    const channel = this.#spawnEngine();
    let markExited = () => {};
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const engine: EngineProcess = { channel, ready: false, outbox: [], calls: new Map(), retired: false, exited };
    channel.onMessage((raw) => this.#receive(engine, raw));
    channel.onExit((exit) => {
      this.#handleExit(engine, exit);
      markExited();
    });
    return engine;
  }

  #send(engine: EngineProcess, message: EngineRequest): void {
    if (engine.ready) engine.channel.send(message);
    else engine.outbox.push(message);
  }

  #receive(engine: EngineProcess, raw: unknown): void {
    if (engine.retired) return;
    const parsed = parseEngineResponse(raw);
    if (!parsed.ok) return this.#violation(engine, parsed.error);
    const message = parsed.message;
    if (message.type === 'ready') {
      engine.ready = true;
      for (const queued of engine.outbox.splice(0)) engine.channel.send(queued);
      return;
    }
    if (message.type === 'log') return this.#log(message.level, message.message);
    const call = engine.calls.get(message.id);
    // No call: this side already rejected it (a hook threw) and the engine has not caught up yet.
    if (call) this.#answer(engine, call, message);
  }

  #answer(engine: EngineProcess, call: PendingCall, message: Exclude<EngineResponse, { type: 'ready' | 'log' }>): void {
    if (message.type === 'error') {
      engine.calls.delete(message.id);
      return call.reject(new EngineError(message.code, message.message));
    }
    if (message.type === 'inspected' || message.type === 'device' || message.type === 'scored') {
      if (call.kind === 'generate' || QUESTIONS[call.kind] !== message.type) return this.#violation(engine, `a ${message.type} answer to ${call.kind} call ${message.id}`);
      engine.calls.delete(message.id);
      return call.resolve(message.type === 'inspected' ? message.info : message.type === 'device' ? message.webGpu : message.results);
    }
    if (call.kind !== 'generate') return this.#violation(engine, `a ${message.type} message for ${call.kind} call ${message.id}`);
    if (message.type === 'done') {
      engine.calls.delete(message.id);
      return call.resolve(message.result);
    }
    try {
      if (message.type === 'progress') call.hooks.onProgress?.(message.progress);
      else call.hooks.onFrame?.(message.frame);
    } catch (error) {
      // The caller's hook failed: its call fails with that error and the engine stops the job.
      engine.calls.delete(message.id);
      call.reject(error);
      this.#send(engine, { type: 'cancel', id: message.id });
    }
  }

  #violation(engine: EngineProcess, detail: string): void {
    this.#log('error', `Invalid message from the generation engine: ${detail}`);
    this.#retire(engine, new EngineProtocolError(detail));
    engine.channel.kill();
  }

  /** Detaches an engine the client ends itself; its calls fail with `error`. */
  #retire(engine: EngineProcess, error: EngineError): void {
    engine.retired = true;
    if (this.#engine === engine) this.#engine = undefined;
    rejectAll(engine, error);
  }

  #handleExit(engine: EngineProcess, exit: EngineExit): void {
    if (this.#engine === engine) this.#engine = undefined;
    if (engine.retired) return;
    const stderr = engine.channel.stderrTail();
    const error = new EngineCrashedError(exit, stderr, engine.ready);
    this.#log('error', stderr ? `${error.message}\nEngine stderr:\n${stderr}` : error.message);
    rejectAll(engine, error);
    // Restart now so the next job finds an engine waiting; not after a failed start, which would only fail again.
    if (engine.ready && !this.#disposed) this.#restart();
  }

  #restart(): void {
    try {
      this.#engine = this.#start();
    } catch (error) {
      this.#log('error', `The generation engine could not be restarted: ${String(error)}`);
    }
  }
}

function rejectAll(engine: EngineProcess, error: EngineError): void {
  const calls = [...engine.calls.values()];
  engine.calls.clear();
  for (const call of calls) call.reject(error);
}

function cancelledError(): EngineError {
  return new EngineError('cancelled', 'The generation was cancelled.');
}
