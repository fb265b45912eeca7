// Report → CSV text. RFC 4180 (CRLF line ends; a field holding a comma, double quote, CR or LF is quoted, quotes
// doubled), numbers written plainly with String(n) so a spreadsheet reads them as numbers, and text cells made
// formula-safe (safety.md): a cell starting with = + - @ tab CR LF or NUL gets a leading apostrophe, so a service
// named `=cmd()` stays text; so does one whose = + - @ hides behind leading whitespace (spreadsheets skip it) or is
// the full-width or small form that East Asian input methods type (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫). Every CSV the project
// writes goes through toCsv (the report, the forecast, the comparison). Pure: reads the engine's report, computes
// no figure.
import type { ForecastMonth, Report } from '../model/index.ts';
import { STRATEGY_IDS } from '../model/index.ts';

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

/** A text cell, neutralized and quoted as needed. */
export function csvText(value: string): string {
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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

/** Rows → RFC 4180 text, CRLF after every row (including the last). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): CsvText {
  let out = '';
  for (const row of rows) {
    // A row of one empty cell would be an empty line, which readers skip: write it as "".
    const line = row.length === 1 && (row[0] === '' || row[0] === null) ? '""' : row.map(cell).join(',');
    out += `${line}\r\n`;
  }
  return out as CsvText; // the one place CSV text is made
}

/** Header of reportToCsv (documented in docs/cli.md). */
export const LINE_ITEM_HEADER = [
  'strategy',
  'service',
  'component',
  'unit',
  'quantity',
  'unit_price',
  'cost',
  'currency',
] as const;

/**
 * One row per line item of every strategy: strategy id, service (empty for a shared line such as a host pool or a
 * price tier), component, unit, quantity, unit price, cost, currency. Per strategy, the cost column sums to its
 * monthlyCost.
 */
export function reportToCsv(report: Report): CsvText {
  const rows: CsvCell[][] = [[...LINE_ITEM_HEADER]];
  for (const s of report.strategies) {
    for (const li of s.lineItems) {
      rows.push([
        s.id,
        li.service ?? '',
        li.component,
        li.unit,
        li.quantity,
        li.unitPrice,
        li.cost,
        report.currency,
      ]);
    }
  }
  return toCsv(rows);
}

/** One row per month: month, then the monthly cost under each strategy (columns named by strategy id). */
export function forecastToCsv(forecast: readonly ForecastMonth[]): CsvText {
  const rows: CsvCell[][] = [['month', ...STRATEGY_IDS]];
  for (const m of forecast) rows.push([m.month, ...STRATEGY_IDS.map((id) => m.costs[id])]);
  return toCsv(rows);
}
