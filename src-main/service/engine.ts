import type { EngineClient } from '../engine/process/engine-client.ts';

/** What the service needs of the engine process: the EngineClient, or a stand-in with the same calls. */
export type Engine = Pick<EngineClient, 'generate' | 'inspect' | 'describeDevice' | 'score'>;
