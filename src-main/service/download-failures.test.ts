// How a download meets failure, piece by piece: the words a user reads for each kind of error, which errors are
// retried on their own, and a file check that a pause stops.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/contract/index.ts';
import type { StoredDownload } from '../store/index.ts';
import { useTempDir } from '../store/temp-dir.testing.ts';
import { describeFailure } from './downloads/describe-failure.ts';
import { isNetworkError, OFFLINE_MESSAGE } from './downloads/hub-errors.ts';
import { retryNetworkErrors } from './downloads/retry.ts';
import { FileCheckError, verifyFile } from './downloads/verify-file.ts';

const KEPT = 'Resume to continue where it stopped; what was downloaded is kept.';
const download = { dir: '/models/.downloads/d1' } as StoredDownload;

/** An error as Node's fs or sockets make them: a message, a code and (for files) a path. */
const systemError = (message: string, fields: { code: string; path?: string }) => Object.assign(new Error(message), fields);
/** fetch()'s error for a connection dropped mid-answer, carrying undici's socket error. */
const terminated = () => new TypeError('terminated', { cause: systemError('other side closed', { code: 'UND_ERR_SOCKET' }) });

describe('describeFailure', () => {
  it('says the connection broke off for network errors only, with their reason', () => {
    expect(describeFailure(terminated(), download)).toBe(`The connection to the Hugging Face Hub broke off (terminated: other side closed). ${KEPT}`);
    expect(describeFailure(systemError('read ECONNRESET', { code: 'ECONNRESET' }), download)).toBe(
      `The connection to the Hugging Face Hub broke off (read ECONNRESET). ${KEPT}`,
    );
    expect(describeFailure(new TypeError('fetch failed', { cause: systemError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) }), download)).toBe(
      `${OFFLINE_MESSAGE} ${KEPT}`,
    );
  });

  it('says which file or folder could not be written, and what to do', () => {
    const part = '/models/.downloads/d1/unet/model.onnx_data.part';
    expect(describeFailure(systemError(`EACCES: permission denied, open '${part}'`, { code: 'EACCES', path: part }), download)).toBe(
      `Could not write to ${part}: permission denied. Let Onestory write there (or choose another models folder), then resume; what was downloaded is kept.`,
    );
    expect(describeFailure(systemError('EROFS: read-only file system', { code: 'EROFS' }), download)).toBe(
      `Could not write to ${download.dir}: its disk is read-only. Choose another models folder, then resume.`,
    );
    expect(describeFailure(systemError(`ENOENT: no such file or directory, open '${part}'`, { code: 'ENOENT', path: part }), download)).toMatch(
      new RegExp(`^Could not find ${part}: the models folder was moved or deleted, or its disk is not connected\\. .* then resume\\.$`),
    );
  });

  it('tells a library error and any other error from a dropped connection', () => {
    expect(describeFailure(systemError('database is locked', { code: 'SQLITE_BUSY' }), download)).toBe(
      'The library could not record the download (database is locked). Check that its disk has room and is writable, then resume.',
    );
    expect(describeFailure(new RangeError('Invalid array length'), download)).toBe(`The download stopped on an unexpected error (Invalid array length). ${KEPT}`);
    expect(describeFailure(undefined, download)).toBe(`The download stopped on an unexpected error (undefined). ${KEPT}`);
  });

  it('keeps the words of the errors that already have them', () => {
    expect(describeFailure(systemError('ENOSPC: no space left on device, write', { code: 'ENOSPC' }), download)).toBe(
      `The disk is full (${download.dir}). Free some space, then resume; what was downloaded is kept.`,
    );
    expect(describeFailure(new ApiError('unavailable', 'The Hub said no.'), download)).toBe('The Hub said no.');
    expect(describeFailure(new FileCheckError('a.onnx has 3 bytes where the Hub has 4'), download)).toMatch(/^a\.onnx has 3 bytes where the Hub has 4: it was damaged/);
  });
});

describe('isNetworkError', () => {
  it('knows fetch’s failures and socket errors, also as a cause, and nothing else', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(isNetworkError(systemError(code, { code })), code).toBe(true);
      expect(isNetworkError(new Error('wrapped', { cause: systemError(code, { code }) })), `caused by ${code}`).toBe(true);
    }
    expect(isNetworkError(new TypeError('fetch failed'))).toBe(true);
    expect(isNetworkError(terminated())).toBe(true);
    for (const code of ['EACCES', 'ENOENT', 'ENOSPC', 'SQLITE_BUSY']) expect(isNetworkError(systemError(code, { code })), code).toBe(false);
    expect(isNetworkError(new Error('boom'))).toBe(false);
    expect(isNetworkError(null)).toBe(false);
  });
});

describe('retryNetworkErrors', () => {
  const options = (progress: () => number = () => 0) => ({ delaysMs: [1, 1], signal: new AbortController().signal, progress });

  it('retries network errors as many times as it has delays, then gives up with the last error', async () => {
    let tries = 0;
    const last = terminated();
    const failing = () => Promise.reject(++tries === 3 ? last : terminated());
    await expect(retryNetworkErrors(failing, options())).rejects.toBe(last);
    expect(tries).toBe(3);
  });

  it('counts again after a try that got further, and never retries other errors', async () => {
    let bytes = 0;
    let tries = 0;
    // Every try adds bytes before the connection drops, until the fifth succeeds.
    const flaky = () => (++tries < 5 ? Promise.reject(terminated()).finally(() => (bytes += 10)) : Promise.resolve());
    await retryNetworkErrors(flaky, options(() => bytes));
    expect(tries).toBe(5);

    const denied = systemError('EACCES: permission denied', { code: 'EACCES' });
    tries = 0;
    await expect(retryNetworkErrors(() => Promise.reject((tries++, denied)), options())).rejects.toBe(denied);
    expect(tries).toBe(1);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    const retrying = retryNetworkErrors(() => Promise.reject(terminated()), { delaysMs: [60_000], signal: controller.signal, progress: () => 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(retrying).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('verifyFile', () => {
  const dir = useTempDir();

  it('stops hashing when aborted, rather than reading the whole file first', async () => {
    const path = join(dir(), 'weights.onnx_data');
    const content = Buffer.alloc(8 * 1024 * 1024, 3);
    writeFileSync(path, content);
    const file = { path: 'weights.onnx_data', sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), gitOid: null };
    await expect(verifyFile(path, file, new AbortController().signal)).resolves.toBeUndefined();

    const controller = new AbortController();
    const checking = verifyFile(path, file, controller.signal);
    controller.abort();
    await expect(checking).rejects.toMatchObject({ name: 'AbortError' });
  });
});
