import type { HubStatus } from '../../../src-shared/domain/index.ts';
import type { Handlers } from '../handlers.ts';
import type { SecretStore } from '../secrets.ts';
import { HUB_TOKEN_SECRET, type DownloadManager } from './download-manager.ts';
import type { Hub } from './hub.ts';

type DownloadMethods = 'downloads.list' | 'downloads.pause' | 'downloads.resume' | 'downloads.cancel' | 'hub.status' | 'hub.setToken';

export function downloadHandlers(downloads: DownloadManager, hub: Hub, secrets: SecretStore): Pick<Handlers, DownloadMethods> {
  const status = async (): Promise<HubStatus> => ({
    hubUrl: hub.url,
    hasToken: (await secrets.get(HUB_TOKEN_SECRET)) !== undefined,
    tokenPersistent: secrets.persistent,
  });
  return {
    'downloads.list': () => downloads.list(),
    'downloads.pause': ({ id }) => downloads.pause(id),
    'downloads.resume': ({ id }) => downloads.resume(id),
    'downloads.cancel': ({ id }) => downloads.cancel(id),
    'hub.status': status,
    'hub.setToken': async ({ token }) => {
      if (token === null) await secrets.delete(HUB_TOKEN_SECRET);
      else await secrets.set(HUB_TOKEN_SECRET, token);
      return status();
    },
  };
}
