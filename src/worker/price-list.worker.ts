// The price-list import in a Web Worker (issue 13 §3, from the app): the files arrive as `File`s (a reference, not a
// copy), are read in chunks here, and only the catalog and the summaries go back. Cancel is the client terminating
// this worker: the read loop takes no messages while it runs.
import {
  runImport,
  type ImportOutcome,
  type ImportProgress,
  type ImportRequest,
} from './price-list-import.ts';

export type ImportWorkerMessage = { progress: ImportProgress } | { outcome: ImportOutcome };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
};

scope.onmessage = (event) => {
  void runImport(event.data, (progress) => scope.postMessage({ progress })).then(
    (outcome) => scope.postMessage({ outcome }),
    (e: unknown) =>
      scope.postMessage({
        outcome: { ok: false, fileName: '', problem: e instanceof Error ? e.message : String(e) },
      }),
  );
};
