import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue } from './save-queue.ts';

describe('createSaveQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs tasks one after another in order, even when an earlier one fails', async () => {
    const pending: number[] = [];
    const queue = createSaveQueue((n) => pending.push(n), 100);
    const log: string[] = [];
    const slow = queue.run(async () => {
      await new Promise((r) => setTimeout(r, 50));
      log.push('slow');
      throw new Error('boom');
    });
    const fast = queue.run(async () => log.push('fast'));
    await vi.runAllTimersAsync();
    await expect(slow).rejects.toThrow('boom');
    await fast;
    expect(log).toEqual(['slow', 'fast']);
    expect(pending.at(-1)).toBe(0);
    expect(Math.max(...pending)).toBe(2);
  });

  it('merges typing per key and sends it after the pause, or at once on flush', async () => {
    const queue = createSaveQueue(() => {}, 100);
    const sent: object[] = [];
    queue.debounce('frame:a', { prompt: 'f' }, (p) => sent.push(p));
    queue.debounce('frame:a', { prompt: 'fo' }, (p) => sent.push(p));
    queue.debounce('frame:a', { caption: 'x' }, (p) => sent.push(p));
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ prompt: 'fo', caption: 'x' }]);

    queue.debounce('frame:b', { notes: 'n' }, (p) => sent.push(p));
    queue.flush();
    expect(sent).toEqual([{ prompt: 'fo', caption: 'x' }, { notes: 'n' }]);
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(2);
  });

  it('counts waiting typing as pending', () => {
    let pending = 0;
    const queue = createSaveQueue((n) => (pending = n), 100);
    queue.debounce('k', { a: 1 }, () => {});
    expect(pending).toBe(1);
    queue.flush();
    expect(pending).toBe(0);
  });
});
