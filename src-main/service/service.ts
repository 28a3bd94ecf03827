import type { Store } from '../store/index.ts';
import { createContext } from './context.ts';
import type { Engine } from './engine.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './handlers.ts';
import { renderImageReader, type ReadRenderImage } from './images.ts';
import { jobHandlers } from './jobs/job-handlers.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { createJobRunner } from './jobs/run-job.ts';
import { createModelLibrary } from './models/model-library.ts';
import { projectHandlers } from './project-handlers.ts';
import { storyHandlers } from './story/story-handlers.ts';
import { TokenizerCache } from '../story/tokenizer-cache.ts';
import { variantHandlers } from './variant-handlers.ts';

export interface ServiceDeps {
  store: Store;
  events: EventBus;
  engine: Engine;
  /** Clock for timestamps (epoch ms); tests pin it. */
  now?: () => number;
}

export interface Service {
  handlers: Handlers;
  readRenderImage: ReadRenderImage;
  /** Cancels every job at once; resolves when the engine's run for this service has ended. */
  close(): Promise<void>;
}

/** The contract implemented over the store and the engine; knows nothing about transports. */
export function createService({ store, events, engine, now = Date.now }: ServiceDeps): Service {
  const ctx = createContext(store, events, now);
  const tokenizers = new TokenizerCache();
  const library = createModelLibrary(ctx, engine, (model) => tokenizers.forget(model.path));
  const queue = new JobQueue({ events, now, runJob: createJobRunner(ctx, engine) });

  return {
    handlers: {
      ...projectHandlers(ctx, (projectId) => queue.cancelProject(projectId)),
      ...variantHandlers(ctx),
      ...storyHandlers(ctx, { library, tokenizers }),
      ...jobHandlers(ctx, { queue, library, tokenizers }),
      'models.list': () => library.list(),
      'models.register': ({ path, name }) => library.register(path, name),
    },
    readRenderImage: renderImageReader(store),
    close: () => queue.close(),
  };
}
