// A dropped connection is retried on its own before the download is marked failed: each try continues from the
// partial files, so nothing is fetched twice.
import { setTimeout as sleep } from 'node:timers/promises';
import { isNetworkError } from './hub-errors.ts';

/** Waits before the first, second and third retry of a run of failures. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];

export interface RetryOptions {
  /** the wait before each retry; as many retries as waits */
  delaysMs: readonly number[];
  /** aborts a wait (rejecting with the signal's reason) as well as the tries */
  signal: AbortSignal;
  /** the bytes on disk so far: a try that added some starts the count of retries again */
  progress(): number;
}

/** Runs `attempt` until it resolves, again after each network error, until a run of failures without progress exceeds the retries. */
export async function retryNetworkErrors(attempt: () => Promise<void>, { delaysMs, signal, progress }: RetryOptions): Promise<void> {
  let retries = 0;
  for (;;) {
    const before = progress();
    try {
      return await attempt();
    } catch (error) {
      // A long download over a flaky connection may drop many times; only one that keeps failing in place gives up.
      if (progress() > before) retries = 0;
      const delay = delaysMs[retries++];
      if (signal.aborted || !isNetworkError(error) || delay === undefined) throw error;
      await sleep(delay, undefined, { signal });
    }
  }
}
