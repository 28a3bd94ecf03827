import { z } from 'zod';
import { IdSchema } from '../domain/index.ts';

/**
 * Events the backend pushes to every connected client (WebSocket in browser mode, IPC in Electron).
 * `changed` lets other windows refresh after a mutation; job progress events join here with generation.
 */
export const eventSchemas = {
  'project.changed': z.strictObject({ projectId: IdSchema }),
  'projects.changed': z.strictObject({}),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
