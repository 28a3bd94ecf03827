// The engine's own process, as the main process (and the CLI) use it: see README.md.
export { EngineClient, type EngineClientOptions, type GenerateOptions } from './engine-client.ts';
export { EngineCrashedError, EngineError, EngineProtocolError } from './engine-errors.ts';
export { ENGINE_ENTRY, nodeEngineSpawner, type NodeEngineOptions } from './node-spawn.ts';
export type { SpawnEngine } from './engine-channel.ts';
