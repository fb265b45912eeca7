// Files in and out of the planner: the open plan's CSV reports and JSON file, the comparison's CSV, and plan files
// imported as new plans. Every file goes out through one `saveFile`, so a CSV is always formula-safe (CsvText) and
// every outcome is reported as a notice.
import type { PlanIssue, Report } from '../model/index.ts';
import { parsePlanText, planToFile } from '../plan/index.ts';
import type { Platform } from '../platform/types.ts';
import { OPEN_PLAN } from '../platform/file-requests.ts';
import {
  buildMeetingDocument,
  forecastToCsv,
  meetingToHtml,
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
  readonly plan: Pick<OpenPlan, 'doc' | 'valid' | 'issues' | 'report' | 'forecast'>;
  readonly library: Pick<PlanLibrary, 'plans' | 'insert'>;
  readonly comparison: { readonly ids: string[] };
}

export class Exports {
  readonly #app: ExportsDeps;
  #importProblem = $state.raw<ImportProblem | null>(null);

  constructor(app: ExportsDeps) {
    this.#app = app;
  }

  /** Why the last plan file offered was not imported (nothing was changed); null once dismissed or imported. */
  get importProblem(): ImportProblem | null {
    return this.#importProblem;
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
   * Save as HTML: the report for the meeting (src/report/meeting.ts) as one self-contained file — the figures on
   * screen, the forecast as shown, charts with their tables, no script, opens offline and prints.
   */
  async exportHtml(): Promise<void> {
    const blocked = this.exportBlocked('the report');
    if (blocked) {
      this.#app.notices.notify(blocked, 'error');
      return;
    }
    const report = this.#app.plan.report;
    if (!report) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the export's time stamp, not reactive state
    const now = new Date();
    const doc = buildMeetingDocument({
      report,
      forecast: this.#app.plan.forecast ?? undefined,
      generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    });
    await this.saveFile(
      exportFileName(`${report.plan} report`, now, 'html'),
      'text/html',
      meetingToHtml(doc),
    );
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
