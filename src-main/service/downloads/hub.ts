// The Hugging Face Hub through @huggingface/hub: a revision's commit, its file list with sizes and hashes, and a
// file's bytes from an offset. The library's download is a lazy Blob whose slice() fetches exactly that range with
// one HTTP Range request, which is what resuming a partial file needs; the library makes every request, and the
// fetch handed to it only adds the abort signal and checks the answers.
import { downloadFile, HubApiError, listFiles, modelInfo } from '@huggingface/hub';
import { ApiError } from '../../../src-shared/contract/index.ts';
import type { StoredDownloadFile } from '../../store/index.ts';
import { hubError } from './hub-errors.ts';

const DEFAULT_HUB_URL = 'https://huggingface.co';

/**
 * A file's path as the library puts it in the resolve URL (verbatim): each segment encoded, and none that is empty,
 * '.' or '..', so the request (and the token with it) never leaves the repository's own URLs.
 */
function urlPath(path: string, repo: string): string {
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new ApiError('unavailable', `${repo} lists a file whose path is not a plain one (${path}); it was not downloaded.`);
  }
  return segments.map(encodeURIComponent).join('/');
}

export interface HubOptions {
  /** another Hub (a mirror, or the tests' local one); default huggingface.co */
  url?: string;
}

export interface HubSnapshot {
  /** the commit the revision points to now */
  commit: string;
  files: StoredDownloadFile[];
}

export class Hub {
  readonly url: string;

  constructor(options: HubOptions = {}) {
    this.url = options.url ?? DEFAULT_HUB_URL;
  }

  /** The revision's commit and every file in it; ApiErrors that say what went wrong (offline, not found, gated). */
  async snapshot(repo: string, revision: string, token: string | undefined): Promise<HubSnapshot> {
    const credentials = { hubUrl: this.url, ...(token ? { accessToken: token } : {}) };
    try {
      const { sha } = await modelInfo({ name: repo, revision, additionalFields: ['sha'], ...credentials });
      const files: StoredDownloadFile[] = [];
      for await (const entry of listFiles({ repo, revision: sha, recursive: true, ...credentials })) {
        if (entry.type !== 'file') continue;
        files.push({ path: entry.path, sizeBytes: entry.size, sha256: entry.lfs?.oid ?? null, gitOid: entry.lfs ? null : (entry.oid ?? null) });
      }
      return { commit: sha, files };
    } catch (error) {
      throw hubError(error, `${repo}@${revision}`);
    }
  }

  /** The file's bytes from `offset` to its end, from the given commit; aborted by `signal`. */
  async openFrom(repo: string, commit: string, file: StoredDownloadFile, offset: number, token: string | undefined, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    // The Blob's stream turns a failed request into a bare message; the fetch below keeps the error itself.
    let failure: Error | undefined;
    const fetchChecked: typeof fetch = async (input, init) => {
      const response = await fetch(input, { ...init, signal });
      const range = new Headers(init?.headers).get('Range');
      if (!response.ok) {
        failure = hubError(new HubApiError(response.url, response.status), repo);
      } else if (range && range !== 'bytes=0-0' && response.status === 200) {
        // Appending a whole file to a partial one would corrupt it.
        await response.body?.cancel();
        throw (failure = new ApiError('unavailable', `The server sent all of ${file.path} where only its missing part was asked for: it cannot resume downloads. Nothing was added to the partial file.`));
      }
      return response;
    };
    const blob = await downloadFile({
      repo,
      path: urlPath(file.path, repo),
      revision: commit,
      hubUrl: this.url,
      fetch: fetchChecked,
      // Xet-stored files are fetched through the same resolve URL (the Hub redirects to a CDN that serves ranges).
      xet: false,
      ...(token ? { accessToken: token } : {}),
    }).catch((error: unknown) => {
      throw failure ?? error;
    });
    if (!blob || blob.size !== file.sizeBytes) {
      const now = blob ? `now has ${blob.size} bytes, not ${file.sizeBytes}` : 'is gone';
      throw new ApiError('unavailable', `${file.path} ${now} in ${repo} at commit ${commit}. Cancel this download and start it again.`);
    }
    const stream = blob.slice(offset).stream() as ReadableStream<Uint8Array>;
    return (async function* () {
      try {
        yield* stream;
      } catch (error) {
        throw failure ?? error;
      }
    })();
  }
}
