import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectNumberFormat,
  detectValueUnit,
  inspectTrafficCsv,
  parseNumber,
  parseNumberAs,
  parseTimestamp,
  parseTrafficCsv,
  type TrafficCsvOptions,
} from './index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

// The generator the fixtures were written with (see the fixture notes in docs/data-safety.md).
const BASE = [12, 8, 6, 5, 5, 6, 10, 18, 30, 42, 50, 55, 60, 58, 55, 54, 58, 70, 90, 110, 100, 80, 50, 25];
const START = Date.UTC(2026, 10, 2) / 1000; // Monday 2026-11-02 00:00 UTC
function rpsAt(ts: number, step: number): number {
  const d = new Date(ts * 1000);
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const k = Math.floor((d.getUTCMinutes() * 60 + d.getUTCSeconds()) / step);
  const hour = d.getUTCHours();
  return BASE[hour]! * (weekend ? 0.6 : 1) + 0.1 * BASE[hour]! * (k % 2 === 0 ? 1 : -1);
}
/** Expected curve: the mean of the generator's values per hour of day/week over the timestamps kept. */
function expected(timestamps: number[], step: number, hours: 24 | 168): number[] {
  const sum = new Array<number>(hours).fill(0);
  const n = new Array<number>(hours).fill(0);
  for (const ts of timestamps) {
    const d = new Date(ts * 1000);
    const b = hours === 24 ? d.getUTCHours() : ((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours();
    sum[b]! += rpsAt(ts, step);
    n[b]!++;
  }
  return sum.map((s, i) => s / n[i]!);
}
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

function expectCurveClose(actual: number[], want: number[], digits = 2): void {
  expect(actual).toHaveLength(want.length);
  actual.forEach((v, i) => expect(v, `hour ${i}`).toBeCloseTo(want[i]!, digits));
}

describe('monitoring exports', () => {
  it('Prometheus query_range (no header, Unix seconds, quoted values, 1-minute step, 2 days)', () => {
    const r = parseTrafficCsv(fixture('prometheus-query-range.csv'), { hours: 24, valueKind: 'rps' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report).toMatchObject({ rows: 2880, step: 60, gaps: [], duplicates: [], empty: 0 });
    expect(r.report.from).toBe('2026-11-02T00:00:00.000Z');
    expect(r.report.to).toBe('2026-11-03T23:59:00.000Z');
    expectCurveClose(r.curve, expected(range(START, START + 2 * 86400, 60), 60, 24));
    expect(r.curve[19]).toBeCloseTo(110, 6); // weekday peak, the wiggle averages out
  });

  it('CloudWatch (ISO, counts per 5 minutes, several columns, empty cells reported)', () => {
    const text = fixture('cloudwatch-alb-requestcount.csv');
    const cols = inspectTrafficCsv(text);
    expect(cols).toMatchObject({
      ok: true,
      timestampColumn: 'Timestamp',
      valueColumns: ['orders-alb RequestCount (Sum)', 'orders-alb TargetResponseTime (Average)'],
      rows: 8 * 288,
    });
    const r = parseTrafficCsv(text, {
      hours: 24,
      valueKind: 'count',
      valueColumn: 'orders-alb RequestCount (Sum)',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.step).toBe(300);
    expect(r.report.empty).toBe(3);
    expect(r.report.gaps).toEqual([
      {
        from: '2026-11-02T08:15:00.000Z',
        to: '2026-11-02T08:35:00.000Z',
        fromText: '2026-11-02T08:15:00.000Z',
        toText: '2026-11-02T08:35:00.000Z',
        missingSteps: 3,
      },
    ]);
    const kept = range(START, START + 8 * 86400, 300).filter((_, i) => i < 100 || i > 102);
    expectCurveClose(r.curve, expected(kept, 300, 24));
  });

  it('Datadog (Unix milliseconds, counts per 10 minutes, 14 days, a duplicate and a gap, week profile)', () => {
    const r = parseTrafficCsv(fixture('datadog-trace-hits.csv'), { hours: 168, valueKind: 'count' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.step).toBe(600);
    expect(r.report.duplicates).toEqual([
      { line: 999, timestamp: new Date((START + 1000 * 600) * 1000).toISOString() },
    ]);
    expect(r.report.gaps).toHaveLength(1);
    expect(r.report.gaps[0]!.missingSteps).toBe(4);
    const kept = range(START, START + 14 * 86400, 600).filter((_, i) => i < 500 || i >= 504);
    expectCurveClose(r.curve, expected(kept, 600, 168));
    expect(r.curve[5 * 24 + 19]).toBeCloseTo(110 * 0.6, 6); // Saturday 19:00
  });

  it('Grafana (BOM, CRLF, formatted time, two series, 1-hour step, 3 weeks) with p95 and a UTC offset', () => {
    const text = fixture('grafana-panel.csv');
    const mean = parseTrafficCsv(text, { hours: 168, valueKind: 'rps', valueColumn: 'orders 2xx' });
    if (!mean.ok) throw new Error(JSON.stringify(mean.issues));
    expect(mean.report).toMatchObject({
      step: 3600,
      rows: 504,
      timestampColumn: 'Time',
      valueColumn: 'orders 2xx',
    });
    expectCurveClose(mean.curve, expected(range(START, START + 21 * 86400, 3600), 3600, 168));
    const day = parseTrafficCsv(text, { hours: 24, valueKind: 'rps', statistic: 'p95' });
    if (!day.ok) throw new Error(JSON.stringify(day.issues));
    // p95 of each hour over 21 days (15 weekdays, 6 weekend days) is the weekday value.
    BASE.forEach((b, h) => expect(day.curve[h]).toBeCloseTo(b * 1.1, 3));
    const shifted = parseTrafficCsv(text, {
      hours: 24,
      valueKind: 'rps',
      statistic: 'p95',
      utcOffsetMinutes: 60,
    });
    if (!shifted.ok) throw new Error('shifted');
    expect(shifted.curve[20]).toBeCloseTo(day.curve[19]!, 6); // 19:00 UTC is 20:00 at UTC+1
  });
});

describe('located errors', () => {
  const opts: TrafficCsvOptions = { hours: 24, valueKind: 'rps' };
  const day = (f: (h: number) => string) =>
    [
      'time,rps',
      ...Array.from({ length: 24 }, (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z,${f(h)}`),
    ].join('\n');

  it('names the 1-based line and the column of a bad number, a bad time, a negative value', () => {
    const text = day((h) => (h === 4 ? '12 req/s' : h === 9 ? '-3' : '5')).replace(
      '2026-11-02T07:00:00Z',
      'yesterday',
    );
    const r = parseTrafficCsv(text, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { line: 6, column: 'rps', message: expect.stringContaining('"12 req/s" is not a number') },
      { line: 9, column: 'time', message: expect.stringContaining('"yesterday" is not a time') },
      { line: 11, column: 'rps', message: expect.stringContaining('-3 is negative') },
    ]);
  });

  it('counts lines as an editor does: comments, blank lines, quoted line breaks', () => {
    const text =
      '# exported by a script\n\nsep=,\ntime,"note",rps\n2026-11-02T00:00:00Z,"two\nlines",1\n2026-11-02T01:00:00Z,x,oops\n';
    const r = parseTrafficCsv(text, { ...opts, valueColumn: 'rps' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 7, column: 'rps' });
  });

  it('refuses unknown columns, too few hours, absurd steps, huge files, absurd values', () => {
    const good = day(() => '5');
    const bad = (text: string, o: Partial<TrafficCsvOptions> = {}) => {
      const r = parseTrafficCsv(text, { ...opts, ...o });
      expect(r.ok, text.slice(0, 60)).toBe(false);
      return r.ok ? '' : r.issues.map((i) => i.message).join(' ');
    };
    expect(parseTrafficCsv(good, opts).ok).toBe(true);
    expect(bad(good, { valueColumn: 'nope' })).toContain('no column named "nope"');
    expect(bad(good, { hours: 168 })).toContain('the export must cover a full week');
    expect(bad(good.split('\n').slice(0, 13).join('\n'))).toContain('No data for 12 hours of the day');
    expect(bad('time,rps\n2026-11-02T00:00:00Z,1\n2026-11-04T00:00:00Z,1\n')).toContain('1 second to 1 hour');
    expect(bad(day((h) => (h === 3 ? '1e12' : '1')))).toContain('more than 1000000000 requests per second');
    expect(bad('x'.repeat(32 * 1024 * 1024 + 1))).toContain('larger than');
    expect(bad('')).toContain('no data');
    expect(bad('time,rps\n')).toContain('no data rows');
    expect(bad(day(() => '0x10'))).toContain('not a number');
    expect(bad(day(() => 'Infinity'))).toContain('not a number');
    expect(bad(good.replace('2026-11-02T05', '2026-02-30T05'))).toContain('not a time');
  });
});

describe('cells', () => {
  it('numbers are strict', () => {
    expect(['1', '1.5', '.5', '1e3', '-2', ' 7 '].map(parseNumber)).toEqual([1, 1.5, 0.5, 1000, -2, 7]);
    for (const s of ['', '1,5', '1 000', '0x1F', 'NaN', 'Infinity', '1e999', '12ms', '--1'])
      expect(parseNumber(s)).toBeNull();
  });
  it('timestamps: ISO 8601 with offsets, Unix seconds and milliseconds', () => {
    const t = Date.UTC(2026, 10, 2, 9, 30);
    for (const s of [
      '2026-11-02T09:30:00Z',
      '2026-11-02T09:30Z',
      '2026-11-02 09:30:00',
      '2026-11-02T10:30:00+01:00',
      '2026-11-02T04:30:00-0500',
      String(t / 1000),
      String(t),
      `${t / 1000}.000`,
    ])
      expect(parseTimestamp(s), s).toBe(t);
    for (const s of [
      '2026-13-01T00:00:00Z',
      '2026-11-02T24:00:00Z',
      '1',
      '99999999999999',
      '02/11/2026 09:30',
      'now',
    ])
      expect(parseTimestamp(s), s).toBeNull();
  });
});

/** A day of hourly samples; `value(h)` is the value cell exactly as written (quote it yourself). */
function dayFile(
  value: (h: number) => string,
  { sep = ',', head }: { sep?: string; head?: string } = {},
): string {
  return [
    head ?? `time${sep}rps`,
    ...Array.from(
      { length: 24 },
      (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z${sep}${value(h)}`,
    ),
  ].join('\n');
}
const rps: TrafficCsvOptions = { hours: 24, valueKind: 'rps' };

describe('header names and row widths', () => {
  it('refuses duplicate column names, naming the column and both positions', () => {
    const text = dayFile((h) => `${h},${h}`, { head: 'time,rps,rps' });
    const inspected = inspectTrafficCsv(text);
    expect(inspected).toEqual({
      ok: false,
      issues: [
        {
          line: 1,
          column: 'rps',
          message: expect.stringMatching(/columns 2 and 3 are both named "rps"/i),
        },
      ],
    });
    const parsed = parseTrafficCsv(text, rps);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ line: 1, column: 'rps' });
    // Names differing only in surrounding spaces are the same name; an empty name is "column N".
    const spaced = inspectTrafficCsv(dayFile((h) => `${h},${h}`, { head: 'time, rps ,rps' }));
    expect(spaced.ok).toBe(false);
    const empty = inspectTrafficCsv(dayFile((h) => `${h},${h}`, { head: 'time,column 3,' }));
    expect(empty).toMatchObject({ ok: false, issues: [{ column: 'column 3' }] });
  });

  it('a row with more cells than the header is an error at its line and first extra column', () => {
    const text = dayFile((h) => (h === 5 ? '5,7' : '5'));
    const r = parseTrafficCsv(text, rps);
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          line: 7,
          column: 'column 3',
          message: expect.stringContaining('This row has 3 cells; the header has 2'),
        },
      ],
    });
    expect(inspectTrafficCsv(text)).toMatchObject({ ok: false, issues: [{ line: 7, column: 'column 3' }] });
  });

  it('explains an unquoted decimal comma split by the comma delimiter ("12,7" is not read as 12)', () => {
    for (const cell of ['12,7', '1,234']) {
      const r = parseTrafficCsv(
        dayFile(() => cell),
        rps,
      );
      expect(r.ok, cell).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0]).toMatchObject({ line: 2, column: 'column 3' });
      expect(r.issues[0]!.message).toContain(`quote it ("${cell}")`);
    }
  });

  it('a trailing delimiter on the data rows is a named warning, not a silent drop', () => {
    const r = parseTrafficCsv(
      dayFile((h) => `${h + 1},`),
      rps,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.curve[3]).toBe(4);
    expect(r.report.warnings).toEqual([
      {
        code: 'trailing-empty-cells',
        line: 2,
        rows: 24,
        message: expect.stringContaining('24 rows end with an empty extra cell'),
      },
    ]);
    // A file without one has no warnings.
    const plain = parseTrafficCsv(
      dayFile((h) => `${h + 1}`),
      rps,
    );
    expect(plain.ok && plain.report.warnings).toEqual([]);
  });
});

describe('number formats: thousands separators and decimal commas', () => {
  it('cells read strictly under each format', () => {
    const point = (s: string) => parseNumberAs(s, 'decimal-point');
    const comma = (s: string) => parseNumberAs(s, 'decimal-comma');
    expect(['1234.5', '1,234.5', '1,234', '12,345,678', '.5', '1e3', '-2'].map(point)).toEqual([
      1234.5, 1234.5, 1234, 12345678, 0.5, 1000, -2,
    ]);
    expect(['1234,5', '1.234,5', '1.234', '12.345.678', ',5', '12,7', '-2', '1234'].map(comma)).toEqual([
      1234.5, 1234.5, 1234, 12345678, 0.5, 12.7, -2, 1234,
    ]);
    for (const s of ['1,23', '1,2345', '12,7', '1.234,5', '1,234,5', '1 234', "1'234", '0,500'])
      expect(point(s), s).toBeNull();
    for (const s of ['1.5', '1,234.5', '1.23', '1.2345', '1.234.5', '1 234', '0x10', '0.500', '01.234'])
      expect(comma(s), s).toBeNull();
    // parseNumber stays the strict plain reader.
    expect(parseNumber('1,234')).toBeNull();
  });

  it('a plain file needs no question and imports exactly as before', () => {
    const text = dayFile((h) => (h * 1.5).toFixed(3));
    expect(detectNumberFormat(text)).toEqual({ kind: 'plain' });
    const auto = parseTrafficCsv(text, rps);
    const confirmed = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-point' });
    if (!auto.ok || !confirmed.ok) throw new Error('plain file refused');
    expect(auto.curve[3]).toBe(4.5);
    expect(confirmed).toEqual(auto);
    expect(auto.report.numberFormat).toBe('decimal-point');
    for (const name of [
      'cloudwatch-alb-requestcount.csv',
      'datadog-trace-hits.csv',
      'prometheus-query-range.csv',
    ])
      expect(detectNumberFormat(fixture(name)), name).toEqual({ kind: 'plain' });
  });

  it('points that could group thousands ("13.200" only) read as decimals as before, but say so and can be changed', () => {
    // Grafana writes three decimals everywhere: 13.200 is 13.2, or 13200 to a reader who groups with points.
    const text = fixture('grafana-panel.csv');
    expect(detectNumberFormat(text, 'orders 2xx')).toEqual({
      kind: 'plain',
      doubt: { line: 2, column: 'orders 2xx', cell: '13.200', asDecimalPoint: 13.2, asDecimalComma: 13200 },
    });
    const r = parseTrafficCsv(text, { hours: 168, valueKind: 'rps', valueColumn: 'orders 2xx' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.numberFormat).toBe('decimal-point');
    expect(r.report.warnings).toEqual([
      {
        code: 'point-or-thousands',
        line: 2,
        rows: 504,
        message: expect.stringContaining('"13.200" was read as 13.2'),
      },
    ]);
    // Confirmed either way, no warning; the other answer reads thousands.
    const confirmed = parseTrafficCsv(text, {
      hours: 168,
      valueKind: 'rps',
      valueColumn: 'orders 2xx',
      numberFormat: 'decimal-point',
    });
    expect(confirmed.ok && confirmed.report.warnings).toEqual([]);
    const thousands = parseTrafficCsv(text, {
      hours: 24,
      valueKind: 'rps',
      valueColumn: 'orders 2xx',
      statistic: 'max',
      numberFormat: 'decimal-comma',
    });
    expect(thousands.ok && thousands.curve[19]).toBe(121_000);
    // One value with another number of decimals settles it: no doubt.
    expect(detectNumberFormat(dayFile((h) => (h === 5 ? '1.5' : '13.200')))).toEqual({ kind: 'plain' });
  });

  it('an English-style file (quoted "1,234.5") asks, suggests the decimal point, then reads it', () => {
    const text = dayFile((h) => `"1,${String(h).padStart(3, '0')}.5"`);
    expect(detectNumberFormat(text)).toEqual({
      kind: 'ask',
      column: 'rps',
      suggested: 'decimal-point',
      example: { line: 2, column: 'rps', cell: '1,000.5', asDecimalPoint: 1000.5, asDecimalComma: null },
    });
    const unconfirmed = parseTrafficCsv(text, rps);
    expect(unconfirmed).toEqual({
      ok: false,
      issues: [
        { line: 2, column: 'rps', message: expect.stringContaining('choose how numbers are written') },
      ],
    });
    const r = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-point' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.curve[7]).toBe(1007.5);
    expect(r.report.numberFormat).toBe('decimal-point');
    // The other answer reads none of them: every line is named, nothing is guessed.
    const wrong = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-comma' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.issues[0]).toMatchObject({ line: 2, column: 'rps' });
  });

  it('a German-style semicolon file ("1.234,5" and "12,7") asks, suggests the decimal comma, then reads it', () => {
    const text = `sep=;\n${dayFile((h) => (h === 0 ? '1.234,5' : `${h},7`), { sep: ';' })}`;
    const d = detectNumberFormat(text);
    expect(d).toEqual({
      kind: 'ask',
      column: 'rps',
      suggested: 'decimal-comma',
      example: { line: 3, column: 'rps', cell: '1.234,5', asDecimalPoint: null, asDecimalComma: 1234.5 },
    });
    const r = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-comma' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.curve[0]).toBe(1234.5);
    expect(r.curve[12]).toBe(12.7);
    // Quoted decimal commas in a comma-delimited file read the same way.
    const quoted = parseTrafficCsv(
      dayFile((h) => `"${h},7"`),
      { ...rps, numberFormat: 'decimal-comma' },
    );
    expect(quoted.ok && quoted.curve[12]).toBe(12.7);
  });

  it('"1,234" alone is ambiguous: asks without a suggestion, showing both readings; each answer is honoured', () => {
    const text = dayFile((h) => `"${h + 1},234"`);
    expect(detectNumberFormat(text)).toEqual({
      kind: 'ask',
      column: 'rps',
      suggested: null,
      example: { line: 2, column: 'rps', cell: '1,234', asDecimalPoint: 1234, asDecimalComma: 1.234 },
    });
    const thousands = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-point' });
    const decimals = parseTrafficCsv(text, { ...rps, numberFormat: 'decimal-comma' });
    expect(thousands.ok && thousands.curve[1]).toBe(2234);
    expect(decimals.ok && decimals.curve[1]).toBe(2.234);
  });

  it('mixed formats are refused with the line and column of the value that contradicts the others', () => {
    const text = dayFile((h) => (h === 6 ? '"12,7"' : h === 2 ? '"1,234.5"' : '5'));
    expect(detectNumberFormat(text)).toEqual({
      kind: 'refused',
      issues: [
        {
          line: 8,
          column: 'rps',
          message: expect.stringMatching(
            /"12,7" has a decimal comma, but line 4 .*"1,234.5" .*decimal point/,
          ),
        },
      ],
    });
    const r = parseTrafficCsv(text, rps);
    expect(r).toMatchObject({ ok: false, issues: [{ line: 8, column: 'rps' }] });
    // A plain decimal point and a decimal comma in one column are mixed too.
    expect(detectNumberFormat(dayFile((h) => (h === 9 ? '"3,5"' : '2.5')))).toMatchObject({
      kind: 'refused',
      issues: [{ line: 11, column: 'rps' }],
    });
  });

  it('separators that fit neither format cannot be determined: refused at the first such cell', () => {
    const text = dayFile((h) => (h === 3 ? '"1,23,456"' : '5'));
    expect(detectNumberFormat(text)).toMatchObject({
      kind: 'refused',
      issues: [{ line: 5, column: 'rps', message: expect.stringContaining('"1,23,456"') }],
    });
  });

  it('detects in the value column chosen, and finds a decimal-comma column by itself', () => {
    const text = `time;cpu;rps\n${Array.from(
      { length: 24 },
      (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z;0.5;${h},25`,
    ).join('\n')}`;
    expect(inspectTrafficCsv(text)).toMatchObject({ ok: true, valueColumns: ['cpu', 'rps'] });
    expect(detectNumberFormat(text, 'cpu')).toEqual({ kind: 'plain' });
    expect(detectNumberFormat(text, 'rps')).toMatchObject({ kind: 'ask', suggested: 'decimal-comma' });
    const r = parseTrafficCsv(text, { ...rps, valueColumn: 'rps', numberFormat: 'decimal-comma' });
    expect(r.ok && r.curve[4]).toBe(4.25);
    // A header-less file with decimal commas is still seen as header-less.
    const bare = text.split('\n').slice(1).join('\n');
    expect(inspectTrafficCsv(bare)).toMatchObject({
      ok: true,
      columns: ['column 1', 'column 2', 'column 3'],
    });
  });
});

describe('values written with a unit (Grafana "Formatted data")', () => {
  const grafana = fixture('grafana-formatted.csv');
  const opts: TrafficCsvOptions = { hours: 168, valueKind: 'rps' };

  it('finds the one unit the values carry, with an example; not the 50 per-line errors it used to give', () => {
    expect(detectValueUnit(grafana)).toEqual({
      kind: 'unit',
      column: 'orders 2xx',
      unit: 'req/s',
      values: 504,
      example: { line: 2, cell: '13.2 req/s' },
    });
    const r = parseTrafficCsv(grafana, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        line: 2,
        column: 'orders 2xx',
        message: expect.stringContaining('"13.2 req/s" and the other values end with the unit "req/s"'),
      },
    ]);
  });

  it('with the unit removed, reads exactly what the same export without formatting gives', () => {
    const stripped = parseTrafficCsv(grafana, { ...opts, unit: 'req/s' });
    const plain = parseTrafficCsv(fixture('grafana-panel.csv'), { ...opts, numberFormat: 'decimal-point' });
    if (!stripped.ok || !plain.ok) throw new Error(JSON.stringify([stripped, plain]));
    expect(stripped.curve).toEqual(plain.curve);
    expect(stripped.report.unit).toBe('req/s');
    expect(plain.report.unit).toBeNull();
    // The other series, chosen by name, reads the same way.
    const errors = parseTrafficCsv(grafana, { ...opts, unit: 'req/s', valueColumn: 'orders 5xx' });
    expect(errors.ok && errors.curve[19]).toBeCloseTo(1.21, 6); // 1% of the 2xx peak
  });

  it('a unit that changes between values (a scale prefix such as "K") is refused at its line, never stripped', () => {
    const text = [
      'time,rps',
      ...Array.from(
        { length: 24 },
        (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z,${h === 7 ? '1.2 K req/s' : `${h} req/s`}`,
      ),
    ].join('\n');
    expect(detectValueUnit(text)).toEqual({
      kind: 'refused',
      issues: [
        {
          line: 9,
          column: 'rps',
          message: expect.stringContaining(
            '"1.2 K req/s" ends with "K req/s", but line 2 has "0 req/s" with "req/s"',
          ),
        },
      ],
    });
    const r = parseTrafficCsv(text, { hours: 24, valueKind: 'rps', unit: 'req/s' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 9, column: 'rps' });
  });

  it('plain numbers carry no unit; a lone value with a unit among numbers is an ordinary error at its line', () => {
    expect(detectValueUnit(fixture('grafana-panel.csv'))).toEqual({ kind: 'none' });
    // (The located-errors test above reads such a file: "12 req/s" at line 6 is one error among others.)
    expect(detectValueUnit(fixture('cloudwatch-alb-requestcount.csv'))).toEqual({ kind: 'none' });
  });
});

describe('times as the file wrote them', () => {
  it('times without a zone (Grafana writes the dashboard’s local time) stay as written, marked local, never with a Z', () => {
    const r = parseTrafficCsv(fixture('grafana-panel.csv'), { hours: 168, valueKind: 'rps' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.report.times).toEqual({
      zone: 'local',
      from: '2026-11-02 00:00:00',
      to: '2026-11-22 23:00:00',
    });
  });

  it('UTC only when the file said UTC (Z, or Unix time); an offset stays as written', () => {
    const cw = parseTrafficCsv(fixture('cloudwatch-alb-requestcount.csv'), {
      hours: 24,
      valueKind: 'count',
      valueColumn: 'orders-alb RequestCount (Sum)',
    });
    if (!cw.ok) throw new Error('cloudwatch');
    expect(cw.report.times).toMatchObject({ zone: 'utc', from: '2026-11-02T00:00:00.000Z' });
    expect(cw.report.gaps[0]).toMatchObject({
      fromText: '2026-11-02T08:15:00.000Z',
      toText: '2026-11-02T08:35:00.000Z',
    });
    const prom = parseTrafficCsv(fixture('prometheus-query-range.csv'), { hours: 24, valueKind: 'rps' });
    if (!prom.ok) throw new Error('prometheus');
    expect(prom.report.times).toEqual({
      zone: 'utc',
      from: '2026-11-02 00:00:00 UTC',
      to: '2026-11-03 23:59:00 UTC',
    });
    const offset = [
      'time,rps',
      ...Array.from({ length: 24 }, (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00+01:00,5`),
    ].join('\n');
    const o = parseTrafficCsv(offset, { hours: 24, valueKind: 'rps' });
    if (!o.ok) throw new Error('offset');
    expect(o.report.times).toEqual({
      zone: 'offset',
      from: '2026-11-02T00:00:00+01:00',
      to: '2026-11-02T23:00:00+01:00',
    });
  });
});
