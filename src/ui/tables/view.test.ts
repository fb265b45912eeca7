import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ariaSort, matches, nextSort, plainMoney, toTsv, tsvCell, viewRows, type CellValue } from './view.ts';

const names = ['svc-10', 'svc-2', 'Api', 'db', 'svc-1'];
const cpu: CellValue[] = [5, null, 12, 5, 1];
const value = (i: number, key: string): CellValue => (key === 'name' ? names[i]! : cpu[i]!);
const text = (i: number) => names[i]!;

describe('table views', () => {
  it('cycles a header through ascending, descending and the data’s order, with aria-sort to match', () => {
    let s = nextSort(null, 'cpu');
    expect(s).toEqual({ key: 'cpu', direction: 'ascending' });
    expect(ariaSort(s, 'cpu')).toBe('ascending');
    expect(ariaSort(s, 'name')).toBeUndefined();
    s = nextSort(s, 'cpu');
    expect(ariaSort(s, 'cpu')).toBe('descending');
    expect(nextSort(s, 'cpu')).toBeNull();
    expect(nextSort(s, 'name')).toEqual({ key: 'name', direction: 'ascending' });
  });

  it('sorts names as people read them and numbers by value, stable, with missing values last both ways', () => {
    expect(
      viewRows(5, '', { key: 'name', direction: 'ascending' }, text, value).map((i) => names[i]),
    ).toEqual(['Api', 'db', 'svc-1', 'svc-2', 'svc-10']);
    expect(viewRows(5, '', { key: 'cpu', direction: 'ascending' }, text, value)).toEqual([4, 0, 3, 2, 1]);
    expect(viewRows(5, '', { key: 'cpu', direction: 'descending' }, text, value)).toEqual([2, 0, 3, 4, 1]);
    expect(viewRows(5, '', null, text, value)).toEqual([0, 1, 2, 3, 4]);
  });

  it('filters on every word, in any case', () => {
    expect(matches('Checkout API', 'api check')).toBe(true);
    expect(matches('Checkout API', 'api db')).toBe(false);
    expect(viewRows(5, ' SVC ', null, text, value)).toEqual([0, 1, 4]);
    expect(viewRows(5, 'svc', { key: 'name', direction: 'descending' }, text, value)).toEqual([0, 1, 4]);
  });

  it('a view is a permutation of the matching rows and never changes the data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.boolean()), { maxLength: 40 }),
        fc.constantFrom('ascending' as const, 'descending' as const),
        (values, direction) => {
          const copy = values.slice();
          const rows = viewRows(values.length, '', { key: 'v', direction }, String, (i) => values[i]!);
          expect(values).toEqual(copy);
          expect([...rows].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
        },
      ),
    );
  });

  it('copies as tab-separated text with plain numbers and no tab or line break inside a cell', () => {
    expect(
      toTsv(
        ['Service', 'Cost'],
        [
          ['a\tb\nc', 1234.5],
          ['=SUM(A1)', null],
          ['x', true],
        ],
      ),
    ).toBe('Service\tCost\na b c\t1234.5\n=SUM(A1)\t\nx\tTRUE\n');
    expect(tsvCell(Number.NaN)).toBe('');
    expect(tsvCell(1e-7)).toBe('1e-7');
    expect(plainMoney(1234.5678)).toBe(1234.57);
    expect(plainMoney(null)).toBeNull();
  });
});
