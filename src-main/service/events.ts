import type { EventMessage, EventName, EventPayload } from '../../src-shared/contract/index.ts';

export type EventListener = (message: EventMessage) => void;

/** Fan-out of backend events to every transport's connected clients. */
export class EventBus {
  #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as EventMessage;
    for (const listener of this.#listeners) listener(message);
  }
}
