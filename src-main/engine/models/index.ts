// Model folders and their sessions: public API (see README.md).
export { inspectModelFolder } from './inspect-model-folder.ts';
export { loadModel, type LoadModelOptions } from './load-model.ts';
export { offeredProviders } from './execution-provider.ts';
export { ModelFolderError } from './model-folder-error.ts';
export * from './model-types.ts';
