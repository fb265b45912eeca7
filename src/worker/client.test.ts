import { describe, expect, it } from 'vitest';
import { newPlanDoc, newService, addService } from '../state/doc.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { evaluateDoc, WorkerEngine, type EvalResponse, type WorkerRequest } from './evaluate.ts';

/** A worker that answers on demand with the real worker engine, through structured clones as a browser does. */
function fakeWorker() {
  const queue: WorkerRequest[] = [];
  const engine = new WorkerEngine();
  const w: WorkerLike & { answer(): void; fail(): void } = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => queue.push(structuredClone(m)),
    terminate() {},
    answer() {
      const m = queue.shift()!;
      w.onmessage?.({ data: structuredClone(engine.handle(m)) } as MessageEvent<EvalResponse>);
    },
    fail() {
      w.onerror?.({} as ErrorEvent);
    },
  };
  return { w, queue };
}

function bigDoc(n: number) {
  let doc = newPlanDoc('Big');
  for (let i = 0; i < n; i++) doc = addService(doc, newService(`s${i}`));
  return doc;
}

describe('evaluateDoc', () => {
  it('gives a report and a 12-month forecast for a valid plan, located issues otherwise', () => {
    const ok = evaluateDoc(newPlanDoc('P'), { months: 12, start: '2027-01' });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.report.strategies).toHaveLength(5);
      expect(ok.forecast?.months).toHaveLength(12);
      expect(ok.forecast?.start).toBe('2027-01');
    }
    const none = evaluateDoc(newPlanDoc('P'), null);
    expect(none.ok && none.forecast).toBeNull();
    const bad = evaluateDoc({ ...newPlanDoc('P'), hoursPerMonth: -1 }, null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('hoursPerMonth');
  });
});

describe('EngineClient', () => {
  it('evaluates small plans on the calling thread', async () => {
    let made = 0;
    const c = new EngineClient(() => {
      made++;
      return fakeWorker().w;
    }, 3);
    expect(c.isLarge(bigDoc(2))).toBe(false);
    const r = await c.evaluate(bigDoc(2));
    expect(r?.ok).toBe(true);
    expect(made).toBe(0);
  });

  it('sends large plans to the worker; a newer request supersedes an older one', async () => {
    const { w } = fakeWorker();
    const c = new EngineClient(() => w, 3);
    const first = c.evaluate(bigDoc(4), 'p');
    const second = c.evaluate(bigDoc(5), 'p');
    expect(await first).toBeNull();
    w.answer();
    w.answer();
    const r = await second;
    expect(r?.ok).toBe(true);
    if (r?.ok) expect(r.report.strategies[0]!.services).toHaveLength(5);
  });

  it('falls back to the calling thread when the worker fails', async () => {
    const { w } = fakeWorker();
    const c = new EngineClient(() => w, 3);
    const p = c.evaluate(bigDoc(4), 'p');
    w.fail();
    expect((await p)?.ok).toBe(true);
    expect((await c.evaluate(bigDoc(4), 'p'))?.ok).toBe(true);
  });
});

describe('the worker is handed the parsed plan, and only what changed', () => {
  it('sends a one-service edit as that service, the others as indices, and answers as the reference does', async () => {
    const { w, queue } = fakeWorker();
    const sent: WorkerRequest[] = [];
    const post = w.postMessage;
    w.postMessage = (m) => {
      sent.push(m);
      post(m);
    };
    const c = new EngineClient(() => w, 3);
    const first = bigDoc(5);
    const p1 = c.evaluate(first, 'p');
    w.answer();
    expect(await p1).toEqual(evaluateDoc(first, null));
    // The first message carries every service and the rest of the plan (no document: it was parsed here).
    expect(Object.keys(sent[0]!).sort()).toEqual(['channel', 'forecast', 'id', 'key', 'plan', 'report']);
    expect(sent[0]!.plan.rest).not.toBeNull();
    expect(sent[0]!.plan.services.every((s) => typeof s === 'object')).toBe(true);

    const services = first.services as Record<string, unknown>[];
    const edited = { ...first, services: services.map((s, i) => (i === 3 ? { ...s, durationMs: 777 } : s)) };
    const p2 = c.evaluate(edited, 'p', { months: 3, start: '2027-01' });
    w.answer();
    expect(await p2).toEqual(evaluateDoc(edited, { months: 3, start: '2027-01' }));
    expect(sent[1]!.plan.rest).toBeNull();
    expect(sent[1]!.plan.services).toEqual([0, 1, 2, expect.objectContaining({ durationMs: 777 }), 4]);
    expect(queue).toHaveLength(0);
  });

  it('a request after the worker failed on a plan sends the whole plan again', async () => {
    const { w } = fakeWorker();
    const sent: WorkerRequest[] = [];
    const answer = w.answer;
    let broken = true;
    const post = w.postMessage;
    w.postMessage = (m) => {
      sent.push(m);
      post(m);
    };
    w.answer = () => {
      if (!broken) return answer();
      // A worker that lost its state: it fails on the request.
      w.onmessage?.({
        data: { id: sent.at(-1)!.id, result: { ok: false, issues: [{ path: '(plan)', message: 'lost' }] } },
      } as MessageEvent<EvalResponse>);
    };
    const c = new EngineClient(() => w, 3);
    const p1 = c.evaluate(bigDoc(4), 'p');
    w.answer();
    expect((await p1)?.ok).toBe(false);
    broken = false;
    const p2 = c.evaluate(bigDoc(4), 'p');
    expect(sent[1]!.plan.services.every((s) => typeof s === 'object')).toBe(true);
    expect(sent[1]!.plan.rest).not.toBeNull();
    w.answer();
    w.answer();
    expect((await p2)?.ok).toBe(true);
  });
});
