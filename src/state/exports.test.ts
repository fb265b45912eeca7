// Exports on their own: what they read of the open plan and the library is handed in, so each refusal and each file
// can be checked without a store or an engine.
import { describe, expect, it } from 'vitest';
import type { PlanRecord } from '../db/types.ts';
import { evaluate, type PlanIssue, type Report } from '../model/index.ts';
import { parsePlan } from '../plan/index.ts';
import { EngineClient, type PlanRequest } from '../worker/client.ts';
import type { AnalysisRequest } from '../worker/evaluate.ts';
import { toCsv } from '../report/index.ts';
import { sampleForecast, sampleReport } from '../ui/results/sample-report.ts';
import { examplePlanDocument } from './example.ts';
import { Exports, type ExportsDeps } from './exports.svelte.ts';
import { fakePlatform } from './test-support.ts';

function setup(plan: {
  doc: Record<string, unknown> | null;
  issues?: PlanIssue[];
  report?: Report | null;
  id?: string;
  plans?: PlanRecord[];
}) {
  // The engine on this thread (no worker here), recording what it is asked: the analyses go to the worker.
  const engine = new EngineClient(() => null);
  const requests: PlanRequest[] = [];
  const evaluatePlan = engine.evaluatePlan.bind(engine);
  engine.evaluatePlan = (p, request) => {
    requests.push(request);
    return evaluatePlan(p, request);
  };
  const analysed: AnalysisRequest[] = [];
  const analyse = engine.analyse.bind(engine);
  engine.analyse = (p, request, onProgress) => {
    analysed.push(request);
    return analyse(p, request, onProgress);
  };
  const notices: { text: string; kind: string }[] = [];
  const inserted: { record: PlanRecord; fromFile: boolean | undefined }[] = [];
  const platform = fakePlatform();
  const report = plan.report === undefined ? sampleReport() : plan.report;
  const issues = plan.issues ?? [];
  const deps = {
    platform,
    notices: { notify: (text: string, kind = 'info') => void notices.push({ text, kind }) },
    engine,
    plan: {
      doc: plan.doc,
      currentId: plan.id ?? null,
      valid: issues.length === 0,
      issues,
      report,
      forecast: report ? sampleForecast(report) : null,
    },
    library: {
      plans: plan.plans ?? ([] as PlanRecord[]),
      insert: async (record: PlanRecord, _open?: boolean, fromFile?: boolean) =>
        void inserted.push({ record, fromFile }),
    },
    comparison: { ids: [] },
  } satisfies ExportsDeps;
  return { exports: new Exports(deps), platform, notices, inserted, requests, analysed, engine };
}

describe('Exports', () => {
  it('writes the three CSV reports and the plan file through the platform, each saying where it went', async () => {
    const { exports, platform, notices } = setup({ doc: { name: 'Plan' } });
    await exports.exportCsv();
    await exports.exportServicesCsv();
    await exports.exportForecastCsv();
    await exports.exportJson();
    expect(platform.saved.map((f) => f.mimeType)).toEqual([
      'text/csv',
      'text/csv',
      'text/csv',
      'application/json',
    ]);
    expect(platform.saved.slice(0, 3).every((f) => f.contents.startsWith('\uFEFF# headroom,'))).toBe(true);
    expect(JSON.parse(platform.saved[3]!.contents)).toEqual({ name: 'Plan' });
    expect(notices.map((n) => n.kind)).toEqual(['info', 'info', 'info', 'info']);
  });

  it('saves the report for the meeting as one HTML file (Save as HTML), with the forecast as shown', async () => {
    const { exports, platform, notices } = setup({ doc: { name: 'Plan' } });
    await exports.exportHtml();
    expect(platform.saved).toHaveLength(1);
    const file = platform.saved[0]!;
    expect(file.mimeType).toBe('text/html');
    expect(file.suggestedName).toMatch(/-report-\d{4}-\d{2}-\d{2}\.html$/);
    expect(file.contents.startsWith('<!doctype html>')).toBe(true);
    expect(file.contents).toContain('<section id="forecast">');
    expect(file.contents).not.toMatch(/<script/i);
    expect(notices.map((n) => n.kind)).toEqual(['info']);
  });

  it('Save as HTML has the analyses, run in the worker, and the plan’s saved scenarios compared', async () => {
    const doc = examplePlanDocument();
    const parsed = parsePlan(doc);
    if (!parsed.ok) throw new Error('the example is a valid plan');
    const row = (id: string, name: string, kind: 'plan' | 'scenario', baseId: string | null): PlanRecord => ({
      id,
      name,
      kind,
      baseId,
      document: { ...doc, name },
      createdAt: 1,
      updatedAt: 1,
      ...(kind === 'scenario' ? { changes: [{ kind: 'traffic', factor: 2 }] } : {}),
    });
    const plans = [
      row('p1', String(doc.name), 'plan', null),
      row('s1', 'Black Friday', 'scenario', 'p1'),
      row('s2', 'Someone else’s', 'scenario', 'p9'),
    ];
    const { exports, platform, requests, analysed } = setup({
      doc,
      report: evaluate(parsed.plan),
      id: 'p1',
      plans,
    });
    await exports.exportHtml();
    const html = platform.saved[0]!.contents;
    for (const id of ['comparison', 'break-even', 'tornado', 'bands', 'best-mix'])
      expect(html, id).toContain(`<section id="${id}">`);
    expect(html).toContain('Black Friday: traffic ×2.');
    expect(html).not.toContain('Someone else’s');
    // In the analyses' own worker (EngineClient.analyse: cancellable, never holding up the edit path's worker).
    expect(requests.filter((r) => r.analysis)).toEqual([]);
    expect(analysed.map((a) => a.kind).sort()).toEqual(['breakeven', 'breakeven', 'mix', 'sensitivity']);
    expect(exports.preparingReport).toBe(false);
  });

  it('Cancel while the report is being made: no file, a notice, and the buttons come back', async () => {
    const doc = examplePlanDocument();
    const parsed = parsePlan(doc);
    if (!parsed.ok) throw new Error('the example is a valid plan');
    const { exports, platform, notices, engine } = setup({ doc, report: evaluate(parsed.plan) });
    // Analyses that do not answer until cancelled, as a 1,000-sample simulation of a large plan.
    let started = 0;
    engine.analyse = () => {
      started++;
      let resolve: (v: null) => void = () => {};
      const result = new Promise<null>((r) => (resolve = r));
      return { result, cancel: () => resolve(null) };
    };
    const saving = exports.exportHtml();
    await expect.poll(() => started).toBe(1);
    expect(exports.preparingReport).toBe(true);
    exports.cancelReport();
    await saving;
    expect(platform.saved).toEqual([]);
    expect(notices).toEqual([{ text: 'The report was not made: cancelled.', kind: 'info' }]);
    expect(exports.preparingReport).toBe(false);
    expect(started).toBe(1); // nothing more was started after the cancel
  });

  it('Print / Save as PDF prints the same report through the platform and says where it went', async () => {
    const { exports, platform, notices } = setup({ doc: { name: 'Plan' } });
    await exports.printReport();
    expect(platform.saved).toEqual([]);
    expect(platform.printed).toHaveLength(1);
    const printed = platform.printed[0]!;
    expect(printed.suggestedName).toMatch(/-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(printed.bodyHtml).toMatch(/^<div class="report">/);
    expect(printed.bodyHtml).toContain('<section id="forecast">');
    expect(printed.bodyHtml).not.toMatch(/<script|<style/i);
    expect(printed.style).toContain('@page');
    expect(notices).toEqual([{ text: `Saved /docs/${printed.suggestedName}.`, kind: 'info' }]);
    // Refused, as every export, while the plan has problems.
    const issues = [{ path: 'services[0].memoryMiB', message: 'too large' }];
    const blocked = setup({ doc: { name: 'Plan' }, issues });
    await blocked.exports.printReport();
    expect(blocked.platform.printed).toEqual([]);
    expect(blocked.notices[0]?.kind).toBe('error');
  });

  it('refuses Save as HTML while the plan has problems, as every export', async () => {
    const issues = [{ path: 'services[0].memoryMiB', message: 'too large' }];
    const { exports, platform, notices } = setup({ doc: { name: 'Plan' }, issues });
    await exports.exportHtml();
    expect(platform.saved).toEqual([]);
    expect(notices[0]?.text).toMatch(/^Not exported: .* the report would show the last valid version/);
  });

  it('refuses every export while the plan has problems, naming the first, and writes nothing', async () => {
    const issues = [{ path: 'services[0].memoryMiB', message: 'too large' }];
    const { exports, platform, notices } = setup({ doc: { name: 'Plan' }, issues });
    expect(exports.exportBlocked('the plan file')).toMatch(
      /1 problem \(first: services\[0\]\.memoryMiB: too large\)/,
    );
    await exports.exportCsv();
    await exports.exportJson();
    expect(platform.saved).toEqual([]);
    expect(notices.map((n) => n.kind)).toEqual(['error', 'error']);
    expect(setup({ doc: null }).exports.exportBlocked('the CSV report')).toBe('No plan is open.');
  });

  it('imports a valid plan file as a new plan through the store import; an invalid one only says why', async () => {
    const { exports, inserted } = setup({ doc: null });
    expect(await exports.importText('bad.json', '{"name": 3}')).toBe(false);
    expect(exports.importProblem?.fileName).toBe('bad.json');
    expect(exports.importProblem?.issues.length).toBeGreaterThan(0);
    exports.dismissImportProblem();
    expect(exports.importProblem).toBeNull();
    const file = { ...examplePlanDocument(), name: 'Imported' };
    expect(await exports.importText('ok.json', JSON.stringify(file))).toBe(true);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({ record: { name: 'Imported', kind: 'plan' }, fromFile: true });
  });

  it('the comparison CSV gets a byte order mark', async () => {
    const { exports, platform } = setup({ doc: null });
    await exports.exportComparison(toCsv([['strategy'], ['vm']]));
    expect(platform.saved[0]!.contents).toBe('\uFEFFstrategy\r\nvm\r\n');
  });
});
