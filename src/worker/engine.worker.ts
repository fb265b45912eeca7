// The engine in a Web Worker: parsed plans in (see PlanMessage), reports and forecasts out. Every request is decoded
// as it arrives (in order: that is what keeps the worker's plans in step with the client's encoder); the evaluation
// runs from a queue where reports go before forecasts and a request superseded by a newer one of its channel is
// dropped unanswered (the client has already resolved it as superseded), so a forecast never holds
// up the report of the next edit for longer than one evaluation.
import { WorkerEngine, type EvalRequest, type EvalResponse } from './evaluate.ts';
import type { Plan } from '../model/index.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EvalRequest>) => void) | null;
  postMessage(message: EvalResponse): void;
};

const engine = new WorkerEngine();
const queue: { request: EvalRequest; plan: Plan }[] = [];
let scheduled = false;

const kind = (r: EvalRequest) => r.channel;

function next(): { request: EvalRequest; plan: Plan } | undefined {
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
  if (item) scope.postMessage(engine.answer(item.request, item.plan));
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
