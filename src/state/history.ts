// Undo/redo of plan edits: a bounded list of whole documents. Edits to the same field in quick succession (typing)
// merge into one step, so Ctrl+Z undoes a word rather than a keystroke.

export interface HistoryOptions {
  limit?: number;
  /** Edits with the same key closer together than this merge into one step. */
  mergeMs?: number;
}

export class History<T> {
  #past: T[] = [];
  #future: T[] = [];
  #lastKey: string | null = null;
  #lastAt = 0;
  readonly #limit: number;
  readonly #mergeMs: number;

  constructor(options: HistoryOptions = {}) {
    this.#limit = options.limit ?? 200;
    this.#mergeMs = options.mergeMs ?? 1000;
  }

  /** Records `before` (the state the edit replaced). */
  record(before: T, key: string | null = null, now = Date.now()): void {
    const merge = key !== null && key === this.#lastKey && now - this.#lastAt < this.#mergeMs;
    // An edit recorded as a step of its own ends any run of merged edits.
    this.#lastKey = key;
    this.#lastAt = now;
    this.#future = [];
    if (merge) return;
    this.#past.push(before);
    if (this.#past.length > this.#limit) this.#past.shift();
  }

  /** The state to go back to, given the current one (which becomes redoable). */
  undo(current: T): T | undefined {
    const prev = this.#past.pop();
    if (prev === undefined) return undefined;
    this.#future.push(current);
    this.#lastKey = null;
    return prev;
  }

  redo(current: T): T | undefined {
    const next = this.#future.pop();
    if (next === undefined) return undefined;
    this.#past.push(current);
    this.#lastKey = null;
    return next;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  clear(): void {
    this.#past = [];
    this.#future = [];
    this.#lastKey = null;
  }
}
