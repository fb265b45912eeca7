// Kept sums are the plain sums to the bit, after any sequence of row replacements, additions and removals; and a
// replaced row recomputes only the sums above it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOURS_PER_WEEK, packedCopy } from './time.ts';
import { cachedWeekSums, plainWeekSums } from './week-sum.ts';

const week = fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), {
  minLength: HOURS_PER_WEEK,
  maxLength: HOURS_PER_WEEK,
});

describe('week sums', () => {
  it('kept sums equal the plain pairwise sums exactly, whatever changes between calls', () => {
    fc.assert(
      fc.property(
        fc.array(week, { minLength: 0, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.option(week, { nil: undefined }), fc.boolean()), { maxLength: 12 }),
        (start, edits) => {
          const sums = cachedWeekSums();
          let rows = start.slice();
          expect(sums('x', rows)).toEqual(plainWeekSums('x', rows));
          for (const [at, row, remove] of edits) {
            if (rows.length > 0 && remove) rows = rows.filter((_, i) => i !== at % rows.length);
            else if (row && rows.length > 0) rows = rows.map((r, i) => (i === at % rows.length ? row : r));
            else if (row) rows = [...rows, row];
            expect(sums('x', rows)).toEqual(plainWeekSums('x', rows));
          }
        },
      ),
    );
  });

  it('never hands out one of the rows or a kept sum (callers may change what they get)', () => {
    const rows = [new Array<number>(HOURS_PER_WEEK).fill(1)];
    const sums = cachedWeekSums();
    const a = sums('x', rows);
    a[0] = 99;
    expect(rows[0]![0]).toBe(1);
    expect(sums('x', rows)[0]).toBe(1);
  });
});

describe('packedCopy', () => {
  // What V8 makes of the copy (an array without holes, of doubles) is not visible from JavaScript; its measure is in
  // docs/analysis.md (a parsed plan's week made 5.2 kB a service, 2.9 kB once its curve is a packed copy). Here: the
  // same numbers, in a new array, from any array (one made with holes and filled in, as a validator makes it).
  it('copies every number, in order, into a new array', () => {
    const holey = new Array<number>(168);
    for (let h = 0; h < 168; h++) holey[h] = h % 3 === 0 ? h : h + 0.25;
    const copy = packedCopy(holey);
    expect(copy).toEqual(holey);
    expect(copy).not.toBe(holey);
    expect(packedCopy([])).toEqual([]);
  });
});
