// Import a traffic curve from a monitoring export (Prometheus, CloudWatch, Datadog, Grafana …): one timestamp
// column, one value column, any step from a minute to an hour, a day to many weeks. Resampled to the plan's 24- or
// 168-hour profile. Pure: text in, a curve and a report (or located issues) out. Never throws.
import Papa from 'papaparse';
import { FILE_LIMITS } from '../limits/files.ts';

export type ValueKind = 'rps' | 'count';
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
  missingSteps: number;
}

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
const UNIX = /^\d{9,13}(?:\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;
const MISSING = /^(?:|nan|null|none|n\/a|-)$/i;
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

/** ISO 8601 (an offset-less time is UTC) or Unix seconds / milliseconds, as ms since the epoch; or null. */
export function parseTimestamp(cell: string): number | null {
  const t = cell.trim();
  let ms: number;
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
    if (zone && !/^(?:z|utc)$/i.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2) || '0');
      if (oh > 14 || om > 59) return null;
      ms -= sign * (oh * 60 + om) * 60_000;
    }
  }
  return ms >= MIN_MS && ms < MAX_MS ? ms : null;
}

interface Row {
  line: number;
  cells: string[];
}

type Table =
  { ok: true; header: string[]; headerLine: number; rows: Row[] } | { ok: false; issues: TrafficIssue[] };

function detectDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

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
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let firstLine = 1;
  let delimiter: string | undefined;
  // Leading comment lines, blank lines and Excel's `sep=;` hint.
  for (;;) {
    const nl = text.indexOf('\n');
    const line = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
    const sep = /^sep=(.)$/i.exec(line);
    if (sep) delimiter = sep[1];
    else if (!line.startsWith('#') && line.trim() !== '') break;
    if (nl === -1) {
      text = '';
      break;
    }
    text = text.slice(nl + 1);
    firstLine++;
  }
  if (text.trim() === '')
    return { ok: false, issues: [{ line: 0, column: null, message: 'The file has no data.' }] };
  const headerEnd = text.indexOf('\n');
  delimiter ??= detectDelimiter(headerEnd === -1 ? text : text.slice(0, headerEnd));

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
  if (
    head.cells.some((c) => parseTimestamp(c) !== null) &&
    head.cells.every((c) => parseNumber(c) !== null || parseTimestamp(c) !== null)
  ) {
    rows.unshift(head);
    return { ok: true, header: head.cells.map((_, i) => `column ${i + 1}`), headerLine: head.line, rows };
  }
  const header = head.cells.map((c, i) => c.trim() || `column ${i + 1}`);
  return { ok: true, header, headerLine: head.line, rows };
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
  const isNumber = (i: number) =>
    sample.some((r) => parseNumber(r.cells[i] ?? '') !== null) &&
    most((c) => parseNumber(c) !== null || MISSING.test(c.trim()), i);
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

  const table = readTable(text);
  if (!table.ok) return table;
  const { header, rows, headerLine } = table;
  if (rows.length === 0) return fail('The file has a header but no data rows.', headerLine);
  const guess = guessColumns(header, rows);
  const pick = (name: string | undefined, guessed: number, what: string): number | TrafficCsvResult => {
    if (name !== undefined) {
      const i = header.indexOf(name);
      if (i === -1)
        return fail(
          `There is no column named "${name}"; the columns are: ${header.join(', ')}.`,
          headerLine,
          name,
        );
      return i;
    }
    if (guessed === -1) return fail(`No column holds ${what}; choose one.`, headerLine);
    return guessed;
  };
  const ti = pick(options.timestampColumn, guess.time, 'timestamps (ISO 8601 or Unix seconds/milliseconds)');
  if (typeof ti !== 'number') return ti;
  // With one other column only, read it, so that bad cells are reported where they are.
  const onlyOther = header.length === 2 ? 1 - ti : -1;
  const vi = pick(options.valueColumn, guess.values[0] ?? onlyOther, 'numbers');
  if (typeof vi !== 'number') return vi;
  if (ti === vi) return fail('The timestamp and value columns must differ.', headerLine, header[ti] ?? null);
  const tName = header[ti] ?? '';
  const vName = header[vi] ?? '';

  const issues: TrafficIssue[] = [];
  let extraIssues = 0;
  const issue = (line: number, column: string | null, message: string) => {
    if (issues.length < TRAFFIC_LIMITS.maxIssues) issues.push({ line, column, message });
    else extraIssues++;
  };
  const samples: { t: number; v: number; line: number }[] = [];
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
    const t = parseTimestamp(tc);
    if (t === null) {
      issue(
        r.line,
        tName,
        `"${tc.slice(0, 40)}" is not a time (ISO 8601 such as 2026-11-02T09:00:00Z, or Unix seconds/milliseconds).`,
      );
      continue;
    }
    if (MISSING.test(vc.trim())) {
      empty++;
      continue;
    }
    const v = parseNumber(vc);
    if (v === null) {
      issue(
        r.line,
        vName,
        `"${vc.slice(0, 40)}" is not a number (plain digits, "." for decimals, no units or separators).`,
      );
    } else if (v < 0) {
      issue(r.line, vName, `${vc.trim()} is negative; traffic must be ≥ 0.`);
    } else {
      samples.push({ t, v, line: r.line });
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
