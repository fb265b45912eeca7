import { vi } from 'vitest';

/**
 * Waits until `check` stops throwing. vi.waitFor's 1 s default is a duration in disguise that a loaded 2-core
 * machine can overrun (issue 8 §10); the condition still ends the wait the moment it holds.
 */
export const waitFor = <T>(check: () => T | Promise<T>): Promise<T> =>
  vi.waitFor(check, { timeout: 10_000, interval: 5 });
