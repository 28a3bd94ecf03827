export { openStore, type Store } from './store.ts';
export { LibraryOpenError, type LibraryOpenErrorCode } from './errors.ts';
export { LATEST_SCHEMA_VERSION } from './migrations.ts';
export type { NewRender } from './renders-repo.ts';
export type { StoredModel } from './models-repo.ts';
export type { StoredDownload, StoredDownloadFile } from './downloads-repo.ts';
export type { StoredJob } from './jobs-repo.ts';
