// Scores a story's renders with the library's scoring models, in the engine process, as a low-priority step: it
// starts only while no generation job is queued or running, and a job that is queued stops it at once (between
// batches of the engine's scoring), to resume after. Every job that ends queues its story for scoring; scores.compute
// queues a story's older renders. Scores are stored in render_scores; scores.updated events tell the progress.
import type { EventPayload } from '../../../src-shared/contract/index.ts';
import type { Render, ScoringStatus } from '../../../src-shared/domain/index.ts';
import { alignmentText } from '../../engine/scoring/story-scores.ts';
import { EngineError } from '../../engine/process/engine-errors.ts';
import { scoredWith } from '../../story/story-consistency.ts';
import type { StoredModel } from '../../store/index.ts';
import type { ServiceContext } from '../context.ts';
import type { Engine } from '../engine.ts';
import type { ModelLibrary } from '../models/model-library.ts';

/** Renders per engine call: small enough that a job waits at most one batch, and progress moves. */
const BATCH = 8;

interface Run {
  projectId: string;
  scored: number;
  total: number;
  error: string | null;
  /** aborts the engine call under way (a job came, the run was cancelled) */
  controller: AbortController | null;
}

export class ScoringRunner {
  readonly #ctx: ServiceContext;
  readonly #engine: Pick<Engine, 'score'>;
  readonly #library: Pick<ModelLibrary, 'scoringModels'>;
  readonly #generating: () => boolean;
  /** stories waiting for scoring, oldest request first; the one scoring now is first */
  readonly #runs = new Map<string, Run>();
  /** the run the loop is on */
  #current: Run | null = null;
  /** the loop over #runs, while it runs */
  #loop: Promise<void> | null = null;
  #closed = false;

  constructor(ctx: ServiceContext, engine: Pick<Engine, 'score'>, library: Pick<ModelLibrary, 'scoringModels'>, generating: () => boolean) {
    this.#ctx = ctx;
    this.#engine = engine;
    this.#library = library;
    this.#generating = generating;
    ctx.events.subscribe((message) => {
      if (message.event !== 'job.updated') return;
      const { status, projectId } = message.payload as EventPayload<'job.updated'>;
      if (status === 'queued' || status === 'running') this.#yieldToJobs();
      else this.request(projectId, { quiet: true });
    });
  }

  /** Queues the story's unscored renders; `quiet`: nothing is said when there are no scoring models (after a job). */
  request(projectId: string, { quiet = false } = {}): ScoringStatus {
    if (this.#closed) return this.status(projectId);
    if (!this.#library.scoringModels().clip) {
      if (!quiet) this.#emit(projectId);
      return this.status(projectId);
    }
    if (!this.#runs.has(projectId)) this.#runs.set(projectId, { projectId, scored: 0, total: 0, error: null, controller: null });
    this.#emit(projectId);
    this.#pump();
    return this.status(projectId);
  }

  cancel(projectId: string): ScoringStatus {
    const run = this.#runs.get(projectId);
    if (run) {
      this.#runs.delete(projectId);
      run.controller?.abort();
      this.#emit(projectId);
    }
    return this.status(projectId);
  }

  status(projectId: string): ScoringStatus {
    const run = this.#runs.get(projectId);
    const noModels = !this.#library.scoringModels().clip;
    if (!run) return { projectId, state: 'idle', scored: 0, total: 0, noModels, error: null };
    const running = run === this.#current && !this.#generating();
    return { projectId, state: running ? 'running' : 'waiting', scored: run.scored, total: run.total, noModels, error: run.error };
  }

  /** Stops everything; resolves once the engine call under way has ended. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const run of this.#runs.values()) run.controller?.abort();
    this.#runs.clear();
    await this.#loop;
  }

  #emit(projectId: string): void {
    this.#ctx.events.emit('scores.updated', this.status(projectId));
  }

  #yieldToJobs(): void {
    for (const run of this.#runs.values()) {
      if (!run.controller) continue;
      run.controller.abort();
      this.#ctx.events.emit('scores.updated', { ...this.status(run.projectId), state: 'waiting' });
    }
  }

  #pump(): void {
    if (this.#loop || this.#closed || this.#generating()) return;
    this.#loop = this.#drain().finally(() => {
      this.#loop = null;
      // requests that came while the loop was ending
      if (this.#runs.size > 0 && !this.#generating()) this.#pump();
    });
  }

  async #drain(): Promise<void> {
    for (;;) {
      const run = this.#runs.values().next().value;
      if (!run || this.#closed || this.#generating()) return;
      this.#current = run;
      const finished = await this.#score(run).finally(() => (this.#current = null));
      if (finished && this.#runs.get(run.projectId) === run) {
        this.#runs.delete(run.projectId);
        const { projectId, scored, total, error } = run;
        this.#ctx.events.emit('scores.updated', { projectId, state: 'idle', scored, total, noModels: false, error });
      }
      if (!finished) return; // a job came: the run waits for the queue to empty (job.updated calls request again)
    }
  }

  /** Scores the story's unscored renders batch by batch; false when stopped by a job (to resume after it). */
  async #score(run: Run): Promise<boolean> {
    const models = this.#library.scoringModels();
    if (!models.clip) return true;
    const { clip, dino, segmentation } = models;
    const todo = this.#unscored(run.projectId, clip, dino, segmentation);
    run.total = run.scored + todo.length;
    for (let start = 0; start < todo.length; start += BATCH) {
      if (this.#generating() || this.#runs.get(run.projectId) !== run) return this.#runs.get(run.projectId) !== run;
      const batch = todo.slice(start, start + BATCH);
      run.controller = new AbortController();
      this.#emit(run.projectId);
      try {
        const items = batch.flatMap((render) => {
          const png = this.#ctx.store.renders.getPng(render.id);
          return png ? [{ render, png, text: alignmentText(render.params.identityPrompt, render.params.framePrompt) }] : [];
        });
        const results = await this.#engine.score(
          { clipDir: clip.path, dinoDir: dino?.path ?? null, segmentationDir: segmentation?.path ?? null, items: items.map(({ png, text }) => ({ png, text })) },
          run.controller.signal,
        );
        const scoredAt = this.#ctx.now();
        this.#ctx.store.write(() => {
          items.forEach(({ render }, i) => {
            // a render deleted while it was scored has nothing to keep its scores
            if (!this.#ctx.store.renders.get(render.id)) return;
            const r = results[i];
            this.#ctx.store.renderScores.put({
              renderId: render.id,
              clipModel: clip.id,
              clipT: r.clipT,
              clipEmbedding: Float32Array.from(r.clip),
              dinoModel: dino && r.dino ? dino.id : null,
              dinoEmbedding: r.dino && Float32Array.from(r.dino),
              segmentationModel: segmentation?.id ?? null,
              scoredAt,
            });
          });
        });
        run.scored += batch.length;
      } catch (error) {
        if (error instanceof EngineError && error.code === 'cancelled') return this.#runs.get(run.projectId) !== run;
        run.error = `Scoring stopped: ${(error as Error).message}`;
        return true;
      } finally {
        run.controller = null;
      }
      this.#emit(run.projectId);
    }
    return true;
  }

  /** The story's renders (every variant, current ones first) without scores from these models. */
  #unscored(projectId: string, clip: StoredModel, dino: StoredModel | null, segmentation: StoredModel | null): Render[] {
    const { store } = this.#ctx;
    return store.read(() => {
      const frames = store.frames.listByProject(projectId);
      const renders = frames.flatMap((f) => store.renders.listByFrame(f.id));
      const current = new Set(frames.map((f) => f.currentRenderId));
      const stored = store.renderScores.getMany(renders.map((r) => r.id));
      const missing = renders.filter((r) => {
        const s = stored.get(r.id);
        return !scoredWith(s, clip, segmentation) || (dino !== null && s.dinoModel !== dino.id);
      });
      return [...missing.filter((r) => current.has(r.id)), ...missing.filter((r) => !current.has(r.id))];
    });
  }
}
