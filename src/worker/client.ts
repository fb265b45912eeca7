// Evaluates plan documents: on the calling thread for small plans (results in the same frame), in the engine worker
// for large ones. Only the newest request for a key is answered; older ones resolve to `null` (superseded), so a
// burst of keystrokes never queues stale evaluations on screen.
import {
  evaluateDoc,
  serviceCount,
  type ForecastRequest,
  WORKER_THRESHOLD_SERVICES,
  type EvalRequest,
  type EvalResponse,
  type Evaluation,
} from './evaluate.ts';

export interface WorkerLike {
  postMessage(message: EvalRequest): void;
  onmessage: ((event: MessageEvent<EvalResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike | null;

export function defaultWorkerFactory(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as WorkerLike;
  } catch {
    return null;
  }
}

export class EngineClient {
  #worker: WorkerLike | null | undefined;
  #nextId = 1;
  #pending = new Map<
    number,
    { key: string; doc: unknown; forecast: ForecastRequest | null; resolve: (e: Evaluation | null) => void }
  >();
  #latest = new Map<string, number>();
  readonly #factory: WorkerFactory;
  readonly #threshold: number;

  constructor(factory: WorkerFactory = defaultWorkerFactory, threshold = WORKER_THRESHOLD_SERVICES) {
    this.#factory = factory;
    this.#threshold = threshold;
  }

  /** True when this document goes to the worker. */
  isLarge(doc: unknown): boolean {
    return serviceCount(doc) > this.#threshold;
  }

  /** Validation and the report now, on this thread (no forecast: that is one evaluation per month). */
  evaluateNow(doc: unknown): Evaluation {
    return evaluateDoc(doc, null);
  }

  /**
   * Evaluates `doc` with the forecast asked for (`null`: none); `key` groups requests (one plan), and a newer request for the same
   * key supersedes older ones (they resolve to `null`). Small plans are evaluated here unless `inWorker` is set.
   */
  evaluate(
    doc: unknown,
    key = 'default',
    forecast: ForecastRequest | null = null,
    inWorker = false,
  ): Promise<Evaluation | null> {
    if (!inWorker && !this.isLarge(doc)) {
      this.#latest.set(key, this.#nextId++);
      return Promise.resolve(evaluateDoc(doc, forecast));
    }
    const worker = this.#ensureWorker();
    if (!worker) return Promise.resolve(evaluateDoc(doc, forecast));
    const id = this.#nextId++;
    const previous = this.#latest.get(key);
    this.#latest.set(key, id);
    if (previous !== undefined) {
      const stale = this.#pending.get(previous);
      if (stale) {
        this.#pending.delete(previous);
        stale.resolve(null);
      }
    }
    return new Promise((resolve) => {
      this.#pending.set(id, { key, doc, forecast, resolve });
      worker.postMessage({ id, doc, forecast } satisfies EvalRequest);
    });
  }

  #ensureWorker(): WorkerLike | null {
    if (this.#worker !== undefined) return this.#worker;
    const worker = this.#factory();
    this.#worker = worker;
    if (!worker) return null;
    worker.onmessage = (event) => {
      const { id, result } = event.data;
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      p.resolve(this.#latest.get(p.key) === id ? result : null);
    };
    worker.onerror = () => {
      // The worker failed to load or crashed: answer what is pending here and stop using it.
      worker.terminate();
      this.#worker = null;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending) p.resolve(evaluateDoc(p.doc, p.forecast));
    };
    return worker;
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    for (const p of this.#pending.values()) p.resolve(null);
    this.#pending.clear();
  }
}
