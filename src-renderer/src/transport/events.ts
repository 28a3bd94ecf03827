import { eventSchemas, type EventMessage, type EventName } from '../../../src-shared/contract/index.ts';

/** Validates a pushed event like every other payload that crosses a process boundary; unknown ones are dropped. */
export function parseEventMessage(raw: unknown): EventMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { event, payload } = raw as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string' || !Object.hasOwn(eventSchemas, event)) return null;
  const parsed = eventSchemas[event as EventName].safeParse(payload);
  return parsed.success ? ({ event, payload: parsed.data } as EventMessage) : null;
}
