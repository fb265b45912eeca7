// Starts a price-list import in its own worker and cancels it by terminating that worker. Where there is no Worker
// (unit tests), the same code runs on this thread.
import type { ImportOutcome, ImportProgress, ImportRequest } from './price-list-import.ts';
import type { ImportWorkerMessage } from './price-list.worker.ts';

export interface RunningImport {
  done: Promise<ImportOutcome | { cancelled: true }>;
  cancel(): void;
}

export type ImportRunner = (request: ImportRequest, onProgress: (p: ImportProgress) => void) => RunningImport;

export const workerImport: ImportRunner = (request, onProgress) => {
  if (typeof Worker === 'undefined') return inlineImport(request, onProgress);
  const worker = new Worker(new URL('./price-list.worker.ts', import.meta.url), { type: 'module' });
  let settle: (v: ImportOutcome | { cancelled: true }) => void = () => {};
  const done = new Promise<ImportOutcome | { cancelled: true }>((resolve) => (settle = resolve));
  worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
    const m = event.data;
    if ('progress' in m) onProgress(m.progress);
    else {
      settle(m.outcome);
      worker.terminate();
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ ok: false, fileName: '', problem: event.message || 'the import stopped unexpectedly' });
    worker.terminate();
  };
  worker.postMessage(request);
  return {
    done,
    cancel() {
      worker.terminate();
      settle({ cancelled: true });
    },
  };
};

/** The import on this thread (no worker): cancel stops reporting and discards the result. */
export const inlineImport: ImportRunner = (request, onProgress) => {
  let cancelled = false;
  let settle: (v: ImportOutcome | { cancelled: true }) => void = () => {};
  const done = new Promise<ImportOutcome | { cancelled: true }>((resolve) => (settle = resolve));
  void import('./price-list-import.ts').then(async ({ runImport }) => {
    const outcome = await runImport(request, (p) => {
      if (!cancelled) onProgress(p);
    });
    if (!cancelled) settle(outcome);
  });
  return {
    done,
    cancel() {
      cancelled = true;
      settle({ cancelled: true });
    },
  };
};
