import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createResync } from './resync.js';

describe('createResync (latest-wins re-listing)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a burst of notices is one run after the quiet period', async () => {
    const sync = vi.fn(async () => undefined);
    const r = createResync(sync, { quietMs: 20, maxWaitMs: 200 });
    for (let i = 0; i < 5; i++) {
      r.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(sync).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(25);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('a never-ending burst still runs every maxWaitMs', async () => {
    const sync = vi.fn(async () => undefined);
    const r = createResync(sync, { quietMs: 20, maxWaitMs: 100 });
    for (let i = 0; i < 30; i++) {
      r.request();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(sync.mock.calls.length).toBeGreaterThanOrEqual(2);
    r.stop();
  });

  it('notices during a run queue exactly one more run', async () => {
    let release: () => void = () => undefined;
    const sync = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const r = createResync(sync, { quietMs: 0, maxWaitMs: 0 });
    const first = r.now();
    r.request();
    r.request();
    r.request();
    release();
    await first;
    await vi.advanceTimersByTimeAsync(1);
    expect(sync).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(1);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('the first failure rejects `failed` and stops further runs', async () => {
    const sync = vi.fn(async () => {
      throw new Error('store gone');
    });
    const r = createResync(sync, { quietMs: 0, maxWaitMs: 0 });
    r.request();
    await vi.advanceTimersByTimeAsync(1);
    await expect(r.failed).rejects.toThrow('store gone');
    r.request();
    await vi.advanceTimersByTimeAsync(1);
    expect(sync).toHaveBeenCalledTimes(1);
  });
});
