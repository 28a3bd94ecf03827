import {
  ApiError,
  contract,
  describeZodError,
  isMethodName,
  type MethodName,
} from '../../src-shared/contract/index.ts';
import type { Handlers } from './handlers.ts';

/** One call from any transport: a method name and an untrusted payload. */
export type Dispatch = (method: string, input: unknown) => Promise<unknown>;

/**
 * The single entry every transport goes through: unknown methods and malformed payloads become
 * `invalid_input`/`not_found` ApiErrors naming the field; anything unexpected becomes `internal`
 * without leaking a stack to the caller.
 */
export function createDispatch(handlers: Handlers, onInternalError: (err: unknown) => void = logInternal): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) throw new ApiError('not_found', `Unknown method "${method}"`);
    const spec = contract[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) throw new ApiError('invalid_input', describeZodError(parsed.error, `input for ${method}`));
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const output = await handler(parsed.data);
      // The output check catches service bugs before they reach a client.
      return spec.output.parse(output);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      onInternalError(err);
      throw new ApiError('internal', internalMessage(method, err));
    }
  };
}

function internalMessage(method: MethodName, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return `${method} failed: the disk is full. Free some space and try again; nothing was changed.`;
  }
  if (code === 'SQLITE_BUSY') return `${method} failed: the library is busy. Try again in a moment.`;
  return `${method} failed unexpectedly. Nothing was changed; see the log for details.`;
}

function logInternal(err: unknown): void {
  console.error('[onestory] internal error:', err);
}
