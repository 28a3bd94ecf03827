import catalogueJson from '../../../resources/model-catalogue.json' with { type: 'json' };
import { z } from 'zod';
import { CatalogueEntrySchema } from '../../../src-shared/domain/index.ts';
import type { DownloadManager } from '../downloads/download-manager.ts';
import type { Handlers } from '../handlers.ts';
import type { ModelLibrary } from './model-library.ts';
import type { SpeedMeter } from './model-speed.ts';

type ModelMethods =
  | 'models.list'
  | 'models.register'
  | 'models.import'
  | 'models.cancelImport'
  | 'models.remove'
  | 'models.optimize'
  | 'models.cancelOptimize'
  | 'models.rename'
  | 'models.setDefault'
  | 'models.catalogue'
  | 'models.downloadPlan'
  | 'models.download';

/** Checked once when loaded, so a bad edit to the catalogue fails at start (and in the tests), not in a client. */
const CATALOGUE = z.object({ entries: z.array(CatalogueEntrySchema) }).parse(catalogueJson).entries;

export function modelHandlers(library: ModelLibrary, downloads: DownloadManager, speed: SpeedMeter): Pick<Handlers, ModelMethods> {
  return {
    'models.list': () => library.list(),
    'models.register': ({ path, name }) => library.register(path, name),
    'models.import': ({ path, mode, name }) => (mode === 'copy' ? library.importCopy(path, name) : library.register(path, name)),
    'models.cancelImport': ({ importId }) => ({ ok: true, cancelled: library.cancelImport(importId) }),
    'models.remove': async ({ id, deleteFiles = false }) => ({ ok: true, ...(await library.remove(id, deleteFiles)) }),
    'models.optimize': ({ id, provider }) => speed.measure(id, provider),
    'models.cancelOptimize': ({ id }) => ({ ok: true, cancelled: speed.cancel(id) }),
    'models.rename': ({ id, name }) => library.rename(id, name),
    'models.setDefault': ({ id }) => {
      library.setDefault(id);
      return { ok: true };
    },
    'models.catalogue': () => CATALOGUE,
    'models.downloadPlan': (request) => downloads.plan(request),
    'models.download': (request) => downloads.start(request),
  };
}
