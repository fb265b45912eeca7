// The engine in a Web Worker: parsed plans in (see PlanMessage), reports and forecasts out. Every request is decoded
// as it arrives (in order: that is what keeps the worker's plans in step with the client's encoder); the evaluation
// runs from a queue where reports go before forecasts and a request superseded by a newer one of its channel is
// dropped unanswered (the client has already resolved it as superseded), so a forecast never holds
// up the report of the next edit for longer than one evaluation. An analysis reports its progress while it runs
// (ProgressMessage, at most every PROGRESS_MS); the client runs analyses in a worker of their own and cancels one by
// terminating that worker, the one way to stop a loop that takes no messages. A simulation split over several workers
// sends each one batch (`simulate-batch`, answered with a BatchResponse; the client merges them).
import { WorkerEngine, type AnalysisControl, type WorkerMessage, type WorkerRequest } from './evaluate.ts';
import type { Plan } from '../model/index.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

/** How often progress is sent at most (a simulation may count thousands of samples a second). */
const PROGRESS_MS = 100;

function progressOf(id: number): AnalysisControl {
  let last = 0;
  return {
    onProgress(done, total) {
      const now = Date.now();
      if (done < total && now - last < PROGRESS_MS) return;
      last = now;
      scope.postMessage({ id, progress: { done, total } });
    },
  };
}

const engine = new WorkerEngine();
const queue: { request: WorkerRequest; plan: Plan }[] = [];
let scheduled = false;

const kind = (r: WorkerRequest) => r.channel;

function next(): { request: WorkerRequest; plan: Plan } | undefined {
  // The newest request of each kind; among them, reports first, then in arrival order.
  const newest = new Map<string, number>();
  queue.forEach((q, i) => newest.set(kind(q.request), i));
  const live = queue.filter((q, i) => newest.get(kind(q.request)) === i);
  const pick = live.find((q) => q.request.report) ?? live[0];
  queue.length = 0;
  for (const q of live) if (q !== pick) queue.push(q);
  return pick;
}

function drain(): void {
  scheduled = false;
  const item = next();
  if (item) {
    const control = item.request.analysis ? progressOf(item.request.id) : null;
    scope.postMessage(engine.answer(item.request, item.plan, control));
  }
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A macrotask between evaluations lets the messages that came meanwhile be decoded and ranked first.
  setTimeout(drain, 0);
}

scope.onmessage = (event) => {
  const request = event.data;
  let plan: Plan;
  try {
    plan = engine.receive(request);
  } catch {
    scope.postMessage(engine.handle(request));
    return;
  }
  queue.push({ request, plan });
  schedule();
};
