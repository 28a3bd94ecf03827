import { openStore, type Store } from '../store/index.ts';
import { createDispatch, type Dispatch } from '../service/dispatch.ts';
import { EventBus } from '../service/events.ts';
import type { Handlers } from '../service/handlers.ts';
import { createService } from '../service/service.ts';

export interface Backend {
  store: Store;
  events: EventBus;
  handlers: Handlers;
  /** The validated entry every transport calls. */
  dispatch: Dispatch;
  close(): void;
}

/** The composition root: the one place that wires store, service and events for any transport. */
export function openBackend(opts: { dbPath: string }): Backend {
  const store = openStore(opts.dbPath);
  const events = new EventBus();
  const handlers = createService({ store, events });
  return { store, events, handlers, dispatch: createDispatch(handlers), close: () => store.close() };
}
