// Files in and out of the planner: the open plan's CSV reports and JSON file, the comparison's CSV, and plan files
// imported as new plans. Every file goes out through one `saveFile`, so a CSV is always formula-safe (CsvText) and
// every outcome is reported as a notice.
import type { Plan, PlanIssue, Report } from '../model/index.ts';
import { hasRanges } from '../analysis/uncertainty.ts';
import { parsePlanText, planToFile } from '../plan/index.ts';
import { applyChanges } from '../plan/scenario.ts';
import type { PlanRecord } from '../db/types.ts';
import type { EngineClient } from '../worker/client.ts';
import type { AnalysisProgress, AnalysisRequest, AnalysisResult } from '../worker/evaluate.ts';
import { AnalysisRun } from './analysis-run.svelte.ts';
import type { Platform } from '../platform/types.ts';
import { OPEN_PLAN } from '../platform/file-requests.ts';
import {
  breakEvenCurveSpan,
  breakEvenPair,
  buildMeetingDocument,
  REPORT_SAMPLES,
  REPORT_SEED,
  type ComparedEntry,
  type MeetingAnalyses,
  forecastToCsv,
  meetingBodyHtml,
  meetingToHtml,
  REPORT_STYLE,
  type MeetingDocument,
  reportToCsv,
  servicesToCsv,
  type CsvText,
  type ExportOptions,
  withBom,
} from '../report/index.ts';
import { exportFileName, uniqueName, type Doc } from './doc.ts';
import type { Notices } from './notices.svelte.ts';
import type { OpenPlan } from './open-plan.svelte.ts';
import type { PlanLibrary } from './plan-library.svelte.ts';
import { messageOf, newRecord } from './records.ts';

export interface ImportProblem {
  fileName: string;
  issues: PlanIssue[];
}

/** What exports read of the rest of the app (the root AppState passes itself). */
export interface ExportsDeps {
  readonly platform: Platform;
  readonly notices: Pick<Notices, 'notify'>;
  readonly plan: Pick<OpenPlan, 'doc' | 'currentId' | 'valid' | 'issues' | 'report' | 'forecast'>;
  /**
   * The report's scenarios are evaluated by the engine in its worker, its analyses in the analyses' own worker (so
   * a long simulation neither holds up the figures of an edit nor escapes a Cancel).
   */
  readonly engine: Pick<EngineClient, 'parse' | 'evaluatePlan' | 'analyse'>;
  readonly library: Pick<PlanLibrary, 'plans' | 'insert'>;
  readonly comparison: { readonly ids: string[] };
}

export class Exports {
  readonly #app: ExportsDeps;
  #importProblem = $state.raw<ImportProblem | null>(null);
  #preparingReport = $state(false);
  /** The report's analyses, one at a time, with progress and Cancel (the same runner as the analysis panel's). */
  #runner: AnalysisRun | undefined;
  #cancelled = false;

  constructor(app: ExportsDeps) {
    this.#app = app;
  }

  /** Made on first use: the app hands itself in before its engine exists. */
  get #run(): AnalysisRun {
    return (this.#runner ??= new AnalysisRun(this.#app.engine));
  }

  /** The analysis the report is running, once it has taken long enough to show (its progress, if it counts). */
  get reportProgress(): { kind: AnalysisRequest['kind']; progress: AnalysisProgress | null } | null {
    const run = this.#runner;
    const kind = run?.running ?? null;
    return run && kind !== null && run.slow ? { kind, progress: run.progress } : null;
  }

  /** Stops making the report for the meeting: its analysis stops, nothing is saved or printed. */
  cancelReport(): void {
    if (!this.#preparingReport) return;
    this.#cancelled = true;
    this.#runner?.cancel();
  }

  /** Why the last plan file offered was not imported (nothing was changed); null once dismissed or imported. */
  get importProblem(): ImportProblem | null {
    return this.#importProblem;
  }

  /** True while the report for the meeting is being made (its analyses run in the worker): the buttons say so. */
  get preparingReport(): boolean {
    return this.#preparingReport;
  }

  dismissImportProblem(): void {
    this.#importProblem = null;
  }

  /** Spreadsheet CSV: a byte order mark and the `#` header block, stamped with this clock's time. */
  #csvOptions(now: Date): ExportOptions {
    return { bom: true, meta: { generatedAt: now.toISOString() } };
  }

  /**
   * Why the open plan cannot be exported now, or null. While the plan as typed has problems the only report is the
   * last valid version's: exporting it would hand a spreadsheet figures that are not what is on screen, with nothing
   * in the file to say so once it is opened elsewhere. So exports are refused, saying why and how to get one (issue 9
   * §1); a refusal cannot be mistaken for current figures, a marked file can once the mark is cropped or renamed away.
   */
  exportBlocked(what: 'the CSV report' | 'the plan file' | 'the report'): string | null {
    if (!this.#app.plan.doc) return 'No plan is open.';
    if (this.#app.plan.valid) return null;
    const n = this.#app.plan.issues.length;
    const first = this.#app.plan.issues[0];
    return (
      `Not exported: this plan has ${n} problem${n === 1 ? '' : 's'} (first: ${first?.path}: ${first?.message}), so ` +
      `${what} would show the last valid version, not what is on screen. Fix the problems, or go back to the last ` +
      'valid version, and export again.'
    );
  }

  /**
   * Every CSV export of the open plan goes this way: refused while the plan has problems (exportBlocked), otherwise
   * written as a spreadsheet file named after the plan and `what`, stamped with this clock's time.
   */
  async #exportReportCsv(
    what: string | null,
    make: (report: Report, options: ExportOptions) => CsvText | null,
  ) {
    const blocked = this.exportBlocked('the CSV report');
    if (blocked) {
      this.#app.notices.notify(blocked, 'error');
      return;
    }
    const report = this.#app.plan.report;
    if (!report) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
    const now = new Date();
    const csv = make(report, this.#csvOptions(now));
    if (csv === null) return;
    await this.saveFile(
      exportFileName(what ? `${report.plan} ${what}` : report.plan, now, 'csv'),
      'text/csv',
      csv,
    );
  }

  /** The line items of every strategy (the report's rows). */
  exportCsv(): Promise<void> {
    return this.#exportReportCsv(null, reportToCsv);
  }

  /** The cost-per-service table (services × strategies). */
  exportServicesCsv(): Promise<void> {
    return this.#exportReportCsv('cost per service', servicesToCsv);
  }

  /** The forecast as shown (horizon, start month, leader, totals). */
  exportForecastCsv(): Promise<void> {
    const forecast = this.#app.plan.forecast;
    return this.#exportReportCsv('forecast', (report, options) =>
      forecast ? forecastToCsv(report, forecast, options) : null,
    );
  }

  /**
   * The report for the meeting as one self-contained HTML text (src/report/meeting.ts), or null when there is none to
   * make (refused, saying why): the figures on screen, the forecast as shown, the plan's saved scenarios compared
   * with it, and the analyses (break-even, tornado, bands and simulation, best mix) run in the engine's worker.
   * Save as HTML and Print / Save as PDF both print this.
   */
  async meetingReport(now: Date): Promise<{ name: string; document: MeetingDocument } | null> {
    const blocked = this.exportBlocked('the report');
    if (blocked) {
      this.#app.notices.notify(blocked, 'error');
      return null;
    }
    const report = this.#app.plan.report;
    const doc = this.#app.plan.doc;
    if (!report || !doc) return null;
    this.#preparingReport = true;
    this.#cancelled = false;
    try {
      const parsed = this.#app.engine.parse(doc);
      const plan = parsed.ok ? parsed.plan : null;
      const [analyses, comparison] = plan
        ? await Promise.all([this.#analyses(plan, report), this.#scenarios(report)])
        : [undefined, undefined];
      if (this.#cancelled) {
        this.#app.notices.notify('The report was not made: cancelled.');
        return null;
      }
      const meeting = buildMeetingDocument({
        report,
        forecast: this.#app.plan.forecast ?? undefined,
        comparison,
        analyses,
        generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      });
      return { name: `${report.plan} report`, document: meeting };
    } finally {
      this.#preparingReport = false;
    }
  }

  /** One analysis of `plan` in the analyses' worker; `null` when it gave no answer or the report was cancelled. */
  async #analysis(plan: Plan, analysis: AnalysisRequest): Promise<AnalysisResult | null> {
    if (this.#cancelled) return null;
    const out = await this.#run.run(plan, analysis);
    if (out === null) this.#cancelled = true; // cancelled (or another analysis took the worker): no report
    return out?.ok ? out.result : null;
  }

  /**
   * The analyses `headroom report --format html` runs, with the same choices (src/report/meeting-analysis.ts): the
   * break-even of the cheapest and the runner-up as traffic turns, drawn around it; the tornado; the bands and the
   * seeded simulation when the plan has ranges; the best mix. One that did not come back is left out.
   */
  async #analyses(plan: Plan, report: Report): Promise<MeetingAnalyses> {
    const pair = breakEvenPair(report);
    const breakEven = async (): Promise<MeetingAnalyses['breakEven']> => {
      if (pair === null)
        return {
          reason: 'fewer than two strategies run every service, so there is no runner-up to compare with',
        };
      const found = await this.#analysis(plan, { kind: 'breakeven', ...pair, knob: 'traffic' });
      if (found?.kind !== 'breakeven') return undefined;
      const span = breakEvenCurveSpan(found.breakEven.value);
      const drawn = await this.#analysis(plan, { kind: 'breakeven', ...pair, knob: 'traffic', curve: span });
      return drawn?.kind === 'breakeven' ? { result: drawn.breakEven, curve: drawn.curve } : undefined;
    };
    const ranged = hasRanges(plan);
    // One after the other: the analyses' worker runs one at a time (starting one cancels the one running).
    const be = await breakEven();
    const tornado = await this.#analysis(plan, { kind: 'sensitivity' });
    const mix = await this.#analysis(plan, { kind: 'mix' });
    const sim = ranged
      ? await this.#analysis(plan, { kind: 'simulate', samples: REPORT_SAMPLES, seed: REPORT_SEED })
      : null;
    const simulation = sim?.kind === 'simulate' ? sim.simulation : null;
    return {
      ...(be ? { breakEven: be } : {}),
      ...(tornado?.kind === 'sensitivity' ? { sensitivity: tornado.sensitivity } : {}),
      ...(mix?.kind === 'mix' ? { mix: { result: mix.mix, reason: mix.reason } } : {}),
      ...(!ranged
        ? { uncertainty: { bands: null, simulation: null } }
        : simulation
          ? { uncertainty: { bands: simulation.bands, simulation } }
          : {}),
    };
  }

  /**
   * The open plan's saved scenarios (or, for an open scenario, its base's), each evaluated in the worker, against
   * the plan as on screen; undefined when it has none.
   */
  async #scenarios(report: Report): Promise<ComparedEntry[] | undefined> {
    const id = this.#app.plan.currentId;
    const plans = this.#app.library.plans;
    const open = plans.find((p) => p.id === id);
    if (!id || !open) return undefined;
    const baseId = open.kind === 'scenario' && open.baseId ? open.baseId : id;
    const base = plans.find((p) => p.id === baseId);
    const rows: PlanRecord[] = [
      ...(base && base.id !== id ? [base] : []),
      ...plans.filter((p) => p.kind === 'scenario' && p.baseId === baseId && p.id !== id),
    ];
    if (rows.length === 0) return undefined;
    const entries: ComparedEntry[] = [{ name: open.name, report, isBase: open.id === baseId }];
    for (const row of rows) {
      const parsed = this.#app.engine.parse(row.document);
      if (!parsed.ok) continue;
      const r = await this.#app.engine.evaluatePlan(parsed.plan, {
        key: `meeting-report:${row.id}`,
        inWorker: true,
      });
      if (!r?.ok || !r.report) continue;
      const changes =
        row.kind === 'scenario' && row.changes && base
          ? applyChanges(base.document, row.changes).outcomes.map((o) => o.text)
          : undefined;
      entries.push({
        name: row.name,
        report: r.report,
        isBase: row.id === baseId,
        ...(changes ? { changes } : {}),
      });
    }
    return entries.length > 1 ? entries : undefined;
  }

  /**
   * Save as HTML: the report for the meeting (meetingReport) as one self-contained file — no script, opens offline
   * and prints.
   */
  async exportHtml(): Promise<void> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
    const now = new Date();
    const made = await this.meetingReport(now);
    if (made === null) return;
    await this.saveFile(exportFileName(made.name, now, 'html'), 'text/html', meetingToHtml(made.document));
  }

  /**
   * Print / Save as PDF: the same report, printed from the app's own page (src/platform/print-report.ts) — the
   * browser's print dialog, or in the desktop app a PDF saved where the user chooses.
   */
  async printReport(): Promise<void> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
    const now = new Date();
    const made = await this.meetingReport(now);
    if (made === null) return;
    const r = await this.#app.platform.printReport({
      suggestedName: exportFileName(made.name, now, 'pdf'),
      bodyHtml: meetingBodyHtml(made.document),
      style: REPORT_STYLE,
    });
    if (r.saved) this.#app.notices.notify(r.path ? `Saved ${r.path}.` : 'Saved the PDF.');
    else if (r.error) this.#app.notices.notify(r.error, 'error');
  }

  async exportJson(): Promise<void> {
    const blocked = this.exportBlocked('the plan file');
    const doc = this.#app.plan.doc;
    if (blocked || !doc) {
      this.#app.notices.notify(blocked ?? 'No plan is open.', 'error');
      return;
    }
    await this.saveFile(
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
      exportFileName(String(doc.name), new Date(), 'json'),
      'application/json',
      `${JSON.stringify(doc, null, 2)}\n`,
    );
  }

  async exportComparison(csv: CsvText): Promise<void> {
    const plans = this.#app.library.plans;
    const names = this.#app.comparison.ids
      .map((id) => plans.find((p) => p.id === id)?.name ?? '')
      .join(' vs ');
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
    const name = exportFileName(`comparison ${names}`.slice(0, 80), new Date(), 'csv');
    await this.saveFile(name, 'text/csv', withBom(csv));
  }

  /** Writes a file through the platform and says what became of it. A CSV must come from toCsv (CsvText). */
  async saveFile(
    name: string,
    ...[mimeType, contents]: ['text/csv', CsvText] | ['application/json', string] | ['text/html', string]
  ): Promise<void> {
    const r = await this.#app.platform.saveFile({ suggestedName: name, mimeType, contents });
    if (r.saved) this.#app.notices.notify(r.path ? `Saved ${r.path}.` : `Saved ${name}.`);
    else if (r.error) this.#app.notices.notify(r.error, 'error');
  }

  /** Asks for a plan file and imports it as a new plan if (and only if) the whole file is valid. */
  async importPlan(): Promise<void> {
    let file;
    try {
      file = await this.#app.platform.openFile(OPEN_PLAN);
    } catch (error) {
      this.#importProblem = { fileName: '', issues: [{ path: '(file)', message: messageOf(error) }] };
      return;
    }
    if (!file) return;
    await this.importText(file.name, file.contents);
  }

  async importText(fileName: string, text: string): Promise<boolean> {
    const r = parsePlanText(text);
    if (!r.ok) {
      this.#importProblem = { fileName, issues: r.issues };
      return false;
    }
    this.#importProblem = null;
    const doc = planToFile(r.plan) as unknown as Doc;
    const name = uniqueName(
      String(doc.name),
      this.#app.library.plans.map((p) => p.name),
    );
    const record = newRecord({ ...doc, name }, 'plan', null);
    if (!record) return false;
    await this.#app.library.insert(record, true, true);
    this.#app.notices.notify(`Imported “${name}” from ${fileName}.`);
    return true;
  }
}
