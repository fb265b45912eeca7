// Hostile monitoring exports: mutated CSVs give a curve or located issues, never an exception (the parser's own
// last-resort catch must never be what answered).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectNumberFormat, parseTrafficCsv, type TrafficCsvOptions } from './index.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

export const CSV_FUZZ_RUNS = 10_000;

const day = [
  'time,rps',
  ...Array.from(
    { length: 24 },
    (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z,${(10 + h * 1.5).toFixed(1)}`,
  ),
].join('\n');
const unixCounts = [
  'timestamp;"hits.as_count()"',
  ...Array.from({ length: 30 }, (_, i) => `${(1793577600 + i * 3600) * 1000};${i * 60}`),
].join('\r\n');
const prometheus = readFileSync(new URL('./fixtures/prometheus-query-range.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter((_, i) => i % 60 === 0) // hourly, 48 rows
  .join('\n');
// A German spreadsheet export: semicolons, decimal commas, point-grouped thousands.
const german = [
  'Zeit;Anfragen',
  ...Array.from(
    { length: 24 },
    (_, h) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z;${h === 12 ? '1.234,5' : `${10 + h},5`}`,
  ),
].join('\n');
const bases = [day, unixCounts, prometheus, german];

const cell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'null',
    '-1',
    '1e999',
    '0x10',
    '1,5',
    '1 000',
    '"',
    '""',
    '"a\nb"',
    '=1+1',
    '\u0000',
  ),
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-11-02T25:00:00Z',
    '1793577600',
    '1793577600000',
    '99999999999999',
  ),
  fc.constantFrom('2026-11-02 09:00:00+01:00', '1e308', '-0', '.5', '5.', '+3', 'Infinity', '١٢٣'),
  fc.constantFrom('1,234', '"1,234.5"', '1.234,5', '12,7', '"12,7"', '1.234.567', ',5', '1,23,456', '1,'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 8 }),
);

const mutated = fc
  .record({
    base: fc.nat(bases.length - 1),
    ops: fc.array(
      fc.tuple(
        fc.constantFrom('cell', 'dropLine', 'dupLine', 'swap', 'char', 'truncate', 'addColumn'),
        fc.nat(),
        fc.nat(),
        cell,
      ),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ base, ops }) => {
    const sep = base === 1 || base === 3 ? ';' : ',';
    const nl = base === 1 ? '\r\n' : '\n';
    let lines = bases[base]!.split(nl);
    for (const [op, a, b, value] of ops) {
      const i = a % Math.max(1, lines.length);
      const line = lines[i] ?? '';
      if (op === 'cell') {
        const cells = line.split(sep);
        cells[b % Math.max(1, cells.length)] = value;
        lines[i] = cells.join(sep);
      } else if (op === 'dropLine') lines.splice(i, 1);
      else if (op === 'dupLine') lines.splice(i, 0, line);
      else if (op === 'swap') {
        const j = b % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', line];
      } else if (op === 'char') {
        const k = b % (line.length + 1);
        lines[i] = line.slice(0, k) + value.slice(0, 1) + line.slice(k + 1);
      } else if (op === 'truncate') lines = lines.slice(0, i + 1);
      else lines = lines.map((l) => `${l}${sep}${value}`);
    }
    return lines.join(nl);
  });

const garbage = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc
    .array(fc.array(cell, { maxLength: 4 }), { maxLength: 30 })
    .map((rows) => rows.map((r) => r.join(',')).join('\n')),
  fc.constantFrom('', '\n\n\n', 'sep=;', '# only a comment', 'a,b\n', '\uFEFF', '"unterminated\n1,2'),
);

const options = fc.record({
  hours: fc.constantFrom<24 | 168>(24, 168),
  valueKind: fc.constantFrom<'rps' | 'count'>('rps', 'count'),
  statistic: fc.constantFrom('mean', 'p95', 'max' as const),
  utcOffsetMinutes: fc.constantFrom(0, 60, -330, 900),
  numberFormat: fc.constantFrom(undefined, 'decimal-point', 'decimal-comma'),
}) as fc.Arbitrary<TrafficCsvOptions>;

describe('fuzz: traffic CSV import', CPU_BOUND, () => {
  it(`${CSV_FUZZ_RUNS} mutated monitoring exports: a valid curve or located issues, never a throw`, () => {
    let valid = 0;
    const cases = fc.sample(
      fc.tuple(fc.oneof({ weight: 8, arbitrary: mutated }, { weight: 2, arbitrary: garbage }), options),
      CSV_FUZZ_RUNS,
    );
    for (const [text, opts] of cases) {
      // Detection never throws either, and a located refusal there is a refusal of the parse without a format.
      const detected = detectNumberFormat(text);
      if (detected.kind === 'refused')
        for (const issue of detected.issues) expect(issue.message, text).not.toMatch(/could not be read/);
      const r = parseTrafficCsv(text, opts);
      // Never guessed: without a confirmed format, a file that needs the question (or is refused) gives no curve.
      if (opts.numberFormat === undefined && detected.kind !== 'plain') expect(r.ok, text).toBe(false);
      const lines = text.split('\n').length;
      if (r.ok) {
        valid++;
        expect(r.curve).toHaveLength(opts.hours);
        for (const v of r.curve)
          expect(Number.isFinite(v) && v >= 0, `${v} in ${text.slice(0, 200)}`).toBe(true);
        expect(r.report.step).toBeGreaterThanOrEqual(1);
        continue;
      }
      expect(r.issues.length).toBeGreaterThan(0);
      for (const issue of r.issues) {
        expect(issue.message, text).not.toMatch(/could not be read/);
        expect(Number.isInteger(issue.line) && issue.line >= 0 && issue.line <= lines + 1).toBe(true);
        expect(issue.column === null || typeof issue.column === 'string').toBe(true);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
    expect(valid).toBeGreaterThan(0);
    console.info(
      `traffic fuzz: ${CSV_FUZZ_RUNS} cases, ${valid} valid curves, ${CSV_FUZZ_RUNS - valid} located errors`,
    );
  });
});
