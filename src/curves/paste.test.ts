import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseValues, pasteIntoCurve, pasteProblemText, wholeCurve } from './paste.ts';

const label = (h: number) => `${String(h).padStart(2, '0')}:00`;

describe('parseValues', () => {
  it('reads a spreadsheet row (tabs), a column (lines) and a block, in reading order', () => {
    const row = Array.from({ length: 24 }, (_, h) => String(h + 1)).join('\t');
    expect(parseValues(row)).toEqual({ values: Array.from({ length: 24 }, (_, h) => h + 1), problems: [] });
    expect(parseValues('12\r\n3.5\n\n1,234\n7\n').values).toEqual([12, 3.5, 1234, 7]);
    expect(parseValues('1\t2\t3\n4\t5\t6\n').values).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('reads semicolons, and commas as separators unless they group thousands', () => {
    expect(parseValues('1;2;3').values).toEqual([1, 2, 3]);
    expect(parseValues('10, 20, 30').values).toEqual([10, 20, 30]);
    expect(parseValues('1,234').values).toEqual([1234]);
    expect(parseValues('1,234\t2,000.5').values).toEqual([1234, 2000.5]);
    expect(parseValues('1,234;5').values).toEqual([1234, 5]);
  });
  it('skips trailing empty cells but refuses a gap, and names the line and cell of every bad cell', () => {
    expect(parseValues('1\t2\t\t\n').values).toEqual([1, 2]);
    const r = parseValues('1\tabc\n-2\n4\t\t5');
    expect(r.values).toEqual([1, 4, 5]);
    expect(r.problems).toEqual([
      { line: 1, cell: 2, message: '"abc" is not a number' },
      { line: 2, cell: 1, message: '-2 must be a number >= 0' },
      { line: 3, cell: 2, message: 'is empty' },
    ]);
    expect(pasteProblemText(r.problems[0]!, true)).toBe('Pasted line 1, cell 2: "abc" is not a number');
  });
  it('never returns a non-finite or negative value', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const v of parseValues(text).values) expect(Number.isFinite(v) && v >= 0).toBe(true);
      }),
    );
  });
});

describe('pasteIntoCurve', () => {
  const day = Array.from({ length: 24 }, (_, h) => h);
  it('24 or 168 values at the first hour replace the curve', () => {
    const week = new Array<number>(168).fill(2);
    expect(pasteIntoCurve(day, 0, week, label)).toEqual({ ok: true, curve: week });
  });
  it('fewer values overwrite from the hour pasted into', () => {
    const r = pasteIntoCurve(day, 20, [9, 9, 9], label);
    expect(r.ok && r.curve.slice(19)).toEqual([19, 9, 9, 9, 23]);
  });
  it('refuses values that do not fit, with a message', () => {
    const r = pasteIntoCurve(day, 20, [1, 2, 3, 4, 5], label);
    expect(r).toEqual({
      ok: false,
      message:
        '5 values do not fit from 20:00: 4 hours left in this curve (24 or 168 values pasted into the first hour ' +
        'replace the whole curve); nothing was changed.',
    });
    expect(pasteIntoCurve(day, 0, [], label).ok).toBe(false);
  });
});

describe('wholeCurve', () => {
  it('takes exactly 24 or 168 values and refuses any other count', () => {
    expect(wholeCurve(new Array<number>(24).fill(1)).ok).toBe(true);
    expect(wholeCurve(new Array<number>(168).fill(1)).ok).toBe(true);
    for (const n of [0, 1, 23, 25, 167, 169]) {
      const r = wholeCurve(new Array<number>(n).fill(1));
      expect(r.ok).toBe(false);
    }
    expect(wholeCurve(new Array<number>(23).fill(1))).toEqual({
      ok: false,
      message: '23 values pasted: a curve needs 24 (one day) or 168 (one week); nothing was changed.',
    });
  });
});
