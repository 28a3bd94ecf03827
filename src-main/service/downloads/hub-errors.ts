// What went wrong talking to the Hub, in words a user can act on.
import { HubApiError } from '@huggingface/hub';
import { ApiError } from '../../../src-shared/contract/index.ts';

export const OFFLINE_MESSAGE = "Can't reach the Hugging Face Hub: you seem to be offline. Import a model folder instead.";

/** fetch() failing before any answer: no network, no DNS, nothing listening. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** Socket errors, from Node itself or from undici (fetch's HTTP client), that say the network failed. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);

/**
 * fetch() failing before or during an answer (a connection dropped mid-answer is 'terminated'), or a socket error,
 * either itself or as the cause it carries.
 */
export function isNetworkError(error: unknown): boolean {
  if (isUnreachable(error) || (error instanceof TypeError && error.message === 'terminated')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'))) return true;
  return error instanceof Error && error.cause !== undefined && isNetworkError(error.cause);
}

/** What the refusal for want of an access token says (see hubError); the CLI offers a prompt when it sees it. */
const NEEDS_TOKEN = 'is gated or private on the Hugging Face Hub';

/** The Hub refused because an access token (or a better one) is needed. */
export function needsToken(error: unknown): boolean {
  return error instanceof ApiError && error.message.includes(NEEDS_TOKEN);
}

/** An error from listing or resolving `what` (repo@revision) as an ApiError. */
export function hubError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isNetworkError(error)) return new ApiError('unavailable', OFFLINE_MESSAGE);
  if (error instanceof HubApiError) {
    if (error.statusCode === 401 || error.statusCode === 403) {
      return new ApiError(
        'invalid_input',
        `${what} ${NEEDS_TOKEN} (or does not exist). Accept its terms on its page and give an access token that may read it.`,
      );
    }
    if (error.statusCode === 404) return new ApiError('invalid_input', `${what} was not found on the Hugging Face Hub: check the repository and revision.`);
    return new ApiError('unavailable', `The Hugging Face Hub answered with an error for ${what} (HTTP ${error.statusCode}). Try again later.`);
  }
  return new ApiError('unavailable', `The Hugging Face Hub could not be read for ${what}: ${(error as Error).message}`);
}
