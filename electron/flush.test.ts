import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_TIMEOUT_MS, FlushCoordinator, type FlushOutcome } from './flush.ts';

class Target extends EventEmitter {
  destroyed = false;
  crashed = false;
  sent: unknown[][] = [];
  failSend = false;
  isDestroyed = (): boolean => this.destroyed;
  isCrashed = (): boolean => this.crashed;
  send(...args: unknown[]): void {
    if (this.failSend) throw new Error('Object has been destroyed');
    this.sent.push(args);
  }
  lastId(): number {
    return this.sent.at(-1)![1] as number;
  }
}

/** The outcome so far: undefined while the flush is still waiting. */
function track(promise: Promise<FlushOutcome>): () => FlushOutcome | undefined {
  let outcome: FlushOutcome | undefined;
  void promise.then((o) => (outcome = o));
  return () => outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('FlushCoordinator', () => {
  it('sends a numbered request and resolves when that renderer answers that id', async () => {
    const flushes = new FlushCoordinator('flush');
    const target = new Target();
    const outcome = track(flushes.flush(target));
    expect(target.sent).toEqual([['flush', 1]]);
    await vi.advanceTimersByTimeAsync(FLUSH_TIMEOUT_MS - 1);
    expect(outcome()).toBeUndefined();
    expect(flushes.done(2, target)).toBe(false);
    expect(flushes.done(1, new Target())).toBe(false);
    expect(outcome()).toBeUndefined();
    expect(flushes.done(1, target)).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome()).toBe('done');
    expect(flushes.waiting).toBe(0);
    // Answered once: a late duplicate answer changes nothing.
    expect(flushes.done(1, target)).toBe(false);
  });

  it('gives up after the bound when the renderer never answers', async () => {
    const flushes = new FlushCoordinator('flush');
    const target = new Target();
    const outcome = track(flushes.flush(target));
    await vi.advanceTimersByTimeAsync(FLUSH_TIMEOUT_MS - 1);
    expect(outcome()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome()).toBe('timeout');
    expect(flushes.waiting).toBe(0);
    expect(target.listenerCount('destroyed') + target.listenerCount('render-process-gone')).toBe(0);
  });

  it.each(['destroyed', 'render-process-gone'] as const)(
    'stops waiting at once when the renderer is gone (%s)',
    async (event) => {
      const flushes = new FlushCoordinator('flush');
      const target = new Target();
      const outcome = track(flushes.flush(target));
      target.emit(event);
      await vi.advanceTimersByTimeAsync(0);
      expect(outcome()).toBe('gone');
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it('does not ask a renderer that is already destroyed or crashed, or that cannot be sent to', async () => {
    const flushes = new FlushCoordinator('flush');
    const destroyed = Object.assign(new Target(), { destroyed: true });
    const crashed = Object.assign(new Target(), { crashed: true });
    const unreachable = Object.assign(new Target(), { failSend: true });
    await expect(flushes.flush(destroyed)).resolves.toBe('gone');
    await expect(flushes.flush(crashed)).resolves.toBe('gone');
    await expect(flushes.flush(unreachable)).resolves.toBe('gone');
    expect(destroyed.sent).toEqual([]);
    expect(crashed.sent).toEqual([]);
    expect(flushes.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shares one request per renderer while it waits, and asks again after it answered', async () => {
    const flushes = new FlushCoordinator('flush');
    const target = new Target();
    const first = flushes.flush(target);
    expect(flushes.flush(target)).toBe(first);
    expect(target.sent).toHaveLength(1);
    flushes.done(target.lastId(), target);
    await expect(first).resolves.toBe('done');
    const second = flushes.flush(target);
    expect(second).not.toBe(first);
    expect(target.sent).toEqual([
      ['flush', 1],
      ['flush', 2],
    ]);
    flushes.done(2, target);
    await expect(second).resolves.toBe('done');
  });
});
