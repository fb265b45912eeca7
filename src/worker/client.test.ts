import { describe, expect, it } from 'vitest';
import { newPlanDoc, newService, addService } from '../state/doc.ts';
import { EngineClient, type WorkerLike } from './client.ts';
import { evaluateDoc, type EvalRequest, type EvalResponse } from './evaluate.ts';

/** A worker that answers on demand with the real evaluateDoc. */
function fakeWorker() {
  const queue: EvalRequest[] = [];
  const w: WorkerLike & { answer(): void; fail(): void } = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => queue.push(m),
    terminate() {},
    answer() {
      const m = queue.shift()!;
      w.onmessage?.({
        data: { id: m.id, result: evaluateDoc(m.doc, m.forecast) },
      } as MessageEvent<EvalResponse>);
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
      expect(ok.report.strategies).toHaveLength(4);
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
