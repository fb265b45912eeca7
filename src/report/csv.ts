// Report → CSV text. RFC 4180 (CRLF line ends; a field holding a comma, double quote, CR or LF is quoted, quotes
// doubled), numbers written plainly with String(n) so a spreadsheet reads them as numbers, and text cells made
// formula-safe (safety.md): a cell starting with = + - @ tab CR LF or NUL gets a leading apostrophe, so a service
// named `=cmd()` stays text; so does one whose = + - @ hides behind leading whitespace (spreadsheets skip it) or is
// the full-width or small form that East Asian input methods type (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫). Every CSV the project
// writes goes through toCsv (the report, the forecast, the comparison). Pure: reads the engine's report, computes
// no figure.
import type { Forecast, Report } from '../model/index.ts';
import { STRATEGY_IDS, STRATEGY_NAMES } from '../model/index.ts';
import { scalingText, totalStatus } from './terms.ts';

export type CsvCell = string | number | null;

declare const csvBrand: unique symbol;
/**
 * Text made by toCsv: RFC 4180 with every text cell neutralized. What the app saves as a `.csv` file is typed as
 * this, so a CSV built any other way (without the neutralization) does not compile.
 */
export type CsvText = string & { readonly [csvBrand]: true };

/**
 * A cell a spreadsheet could read as a formula: one that starts with tab, CR, LF or NUL, or whose first character
 * after any whitespace, control or zero-width (format) characters is = + - @ or a full-width / small form of them.
 */
const FORMULA_START =
  /^[\t\r\n\0]|^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/u;
const NEEDS_QUOTES = /[",\r\n]/;

/** True when a text cell must be neutralized (written with a leading `'`). */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

const neutralized = (value: string) => (looksLikeFormula(value) ? `'${value}` : value);
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** A text cell, neutralized and quoted as needed. */
export function csvText(value: string): string {
  const safe = neutralized(value);
  return NEEDS_QUOTES.test(safe) ? quoted(safe) : safe;
}

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    // A non-finite number here is an upstream bug; refuse to write a file that would hide it.
    if (!Number.isFinite(value)) throw new RangeError(`refusing to write ${value} to a CSV file`);
    return String(value === 0 ? 0 : value); // -0 → 0
  }
  return csvText(value);
}

/** The byte order mark Excel on Windows needs to read a CSV file as UTF-8 (without it "–" becomes "â€“"). */
export const BOM = '\uFEFF';

/** CSV text with a byte order mark in front (once): for a file that a spreadsheet opens (the comparison export). */
export function withBom(csv: CsvText): CsvText {
  return (csv.startsWith(BOM) ? csv : `${BOM}${csv}`) as CsvText;
}

/** A metadata line: a key, then its values (`# plan,Food delivery`). */
export type MetaLine = readonly [key: string, ...values: CsvCell[]];

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (files for spreadsheets); off by default. */
  bom?: boolean;
  /**
   * `# key,value` lines above the table. Spreadsheets show them as rows above the header; papaparse skips them with
   * `comments: '#'` (a data row whose first cell starts with `#` is quoted, so it is never taken for one).
   */
  meta?: readonly MetaLine[];
}

/** A data row's first cell; quoted when it starts with #, so a comment-skipping reader never drops the row. */
function firstCell(value: CsvCell): string {
  return typeof value === 'string' && neutralized(value).startsWith('#')
    ? quoted(neutralized(value))
    : cell(value);
}

/** One line of a metadata value: a line break inside it would end the `#` line early for a comment-skipping reader. */
function oneLine(value: CsvCell): CsvCell {
  return typeof value === 'string' ? value.replace(/[\r\n\u2028\u2029]+/g, ' ') : value;
}

/** Rows → RFC 4180 text, CRLF after every row (including the last); optionally a BOM and a `#` metadata block. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): CsvText {
  let out = options.bom === true ? BOM : '';
  for (const [key, ...values] of options.meta ?? []) {
    out += `${[`# ${oneLine(key) as string}`, ...values.map(oneLine)].map(cell).join(',')}\r\n`;
  }
  for (const row of rows) {
    // A row of one empty cell would be an empty line, which readers skip: write it as "".
    const line =
      row.length === 1 && (row[0] === '' || row[0] === null)
        ? '""'
        : row.map((value, i) => (i === 0 ? firstCell(value) : cell(value))).join(',');
    out += `${line}\r\n`;
  }
  return out as CsvText; // the one place CSV text is made
}
/** What the front door (app or CLI) adds to an export: the clock is read there, never here. */
export interface ExportMeta {
  /** When the file was made, ISO 8601 (`2026-11-30T09:15:00Z`). */
  generatedAt: string;
  /** A remark on the figures, e.g. that they are from the last valid version of the plan. */
  note?: string;
}

export interface ExportOptions {
  /** Start with a UTF-8 byte order mark. */
  bom?: boolean;
  /** With it, a `# key,value` block above the table (plan, catalog, totals …); without it, the table alone. */
  meta?: ExportMeta;
}

/** The block every export starts with (documented in docs/cli.md): what the file is and what it assumed. */
function headerBlock(report: Report, table: string, meta: ExportMeta): MetaLine[] {
  const lines: MetaLine[] = [
    ['headroom', table],
    ['plan', report.plan],
    ['catalog', report.catalog.id],
    ['prices as of', report.catalog.asOf],
    ['hours per month', report.hoursPerMonth],
    ['currency', report.currency],
    ['generated at', meta.generatedAt],
  ];
  if (meta.note !== undefined) lines.push(['note', meta.note]);
  return lines;
}

/**
 * `# total per month,<id>,<name>,<monthly cost>` for every strategy, followed by why the total is not comparable
 * when it is not ("incomplete: leaves out 1 service (accounting)"; "cannot be costed: …", with no cost), then the
 * cheapest that runs every service, then each strategy's terms.
 */
function monthlyTotals(report: Report): MetaLine[] {
  const lines: MetaLine[] = report.strategies.map((s) => {
    const status = totalStatus(s);
    if (status === null) return ['total per month', s.id, s.name, s.monthlyCost];
    return ['total per month', s.id, s.name, s.cannotCost ? null : s.monthlyCost, status];
  });
  const cheapest = report.strategies.find((s) => s.id === report.cheapest);
  if (cheapest) lines.push(['cheapest', cheapest.id, cheapest.name, cheapest.monthlyCost]);
  return [...lines, ...strategyTerms(report)];
}

/**
 * Each strategy's terms: `# scaling,<id>,<mode>,<hours ahead>,<in words>` and `# not included,<id>,<item>,…`
 * (issue 10 §5–§6), so a total is never read as more complete, or more elastic, than it is.
 */
function strategyTerms(report: Report): MetaLine[] {
  return report.strategies.flatMap((s): MetaLine[] => [
    ['scaling', s.id, s.scaling.mode, s.scaling.aheadHours, scalingText(s.scaling)],
    ['not included', s.id, ...s.notIncluded],
  ]);
}

function csvOptions(options: ExportOptions, meta: () => MetaLine[]): CsvOptions {
  return { bom: options.bom === true, meta: options.meta === undefined ? [] : meta() };
}

/**
 * Significant digits a quantity is written with. The engine keeps 12 (money.ts `clean`), where a figure cleaned
 * twice can show its last digit's noise (2,228,325.00003 GB-seconds for 2,228,325); 10 hide it and change no figure
 * by more than 5 parts in 10^11 — far below a cent of any line's cost, which is written as the engine computed it.
 */
export const QUANTITY_DIGITS = 10;

/** A computed figure as people read it: at most QUANTITY_DIGITS significant digits (whole numbers stay whole). */
export function forPeople(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  return Number(x.toPrecision(QUANTITY_DIGITS));
}

/** Header of reportToCsv (documented in docs/cli.md). */
export const LINE_ITEM_HEADER = [
  'strategy',
  'strategy_name',
  'service',
  'component',
  'unit',
  'quantity',
  'unit_price',
  'cost',
  'currency',
] as const;

/** The `service` cell of a shared line (a host pool, a price tier, a fee). */
export const SHARED_SERVICE = 'shared';

/**
 * One row per line item of every strategy: strategy id and name, service (`shared` for a shared line such as a
 * host pool or a price tier), component, unit, quantity, unit price, cost, currency. Per strategy, the cost column
 * sums to its monthlyCost.
 */
export function reportToCsv(report: Report, options: ExportOptions = {}): CsvText {
  const rows: CsvCell[][] = [[...LINE_ITEM_HEADER]];
  for (const s of report.strategies) {
    for (const li of s.lineItems) {
      rows.push([
        s.id,
        s.name,
        li.service ?? SHARED_SERVICE,
        li.component,
        li.unit,
        forPeople(li.quantity),
        li.unitPrice,
        li.cost,
        report.currency,
      ]);
    }
  }
  return toCsv(
    rows,
    csvOptions(options, () => [
      ...headerBlock(report, 'line items', options.meta!),
      ...monthlyTotals(report),
    ]),
  );
}

/**
 * The cost-per-service table: one row per service, one column per strategy id (its monthly cost; empty where the
 * strategy does not run the service). The columns sum to each strategy's monthlyCost.
 */
export function servicesToCsv(report: Report, options: ExportOptions = {}): CsvText {
  const names: string[] = [];
  for (const s of report.strategies)
    for (const c of s.services) if (!names.includes(c.service)) names.push(c.service);
  const rows: CsvCell[][] = [['service', ...report.strategies.map((s) => s.id)]];
  for (const name of names) {
    rows.push([
      name,
      ...report.strategies.map((s) => {
        const c = s.services.find((x) => x.service === name);
        return c !== undefined && c.included ? c.cost : null;
      }),
    ]);
  }
  addLatencyColumns(report, names, rows);
  return toCsv(
    rows,
    csvOptions(options, () => [
      ...headerBlock(report, 'cost per service', options.meta!),
      ...monthlyTotals(report),
    ]),
  );
}

/**
 * With latency targets (issue 12 §3), four columns per strategy that sized a service for one: what decided the count
 * at the busiest hour, the instances counted and CPU's alone there, and the worst hour's percentile wait (ms).
 * Without targets the file is as before.
 */
function addLatencyColumns(report: Report, names: readonly string[], rows: CsvCell[][]): void {
  for (const s of report.strategies) {
    if (!s.services.some((c) => c.latency !== undefined)) continue;
    const id = s.id;
    rows[0]!.push(`${id}_sized_by`, `${id}_instances`, `${id}_cpu_instances`, `${id}_wait_ms`);
    names.forEach((name, i) => {
      const l = s.services.find((x) => x.service === name && x.included)?.latency;
      rows[i + 1]!.push(
        l?.sizedBy ?? null,
        l?.instances ?? null,
        l?.cpuInstances ?? null,
        l === undefined ? null : Math.round(l.waitMs * 1000) / 1000,
      );
    });
  }
}

/** Header of forecastToCsv: month number and calendar month, cost and cumulative cost per strategy, the leader. */
export const FORECAST_HEADER = [
  'month',
  'calendar_month',
  ...STRATEGY_IDS,
  ...STRATEGY_IDS.map((id) => `${id}_cumulative`),
  'leader',
] as const;

/**
 * One row per month: month, calendar month, the monthly cost under each strategy, the cumulative cost, and the
 * leader (the cheapest complete strategy, lead changes within the tolerance ignored). The header block adds the
 * start, the tolerance, every lead change, and the 12-month and whole-horizon totals.
 */
export function forecastToCsv(report: Report, forecast: Forecast, options: ExportOptions = {}): CsvText {
  const rows: CsvCell[][] = [[...FORECAST_HEADER]];
  for (const m of forecast.months) {
    rows.push([
      m.month,
      m.calendarMonth,
      ...STRATEGY_IDS.map((id) => m.costs[id]),
      ...STRATEGY_IDS.map((id) => m.cumulative[id]),
      m.leader ?? '',
    ]);
  }
  const first = forecast.months[0];
  const last = forecast.months.at(-1);
  const meta = (): MetaLine[] => {
    const lines = headerBlock(report, 'forecast', options.meta!);
    lines.push(
      ['forecast start', forecast.start],
      ['months', forecast.months.length],
      ['lead tolerance', forecast.tolerance],
    );
    // A strategy that leaves services out (or has no total) is in the table with its figures, but never leads.
    for (const s of report.strategies) {
      const status = totalStatus(s);
      if (status !== null || !forecast.complete.includes(s.id)) {
        const why = status?.replace(/^incomplete: /, '') ?? 'leaves out services in some months';
        lines.push(['incomplete', s.id, s.name, why]);
      }
    }
    lines.push(...strategyTerms(report));
    if (first?.leader)
      lines.push(['cheapest from', first.calendarMonth, first.leader, STRATEGY_NAMES[first.leader]]);
    for (const c of forecast.leadChanges) {
      lines.push([
        'cheapest from',
        c.calendarMonth,
        c.leader ?? '',
        c.leader === null ? 'none runs every service' : STRATEGY_NAMES[c.leader],
        c.margin === null ? null : forPeople(c.margin),
      ]);
    }
    for (const y of forecast.years) {
      for (const id of STRATEGY_IDS) {
        lines.push([`total ${y.from} to ${y.to}`, id, STRATEGY_NAMES[id], y.costs[id]]);
      }
    }
    if (first && last && forecast.years.length > 1) {
      for (const id of STRATEGY_IDS) {
        lines.push([
          `total ${first.calendarMonth} to ${last.calendarMonth}`,
          id,
          STRATEGY_NAMES[id],
          forecast.total[id],
        ]);
      }
    }
    return lines;
  };
  return toCsv(rows, csvOptions(options, meta));
}
