// A fake engine worker for the client's tests (src/worker/*.test.ts): it records what it is sent and being
// terminated, and answers only when told, with the real worker engine, through structured clones as a browser does.
import { WorkerEngine, type WorkerMessage, type WorkerRequest } from './evaluate.ts';

export function heldWorker() {
  const engine = new WorkerEngine();
  const w = {
    onmessage: null as ((event: MessageEvent<WorkerMessage>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    seen: [] as WorkerRequest[],
    terminated: false,
    postMessage(m: WorkerRequest) {
      w.seen.push(structuredClone(m));
    },
    send(data: WorkerMessage) {
      w.onmessage?.({ data: structuredClone(data) } as MessageEvent<WorkerMessage>);
    },
    progress(done: number, total: number) {
      w.send({ id: w.seen.at(-1)!.id, progress: { done, total } });
    },
    answer() {
      w.send(engine.handle(w.seen.at(-1)!));
    },
    fail() {
      w.onerror?.({} as ErrorEvent);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}
export type HeldWorker = ReturnType<typeof heldWorker>;
