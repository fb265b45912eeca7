// Before a window closes or the app quits, main asks the renderer to write its pending save and waits for the
// answer, with a bound: a renderer that never answers (hung, still loading) or that is gone (crashed, destroyed) must
// never keep a window open. Channels: EVENT_CHANNELS.flushRequest (main → renderer, with an id) and
// INVOKE_CHANNELS.flushDone (renderer → main, the same id).

/** How long main waits for a renderer's flush answer before closing anyway. */
export const FLUSH_TIMEOUT_MS = 5_000;

/** How a flush ended: answered, given up after the bound, or the renderer went away. */
export type FlushOutcome = 'done' | 'timeout' | 'gone';

/** The parts of a WebContents a flush needs (an EventEmitter with Electron's events). */
export interface FlushTarget {
  isDestroyed(): boolean;
  isCrashed?(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed' | 'render-process-gone', listener: () => void): unknown;
  removeListener(event: 'destroyed' | 'render-process-gone', listener: () => void): unknown;
}

interface Pending {
  target: FlushTarget;
  finish: (outcome: FlushOutcome) => void;
}

export class FlushCoordinator {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  /** One flush at a time per renderer: a second close click or a quit during a close shares the first. */
  readonly #running = new Map<FlushTarget, Promise<FlushOutcome>>();
  readonly #channel: string;
  readonly #timeoutMs: number;

  constructor(channel: string, timeoutMs = FLUSH_TIMEOUT_MS) {
    this.#channel = channel;
    this.#timeoutMs = timeoutMs;
  }

  /** Asks `target` to flush; resolves when it answered, after the bound, or when it is gone. Never rejects. */
  flush(target: FlushTarget): Promise<FlushOutcome> {
    const running = this.#running.get(target);
    if (running !== undefined) return running;
    if (target.isDestroyed() || target.isCrashed?.() === true) return Promise.resolve('gone');
    const id = this.#nextId++;
    let resolve: (outcome: FlushOutcome) => void = () => {};
    const promise = new Promise<FlushOutcome>((r) => (resolve = r));
    this.#running.set(target, promise);
    const gone = (): void => finish('gone');
    const timer = setTimeout(() => finish('timeout'), this.#timeoutMs);
    const finish = (outcome: FlushOutcome): void => {
      if (!this.#pending.delete(id)) return;
      clearTimeout(timer);
      target.removeListener('destroyed', gone);
      target.removeListener('render-process-gone', gone);
      this.#running.delete(target);
      resolve(outcome);
    };
    this.#pending.set(id, { target, finish });
    target.once('destroyed', gone);
    target.once('render-process-gone', gone);
    try {
      target.send(this.#channel, id);
    } catch {
      finish('gone');
    }
    return promise;
  }

  /** The renderer answered request `id`. Only the renderer that was asked can answer it; false otherwise. */
  done(id: number, sender: unknown): boolean {
    const pending = this.#pending.get(id);
    if (pending === undefined || pending.target !== sender) return false;
    pending.finish('done');
    return true;
  }

  /** Flushes still waiting for an answer (for tests). */
  get waiting(): number {
    return this.#pending.size;
  }
}
