// Import a traffic curve from a monitoring export (Prometheus, CloudWatch, Datadog, Grafana …): one timestamp
// column, one value column, any step from a minute to an hour, a day to many weeks. Resampled to the plan's 24- or
// 168-hour profile. Pure: text in, a curve and a report (or located issues) out. Never throws.
import Papa from 'papaparse';
import { FILE_LIMITS } from '../limits/files.ts';
import { readPreamble } from '../text/delimiter.ts';

/** The cell separators recognised, in order of preference when none occurs. */
const DELIMITERS: readonly string[] = [',', ';', '\t', '|'];

export type ValueKind = 'rps' | 'count';
/**
 * How the value column writes numbers. `decimal-point`: 1,234.5 (a comma may group thousands); `decimal-comma`:
 * 1.234,5 (a point may group thousands). Groups are always of three digits.
 */
export type NumberFormat = 'decimal-point' | 'decimal-comma';
export const NUMBER_FORMATS: readonly NumberFormat[] = ['decimal-point', 'decimal-comma'];
export type Statistic = 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';
export const STATISTICS: readonly Statistic[] = ['mean', 'p50', 'p90', 'p95', 'p99', 'max'];

export interface TrafficCsvOptions {
  /** 24: one day (hour of day); 168: one week, Monday 00:00 first (hour of week). */
  hours: 24 | 168;
  /** `rps`: the values are requests per second; `count`: requests counted in each interval (divided by the step). */
  valueKind: ValueKind;
  /** Header names; by default the first column that holds times, and the first other column that holds numbers. */
  timestampColumn?: string | undefined;
  valueColumn?: string | undefined;
  /** How the samples in one hour of the day/week become that hour's value. Default `mean`. */
  statistic?: Statistic | undefined;
  /** Minutes to add to UTC to get the plan's local time (e.g. 60 for UTC+1). Default 0. */
  utcOffsetMinutes?: number | undefined;
  /**
   * The number format the user confirmed. Without it, a plain file (no comma, no grouped digits in the value
   * column) is read with a decimal point and anything else is refused until a format is given: never guessed.
   */
  numberFormat?: NumberFormat | undefined;
  /**
   * A unit the user agreed to remove from the end of every value ("req/s" for Grafana's "Formatted data" export:
   * `76 req/s`). Without it, values with a unit are refused as one issue naming the unit (see detectValueUnit).
   */
  unit?: string | undefined;
}

export interface TrafficIssue {
  /** 1-based line of the file, as a text editor shows it (0 for the file as a whole). */
  line: number;
  column: string | null;
  message: string;
}

export interface TrafficGap {
  /** Last sample before the gap and first after it (ISO 8601, UTC). */
  from: string;
  to: string;
  /** The same two times as the file wrote them (see TrafficTimes). */
  fromText: string;
  toText: string;
  missingSteps: number;
}

/**
 * How the file wrote its times, for showing them as the file did. `local`: no zone at all (Grafana writes the
 * dashboard's time zone so), shown as written and labelled local; `utc`: `Z`/`UTC`, or Unix time (shown as
 * `2026-11-02 00:00:00 UTC`); `offset`: `+01:00` and the like, shown as written; `mixed`: some of each.
 */
export type TimeZoneKind = 'local' | 'utc' | 'offset' | 'mixed';

export interface TrafficTimes {
  zone: TimeZoneKind;
  /** First and last sample's time as the file wrote it (trimmed); Unix times as UTC. */
  from: string;
  to: string;
}

/** Whether the value column's cells end with a unit (`76 req/s`), and which. */
export type ValueUnitDetection =
  | { kind: 'none' }
  /** Every value has this unit (no plain numbers among them): removing it (the `unit` option) leaves numbers. */
  | { kind: 'unit'; column: string; unit: string; values: number; example: { line: number; cell: string } }
  /** Units that differ between values (`950 req/s`, `1.2 K req/s`): a scale prefix cannot be removed safely. */
  | { kind: 'refused'; issues: TrafficIssue[] };

/** Something read but worth saying, shown beside the preview. */
export interface TrafficWarning {
  /**
   * `trailing-empty-cells`: rows with more cells than the header, the extra ones all empty (a trailing delimiter).
   * `point-or-thousands`: every value with a point has three digits after it (13.200), so the point might group
   * thousands; read as a decimal point (as always) because no format was given.
   */
  code: 'trailing-empty-cells' | 'point-or-thousands';
  /** First line concerned. */
  line: number;
  rows: number;
  message: string;
}

/** One value cell and what it would be under each number format (null: not a number under that format). */
export interface NumberSample {
  line: number;
  column: string;
  cell: string;
  asDecimalPoint: number | null;
  asDecimalComma: number | null;
}

export type NumberFormatDetection =
  /**
   * No comma and no grouped digits: read with a decimal point, as always; nothing to ask. `doubt` is set when every
   * value with a point could also be point-grouped thousands (only "13.200"-like values): read as decimals, said in
   * a warning, and the user may still choose.
   */
  | { kind: 'plain'; doubt?: NumberSample }
  /**
   * Commas or grouped digits: the user must confirm the format. `suggested` is the only format under which every
   * value reads (null when both do, as for a column of "1,234"); `example` is a value that shows the difference.
   */
  | { kind: 'ask'; column: string; suggested: NumberFormat | null; example: NumberSample }
  /** Values that mix formats, separators that fit neither, or a file that cannot be read: located issues. */
  | { kind: 'refused'; issues: TrafficIssue[] };

export interface TrafficReport {
  /** Data rows read (samples with a value). */
  rows: number;
  /** The sampling step in seconds (the median spacing). */
  step: number;
  gaps: TrafficGap[];
  /** Rows whose timestamp repeats an earlier one; the first value is used. */
  duplicates: { line: number; timestamp: string }[];
  /** Rows whose value cell was empty, NaN or null: counted as missing, never filled. */
  empty: number;
  from: string;
  to: string;
  timestampColumn: string;
  valueColumn: string;
  /** The number format the values were read with. */
  numberFormat: NumberFormat;
  /** The unit removed from the values (the `unit` option), or null. */
  unit: string | null;
  /** The first and last time as the file wrote them. `from`/`to` above are the same instants in UTC. */
  times: TrafficTimes;
  warnings: TrafficWarning[];
}

export type TrafficCsvResult =
  { ok: true; curve: number[]; report: TrafficReport } | { ok: false; issues: TrafficIssue[] };

export const TRAFFIC_LIMITS = {
  /** Characters of CSV text (32 MiB): refused before parsing. */
  maxChars: FILE_LIMITS.trafficBytes,
  /** Data rows: a year at one-minute steps fits. */
  maxRows: 600_000,
  maxColumns: 500,
  minStepSeconds: 1,
  maxStepSeconds: 3600,
  /** Longest span of time covered. */
  maxSpanDays: 400,
  /** Highest requests per second accepted for one sample (the plan format's limit). */
  maxRps: 1e9,
  /** Most problems listed; the rest are counted. */
  maxIssues: 50,
  /** Most gaps and duplicates listed in the report. */
  maxListed: 1000,
} as const;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** 1,234 or 1,234,567.89: comma-grouped thousands with a decimal point (no leading 0 group: 0,500 is not 500). */
const POINT_GROUPED = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** 12,7 or 1234,5 or ,5: a decimal comma without grouping. */
const COMMA_PLAIN = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
/** 1.234 or 1.234.567,89: point-grouped thousands with a decimal comma (no leading 0 group: 0.500 is not 500). */
const COMMA_GROUPED = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
const UNIX = /^\d{9,13}(?:\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const MISSING = /^(?:|nan|null|none|n\/a|-)$/i;
/**
 * A number followed by a unit: `76 req/s`, `1.2 K req/s`, `12%`. The unit holds no digit (so `1e3` stays a number)
 * and does not start with a sign or separator.
 */
const WITH_UNIT = /^([+-]?[\d.,]*\d[\d.,]*(?:[eE][+-]?\d+)?)\s*([^\d\s+\-.,][^\d]*?)$/;
const TIME_HEADER = /time|date|^ts$|^t$|period/i;
/** 1990-01-01 to 2100-01-01: anything outside is not a monitoring timestamp. */
const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

/** A strict decimal number, or null. No hex, no thousands separators, no units. */
export function parseNumber(cell: string): number | null {
  const t = cell.trim();
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * A strict number written in the given format, or null: groups of exactly three digits, one decimal mark, no
 * spaces, units or hex. `parseNumberAs('1,234', 'decimal-point')` is 1234; `parseNumberAs('1,234', 'decimal-comma')`
 * is 1.234.
 */
export function parseNumberAs(cell: string, format: NumberFormat): number | null {
  const t = cell.trim();
  let plain: string;
  if (format === 'decimal-point') {
    if (NUMBER.test(t)) plain = t;
    else if (POINT_GROUPED.test(t)) plain = t.replace(/,/g, '');
    else return null;
  } else {
    if (COMMA_PLAIN.test(t)) plain = t.replace(',', '.');
    else if (COMMA_GROUPED.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
    else return null;
  }
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

/** A number under either format (for guessing which columns hold numbers). */
const anyNumber = (cell: string) =>
  parseNumberAs(cell, 'decimal-point') !== null || parseNumberAs(cell, 'decimal-comma') !== null;

/** ISO 8601 (an offset-less time is UTC) or Unix seconds / milliseconds, as ms since the epoch; or null. */
export function parseTimestamp(cell: string): number | null {
  return readTimestamp(cell)?.ms ?? null;
}

/** A time and how its cell wrote the zone (see TimeZoneKind). */
function readTimestamp(cell: string): { ms: number; zone: Exclude<TimeZoneKind, 'mixed'> } | null {
  const t = cell.trim();
  let ms: number;
  let zoneKind: Exclude<TimeZoneKind, 'mixed'> = 'utc';
  if (UNIX.test(t)) {
    const n = Number(t);
    ms = n >= 1e11 ? n : n * 1000; // 1e11 s is the year 5138; 1e11 ms is 1973
  } else {
    const m = ISO.exec(t);
    if (!m) return null;
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
    ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(Number(`0.${frac || '0'}`) * 1000);
    if (!zone) zoneKind = 'local';
    else if (!/^(?:z|utc)$/i.test(zone)) {
      zoneKind = 'offset';
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2) || '0');
      if (oh > 14 || om > 59) return null;
      ms -= sign * (oh * 60 + om) * 60_000;
    }
  }
  return ms >= MIN_MS && ms < MAX_MS ? { ms, zone: zoneKind } : null;
}

interface Row {
  line: number;
  cells: string[];
}

type Table =
  | { ok: true; header: string[]; headerLine: number; rows: Row[]; warnings: TrafficWarning[] }
  | { ok: false; issues: TrafficIssue[] };

/** Splits the text into rows, each with the 1-based line it starts on; skips `#` comments and a `sep=` line. */
function readTable(input: string): Table {
  if (typeof input !== 'string')
    return { ok: false, issues: [{ line: 0, column: null, message: 'The file is not text.' }] };
  if (input.length > TRAFFIC_LIMITS.maxChars) {
    return {
      ok: false,
      issues: [
        {
          line: 0,
          column: null,
          message: `The file is larger than ${TRAFFIC_LIMITS.maxChars / 1024 / 1024} MB.`,
        },
      ],
    };
  }
  const { text, firstLine, delimiter } = readPreamble(input, DELIMITERS);
  if (text.trim() === '')
    return { ok: false, issues: [{ line: 0, column: null, message: 'The file has no data.' }] };

  const rows: Row[] = [];
  const issues: TrafficIssue[] = [];
  let start = 0;
  let line = firstLine;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    delimiter,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const end = result.meta.cursor;
      const rowLine = line;
      for (let i = start; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
      for (const e of result.errors) {
        if (issues.length < TRAFFIC_LIMITS.maxIssues) {
          issues.push({ line: rowLine, column: null, message: `This line is not valid CSV: ${e.message}.` });
        }
      }
      const cells = result.data;
      if (cells.length === 1 && (cells[0] ?? '').trim() === '') return; // a blank line
      if ((cells[0] ?? '').startsWith('#')) return;
      if (rows.length > TRAFFIC_LIMITS.maxRows) {
        tooMany = true;
        parser.abort();
        return;
      }
      rows.push({ line: rowLine, cells });
    },
  });
  if (tooMany) {
    return {
      ok: false,
      issues: [{ line: 0, column: null, message: `The file has more than ${TRAFFIC_LIMITS.maxRows} rows.` }],
    };
  }
  if (issues.length > 0) return { ok: false, issues };
  const head = rows.shift();
  if (!head) return { ok: false, issues: [{ line: 0, column: null, message: 'The file has no data.' }] };
  if (head.cells.length > TRAFFIC_LIMITS.maxColumns) {
    return {
      ok: false,
      issues: [{ line: head.line, column: null, message: `More than ${TRAFFIC_LIMITS.maxColumns} columns.` }],
    };
  }
  // A file without a header row: its first row already holds a time.
  const headerless =
    head.cells.some((c) => parseTimestamp(c) !== null) &&
    head.cells.every((c) => anyNumber(c) || parseTimestamp(c) !== null);
  if (headerless) rows.unshift(head);
  const header = headerless
    ? head.cells.map((_, i) => `column ${i + 1}`)
    : head.cells.map((c, i) => c.trim() || `column ${i + 1}`);
  // Columns are chosen by name: two with one name would make the choice (and the panel's list) ambiguous.
  const seen = new Map<string, number>();
  for (const [i, name] of header.entries()) {
    const first = seen.get(name);
    if (first !== undefined) {
      return {
        ok: false,
        issues: [
          {
            line: head.line,
            column: name,
            message: `Columns ${first + 1} and ${i + 1} are both named "${name.slice(0, 60)}"; rename one of them in the header.`,
          },
        ],
      };
    }
    seen.set(name, i);
  }
  const width = checkWidths(header, rows, delimiter);
  if (!width.ok) return width;
  return { ok: true, header, headerLine: head.line, rows, warnings: width.warnings };
}

/**
 * Rows with more cells than the header: never dropped silently. Extra cells that are all empty (a delimiter at the
 * end of each line) are a named warning; any other extra cell is an error at its line and column. An unquoted
 * decimal comma in a comma-separated file is the usual cause ("12,7" becomes "12" and "7"), so say so.
 */
function checkWidths(
  header: string[],
  rows: Row[],
  delimiter: string,
): { ok: true; warnings: TrafficWarning[] } | { ok: false; issues: TrafficIssue[] } {
  const issues: TrafficIssue[] = [];
  let more = 0;
  let trailing = 0;
  let trailingLine = 0;
  for (const r of rows) {
    if (r.cells.length <= header.length) continue;
    const extra = r.cells.slice(header.length);
    if (extra.every((c) => c.trim() === '')) {
      if (trailing++ === 0) trailingLine = r.line;
      continue;
    }
    if (issues.length >= TRAFFIC_LIMITS.maxIssues) {
      more++;
      continue;
    }
    const at = header.length + extra.findIndex((c) => c.trim() !== '');
    const split = r.cells.findIndex(
      (c, i) => i > 0 && /^\s*[+-]?\d+\s*$/.test(r.cells[i - 1] ?? '') && /^\d+\s*$/.test(c),
    );
    const hint =
      delimiter === ',' && split > 0
        ? ` If "${(r.cells[split - 1] ?? '').trim()},${r.cells[split]?.trim()}" is one number, the comma between cells splits it: quote it ("${(r.cells[split - 1] ?? '').trim()},${r.cells[split]?.trim()}") or export with ";" between cells.`
        : '';
    issues.push({
      line: r.line,
      column: `column ${at + 1}`,
      message: `This row has ${r.cells.length} cells; the header has ${header.length}.${hint}`,
    });
  }
  if (more > 0) issues.push({ line: 0, column: null, message: `and ${more} more problems.` });
  if (issues.length > 0) return { ok: false, issues };
  const warnings: TrafficWarning[] =
    trailing === 0
      ? []
      : [
          {
            code: 'trailing-empty-cells',
            line: trailingLine,
            rows: trailing,
            message: `${trailing} row${trailing === 1 ? '' : 's'} end${trailing === 1 ? 's' : ''} with an empty extra cell (a delimiter at the end of the line, from line ${trailingLine}); ignored.`,
          },
        ];
  return { ok: true, warnings };
}

export interface TrafficCsvColumns {
  ok: true;
  columns: string[];
  /** The column that looks like the timestamps, and the columns that look like numbers (first few rows). */
  timestampColumn: string | null;
  valueColumns: string[];
  rows: number;
}

function guessColumns(header: string[], rows: Row[]): { time: number; values: number[] } {
  const sample = rows.slice(0, 20);
  // Most (not all) of the first rows: a stray bad cell must still be reported at its own line, not hide the column.
  const most = (test: (cell: string) => boolean, i: number) =>
    sample.length > 0 &&
    sample.filter((r) => test(r.cells[i] ?? '')).length >= Math.ceil(sample.length * 0.8);
  const isTime = (i: number) => most((c) => parseTimestamp(c) !== null, i);
  // A value with a unit (`76 req/s`) still marks a column of numbers: the unit is offered for removal later.
  const numberish = (c: string) => anyNumber(c) || anyNumber(WITH_UNIT.exec(c.trim())?.[1] ?? '');
  const isNumber = (i: number) =>
    sample.some((r) => numberish(r.cells[i] ?? '')) && most((c) => numberish(c) || MISSING.test(c.trim()), i);
  let time = header.findIndex((h, i) => TIME_HEADER.test(h) && isTime(i));
  if (time === -1) time = header.findIndex((_, i) => isTime(i));
  const values = header.map((_, i) => i).filter((i) => i !== time && isNumber(i));
  return { time, values };
}

/** Lists the columns of a monitoring export and guesses which holds the time and which the values. */
export function inspectTrafficCsv(text: string): TrafficCsvColumns | { ok: false; issues: TrafficIssue[] } {
  try {
    const table = readTable(text);
    if (!table.ok) return table;
    const { time, values } = guessColumns(table.header, table.rows);
    return {
      ok: true,
      columns: table.header,
      timestampColumn: time === -1 ? null : (table.header[time] ?? null),
      valueColumns: values.map((i) => table.header[i] ?? ''),
      rows: table.rows.length,
    };
  } catch (e) {
    return {
      ok: false,
      issues: [{ line: 0, column: null, message: `The file could not be read: ${String(e)}` }],
    };
  }
}

/** The timestamp and value columns: by name when given, else guessed. */
function pickColumns(
  table: Extract<Table, { ok: true }>,
  timestampColumn: string | undefined,
  valueColumn: string | undefined,
): { ok: true; ti: number; vi: number } | { ok: false; issues: TrafficIssue[] } {
  const { header, rows, headerLine } = table;
  const fail = (message: string, column: string | null = null) => ({
    ok: false as const,
    issues: [{ line: headerLine, column, message }],
  });
  const guess = guessColumns(header, rows);
  const pick = (name: string | undefined, guessed: number, what: string) => {
    if (name !== undefined) {
      const i = header.indexOf(name);
      if (i === -1)
        return fail(`There is no column named "${name}"; the columns are: ${header.join(', ')}.`, name);
      return i;
    }
    if (guessed === -1) return fail(`No column holds ${what}; choose one.`);
    return guessed;
  };
  const ti = pick(timestampColumn, guess.time, 'timestamps (ISO 8601 or Unix seconds/milliseconds)');
  if (typeof ti !== 'number') return ti;
  // With one other column only, read it, so that bad cells are reported where they are.
  const onlyOther = header.length === 2 ? 1 - ti : -1;
  const vi = pick(valueColumn, guess.values[0] ?? onlyOther, 'numbers');
  if (typeof vi !== 'number') return vi;
  if (ti === vi) return fail('The timestamp and value columns must differ.', header[ti] ?? null);
  return { ok: true, ti, vi };
}

const FORMAT_NAMES: Record<NumberFormat, string> = {
  'decimal-point': 'a decimal point',
  'decimal-comma': 'a decimal comma',
};

/** What the value column's cells say about their number format (see NumberFormatDetection). */
function detectIn(rows: Row[], vi: number, column: string): NumberFormatDetection {
  let commaSeen = false;
  let ambiguous: NumberSample | null = null;
  let pointOnly: NumberSample | null = null;
  let pointWithComma: NumberSample | null = null;
  let commaOnly: NumberSample | null = null;
  let neither: NumberSample | null = null;
  let pointOrThousands: NumberSample | null = null;
  for (const r of rows) {
    const cell = (r.cells[vi] ?? '').trim();
    if (MISSING.test(cell)) continue;
    const asDecimalPoint = parseNumberAs(cell, 'decimal-point');
    const asDecimalComma = parseNumberAs(cell, 'decimal-comma');
    const hasComma = cell.includes(',');
    commaSeen ||= hasComma;
    const sample: NumberSample = { line: r.line, column, cell, asDecimalPoint, asDecimalComma };
    // Only-one-reading cells decide the format; two that decide differently mean the column mixes formats.
    const only: NumberFormat | null =
      asDecimalPoint !== null && asDecimalComma === null
        ? 'decimal-point'
        : asDecimalComma !== null && asDecimalPoint === null
          ? 'decimal-comma'
          : null;
    const other = only === 'decimal-point' ? commaOnly : only === 'decimal-comma' ? pointOnly : null;
    if (only !== null && other !== null) {
      return {
        kind: 'refused',
        issues: [
          {
            line: r.line,
            column,
            message: `"${cell.slice(0, 40)}" has ${FORMAT_NAMES[only]}, but line ${other.line} has "${other.cell.slice(0, 40)}" with ${FORMAT_NAMES[only === 'decimal-point' ? 'decimal-comma' : 'decimal-point']}: the values mix number formats. Export them in one format.`,
          },
        ],
      };
    }
    if (only === 'decimal-point') {
      pointOnly ??= sample;
      if (hasComma) pointWithComma ??= sample;
    } else if (only === 'decimal-comma') commaOnly ??= sample;
    else if (asDecimalPoint !== null && asDecimalComma !== null) {
      if (asDecimalPoint !== asDecimalComma) {
        ambiguous ??= sample;
        if (!hasComma) pointOrThousands ??= sample;
      }
    } else if (hasComma) neither ??= sample;
  }
  if (!commaSeen && commaOnly === null) {
    // Files with a point only read as they always have; a column whose every point could group thousands says so.
    return pointOnly === null && pointOrThousands !== null
      ? { kind: 'plain', doubt: pointOrThousands }
      : { kind: 'plain' };
  }
  const example = ambiguous ?? commaOnly ?? pointWithComma;
  if (example === null) {
    const bad = neither ?? { line: 0, cell: '' };
    return {
      kind: 'refused',
      issues: [
        {
          line: bad.line,
          column,
          message: `"${bad.cell.slice(0, 40)}" is a number in neither format (1,234.5 with a decimal point, 1.234,5 with a decimal comma), so the number format cannot be determined.`,
        },
      ],
    };
  }
  const suggested = commaOnly !== null ? 'decimal-comma' : pointOnly !== null ? 'decimal-point' : null;
  return { kind: 'ask', column, suggested, example };
}

/** The unit the value column's cells end with (see ValueUnitDetection). */
function unitIn(rows: Row[], vi: number, column: string): ValueUnitDetection {
  let first: { line: number; cell: string; unit: string } | null = null;
  let other: { line: number; cell: string; unit: string } | null = null;
  let values = 0;
  let plain = 0;
  for (const r of rows) {
    const cell = (r.cells[vi] ?? '').trim();
    if (MISSING.test(cell)) continue;
    if (anyNumber(cell)) plain++;
    const m = WITH_UNIT.exec(cell);
    // A plain number, or text that is no number at all: the parser reports the latter at its line.
    if (!m || !anyNumber(m[1] ?? '')) continue;
    const unit = m[2] ?? '';
    if (first === null) first = { line: r.line, cell, unit };
    else if (unit !== first.unit) other ??= { line: r.line, cell, unit };
    values++;
  }
  // A unit on some values only (`12 req/s` among plain numbers) is a stray cell, reported at its line as before.
  if (first === null || plain > 0) return { kind: 'none' };
  if (other !== null) {
    return {
      kind: 'refused',
      issues: [
        {
          line: other.line,
          column,
          message: `"${other.cell.slice(0, 40)}" ends with "${other.unit.slice(0, 20)}", but line ${first.line} has "${first.cell.slice(0, 40)}" with "${first.unit.slice(0, 20)}": the values carry different units (a scale such as K or M cannot be removed safely). Export the raw values (in Grafana: turn "Formatted data" off).`,
        },
      ],
    };
  }
  return { kind: 'unit', column, unit: first.unit, values, example: { line: first.line, cell: first.cell } };
}

/** The rows with `unit` removed from the end of the value cells that carry it. */
function withoutUnit(rows: Row[], vi: number, unit: string): Row[] {
  return rows.map((r) => {
    const cell = (r.cells[vi] ?? '').trim();
    if (!cell.endsWith(unit) || MISSING.test(cell)) return r;
    const cells = [...r.cells];
    cells[vi] = cell.slice(0, cell.length - unit.length).trim();
    return { line: r.line, cells };
  });
}

/**
 * Whether the value column's cells end with a unit, as Grafana's "Formatted data" export writes them (`76 req/s`):
 * `unit` when every such value has the same one (pass it as the `unit` option to read them), `refused` when the
 * unit changes between values. Columns are chosen as parseTrafficCsv chooses them. Pure; never throws.
 */
export function detectValueUnit(
  text: string,
  valueColumn?: string,
  timestampColumn?: string,
): ValueUnitDetection {
  try {
    const table = readTable(text);
    if (!table.ok) return { kind: 'refused', issues: table.issues };
    const picked = pickColumns(table, timestampColumn, valueColumn);
    if (!picked.ok) return { kind: 'refused', issues: picked.issues };
    return unitIn(table.rows, picked.vi, table.header[picked.vi] ?? '');
  } catch (e) {
    return {
      kind: 'refused',
      issues: [{ line: 0, column: null, message: `The file could not be read: ${String(e)}` }],
    };
  }
}

/**
 * How the value column writes its numbers: `plain` (read with a decimal point, no question), `ask` (commas or
 * grouped digits: show the example and let the user choose, then pass `numberFormat`), or `refused` with located
 * issues. Columns are chosen as parseTrafficCsv chooses them. Pure; never throws.
 */
export function detectNumberFormat(
  text: string,
  valueColumn?: string,
  timestampColumn?: string,
  unit?: string,
): NumberFormatDetection {
  try {
    const table = readTable(text);
    if (!table.ok) return { kind: 'refused', issues: table.issues };
    const picked = pickColumns(table, timestampColumn, valueColumn);
    if (!picked.ok) return { kind: 'refused', issues: picked.issues };
    const rows = unit ? withoutUnit(table.rows, picked.vi, unit) : table.rows;
    return detectIn(rows, picked.vi, table.header[picked.vi] ?? '');
  } catch (e) {
    return {
      kind: 'refused',
      issues: [{ line: 0, column: null, message: `The file could not be read: ${String(e)}` }],
    };
  }
}

function percentile(sorted: number[], p: number): number {
  // Nearest rank.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

function summarize(values: number[], statistic: Statistic): number {
  if (statistic === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  if (statistic === 'max') return sorted[sorted.length - 1] ?? 0;
  return percentile(sorted, Number(statistic.slice(1)));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A time as its cell wrote it; a Unix time (which says nothing a person reads) as UTC. */
function asWritten(cell: string, ms: number): string {
  const t = cell.trim();
  return UNIX.test(t)
    ? iso(ms)
        .replace('T', ' ')
        .replace(/(?:\.000)?Z$/, ' UTC')
    : t;
}

function dayName(hourOfWeek: number): string {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return `${days[Math.floor(hourOfWeek / 24)]} ${String(hourOfWeek % 24).padStart(2, '0')}:00`;
}

function parse(text: string, options: TrafficCsvOptions): TrafficCsvResult {
  const fail = (message: string, line = 0, column: string | null = null): TrafficCsvResult => ({
    ok: false,
    issues: [{ line, column, message }],
  });
  if (options.hours !== 24 && options.hours !== 168) return fail('The profile must have 24 or 168 hours.');
  if (options.valueKind !== 'rps' && options.valueKind !== 'count')
    return fail('Say whether values are rps or counts.');
  const statistic = options.statistic ?? 'mean';
  if (!STATISTICS.includes(statistic)) return fail(`Unknown statistic "${String(statistic)}".`);
  const offset = options.utcOffsetMinutes ?? 0;
  if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60)
    return fail('The UTC offset must be whole minutes within ±14 h.');

  if (options.numberFormat !== undefined && !NUMBER_FORMATS.includes(options.numberFormat))
    return fail(`Unknown number format "${String(options.numberFormat)}".`);

  if (options.unit !== undefined && (typeof options.unit !== 'string' || options.unit.trim() === ''))
    return fail('The unit to remove must be some text.');

  const table = readTable(text);
  if (!table.ok) return table;
  const { header, headerLine } = table;
  if (table.rows.length === 0) return fail('The file has a header but no data rows.', headerLine);
  const picked = pickColumns(table, options.timestampColumn, options.valueColumn);
  if (!picked.ok) return picked;
  const { ti, vi } = picked;
  const tName = header[ti] ?? '';
  const vName = header[vi] ?? '';
  // Values with a unit: one issue naming it (the panel offers to remove it), not one error per line.
  const unitFound = unitIn(table.rows, vi, vName);
  if (unitFound.kind === 'refused') return { ok: false, issues: unitFound.issues };
  if (unitFound.kind === 'unit' && options.unit === undefined) {
    const ex = unitFound.example;
    return fail(
      `"${ex.cell.slice(0, 40)}" and the other values end with the unit "${unitFound.unit.slice(0, 20)}": remove the unit to read them as numbers (or export the raw values: in Grafana, turn "Formatted data" off).`,
      ex.line,
      vName,
    );
  }
  const rows = options.unit === undefined ? table.rows : withoutUnit(table.rows, vi, options.unit);
  let numberFormat: NumberFormat;
  const warnings = [...table.warnings];
  if (options.numberFormat !== undefined) numberFormat = options.numberFormat;
  else {
    // Never guessed: a file whose numbers hold a comma or grouped digits waits for the user's answer.
    const detected = detectIn(rows, vi, vName);
    if (detected.kind === 'refused') return { ok: false, issues: detected.issues };
    if (detected.kind === 'ask') {
      const ex = detected.example;
      return fail(
        `Numbers such as "${ex.cell.slice(0, 40)}" use a comma or grouped digits: choose how numbers are written (a decimal point, as in 1,234.5, or a decimal comma, as in 1.234,5).`,
        ex.line,
        ex.column,
      );
    }
    numberFormat = 'decimal-point';
    if (detected.doubt) {
      const d = detected.doubt;
      warnings.push({
        code: 'point-or-thousands',
        line: d.line,
        rows: rows.length,
        message: `Every value with a point has three digits after it: "${d.cell.slice(0, 40)}" was read as ${d.asDecimalPoint}, not ${d.asDecimalComma}. If the point groups thousands, choose a decimal comma.`,
      });
    }
  }
  const numberRule =
    numberFormat === 'decimal-point'
      ? 'digits, "." for decimals, "," only between groups of three digits, no units'
      : 'digits, "," for decimals, "." only between groups of three digits, no units';

  const issues: TrafficIssue[] = [];
  let extraIssues = 0;
  const issue = (line: number, column: string | null, message: string) => {
    if (issues.length < TRAFFIC_LIMITS.maxIssues) issues.push({ line, column, message });
    else extraIssues++;
  };
  const samples: { t: number; v: number; line: number; cell: string }[] = [];
  const zones = new Set<Exclude<TimeZoneKind, 'mixed'>>();
  let empty = 0;
  for (const r of rows) {
    const tc = r.cells[ti];
    const vc = r.cells[vi];
    if (tc === undefined || vc === undefined) {
      issue(
        r.line,
        tc === undefined ? tName : vName,
        `This row has ${r.cells.length} cells; expected ${header.length}.`,
      );
      continue;
    }
    const read = readTimestamp(tc);
    if (read === null) {
      issue(
        r.line,
        tName,
        `"${tc.slice(0, 40)}" is not a time (ISO 8601 such as 2026-11-02T09:00:00Z, or Unix seconds/milliseconds).`,
      );
      continue;
    }
    const t = read.ms;
    if (MISSING.test(vc.trim())) {
      empty++;
      continue;
    }
    const v = parseNumberAs(vc, numberFormat);
    if (v === null) {
      issue(r.line, vName, `"${vc.slice(0, 40)}" is not a number (${numberRule}).`);
    } else if (v < 0) {
      issue(r.line, vName, `${vc.trim()} is negative; traffic must be ≥ 0.`);
    } else {
      samples.push({ t, v, line: r.line, cell: tc });
      zones.add(read.zone);
    }
  }
  if (extraIssues > 0) issues.push({ line: 0, column: null, message: `and ${extraIssues} more problems.` });
  if (issues.length > 0) return { ok: false, issues };
  if (samples.length < 2) return fail('At least two samples with values are needed.');

  samples.sort((a, b) => a.t - b.t || a.line - b.line);
  const unique: typeof samples = [];
  const duplicates: TrafficReport['duplicates'] = [];
  for (const s of samples) {
    const prev = unique[unique.length - 1];
    if (prev && prev.t === s.t) {
      if (duplicates.length < TRAFFIC_LIMITS.maxListed)
        duplicates.push({ line: s.line, timestamp: iso(s.t) });
    } else unique.push(s);
  }
  if (unique.length < 2) return fail('At least two distinct timestamps are needed.');
  const diffs = unique
    .slice(1)
    .map((s, i) => s.t - (unique[i]?.t ?? 0))
    .sort((a, b) => a - b);
  const stepMs = diffs[Math.floor(diffs.length / 2)] ?? 0;
  const step = stepMs / 1000;
  if (step < TRAFFIC_LIMITS.minStepSeconds || step > TRAFFIC_LIMITS.maxStepSeconds) {
    return fail(`The samples are ${step} s apart; a step from 1 second to 1 hour is needed.`, 0, tName);
  }
  const first = unique[0]!.t;
  const last = unique[unique.length - 1]!.t;
  if (last - first > TRAFFIC_LIMITS.maxSpanDays * 86_400_000) {
    return fail(`The data spans more than ${TRAFFIC_LIMITS.maxSpanDays} days.`, 0, tName);
  }
  const gaps: TrafficGap[] = [];
  for (let i = 1; i < unique.length; i++) {
    const d = unique[i]!.t - unique[i - 1]!.t;
    if (d > stepMs * 1.5 && gaps.length < TRAFFIC_LIMITS.maxListed) {
      gaps.push({
        from: iso(unique[i - 1]!.t),
        to: iso(unique[i]!.t),
        fromText: asWritten(unique[i - 1]!.cell, unique[i - 1]!.t),
        toText: asWritten(unique[i]!.cell, unique[i]!.t),
        missingSteps: Math.round(d / stepMs) - 1,
      });
    }
  }

  const buckets: number[][] = Array.from({ length: options.hours }, () => []);
  const toRps = options.valueKind === 'count' ? 1 / step : 1;
  for (const s of unique) {
    const local = s.t + offset * 60_000;
    const hourOfDay = Math.floor(local / 3_600_000) % 24;
    // 1970-01-01 was a Thursday: day index 3 with Monday = 0.
    const dayOfWeek = (Math.floor(local / 86_400_000) + 3) % 7;
    const bucket = options.hours === 24 ? hourOfDay : dayOfWeek * 24 + hourOfDay;
    const rps = s.v * toRps;
    if (rps > TRAFFIC_LIMITS.maxRps) {
      return fail(`${s.v} is more than ${TRAFFIC_LIMITS.maxRps} requests per second.`, s.line, vName);
    }
    buckets[bucket]!.push(rps);
  }
  const missing = buckets.map((b, i) => (b.length === 0 ? i : -1)).filter((i) => i >= 0);
  if (missing.length > 0) {
    const names = missing
      .slice(0, 6)
      .map((h) => (options.hours === 24 ? `${String(h).padStart(2, '0')}:00` : dayName(h)));
    const more = missing.length > 6 ? ` and ${missing.length - 6} more` : '';
    const need = options.hours === 24 ? 'a full day' : 'a full week';
    return fail(
      `No data for ${missing.length} hour${missing.length === 1 ? '' : 's'} of the ${options.hours === 24 ? 'day' : 'week'} (${names.join(', ')}${more}); the export must cover ${need}.`,
      0,
      tName,
    );
  }
  const curve = buckets.map((b) => Math.round(summarize(b, statistic) * 1000) / 1000);
  return {
    ok: true,
    curve,
    report: {
      rows: unique.length + duplicates.length,
      step,
      gaps,
      duplicates,
      empty,
      from: iso(first),
      to: iso(last),
      timestampColumn: tName,
      valueColumn: vName,
      numberFormat,
      unit: options.unit ?? null,
      times: {
        zone: zones.size === 1 ? [...zones][0]! : 'mixed',
        from: asWritten(unique[0]!.cell, first),
        to: asWritten(unique[unique.length - 1]!.cell, last),
      },
      warnings,
    },
  };
}

/** Parses a monitoring export into a 24- or 168-value curve of requests per second. Never throws. */
export function parseTrafficCsv(text: string, options: TrafficCsvOptions): TrafficCsvResult {
  try {
    return parse(text, options);
  } catch (e) {
    return {
      ok: false,
      issues: [{ line: 0, column: null, message: `The file could not be read: ${String(e)}` }],
    };
  }
}
