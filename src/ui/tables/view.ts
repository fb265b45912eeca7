// Tables as a spreadsheet user expects (issue 9 §6): a filter, a sort by any column, and a copy as tab-separated
// text. Pure. A view never reorders the data it shows: it returns the indices of the rows to show, in the order to
// show them, so sorting the services table is a way of looking at the plan, not an edit of it.

/** What a cell holds for sorting and copying: numbers stay numbers, a missing figure is null. */
export type CellValue = string | number | boolean | null;

export type SortDirection = 'ascending' | 'descending';
/** The column sorted on and its direction; null is the data's own order. */
export type Sort = { key: string; direction: SortDirection } | null;

/** Next state of a header's sort button: not sorted → ascending → descending → the data's own order. */
export function nextSort(current: Sort, key: string): Sort {
  if (current?.key !== key) return { key, direction: 'ascending' };
  return current.direction === 'ascending' ? { key, direction: 'descending' } : null;
}

/** The `aria-sort` of a header (omitted on a header the table is not sorted by). */
export function ariaSort(current: Sort, key: string): SortDirection | undefined {
  return current?.key === key ? current.direction : undefined;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Orders two cells: numbers by value, text as people read it (`svc-2` before `svc-10`), false before true. A missing
 * value (null, '', NaN) is not compared: `compareCells` leaves those to the caller, which keeps them last.
 */
export function compareCells(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b !== 'number') return -1;
  if (typeof b === 'number' && typeof a !== 'number') return 1;
  return collator.compare(String(a), String(b));
}

const missing = (v: CellValue) => v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** Every word of the query appears in the text (any case, any order). */
export function matches(text: string, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = text.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/**
 * The rows to show, as indices into `count` rows: those whose `text(i)` matches the query, ordered by `value(i, key)`
 * when sorted. Stable (equal values keep the data's order) and missing values last in either direction.
 */
export function viewRows(
  count: number,
  query: string,
  sort: Sort,
  text: (i: number) => string,
  value: (i: number, key: string) => CellValue,
): number[] {
  const rows: number[] = [];
  for (let i = 0; i < count; i++) if (matches(text(i), query)) rows.push(i);
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keys = new Map(rows.map((i) => [i, value(i, sort.key)]));
  return rows.sort((a, b) => {
    const va = keys.get(a) ?? null;
    const vb = keys.get(b) ?? null;
    const ma = missing(va);
    const mb = missing(vb);
    if (ma || mb) return ma === mb ? a - b : ma ? 1 : -1;
    return sign * compareCells(va, vb) || a - b;
  });
}

/** A cell as a spreadsheet reads it from the clipboard: plain numbers, no grouping, and no tab or line break inside. */
export function tsvCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.replace(/[\t\r\n]+/g, ' ');
}

/** Tab-separated text, one line per row, header first: what "Copy table" puts on the clipboard. */
export function toTsv(head: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  return [head.map(tsvCell), ...rows.map((r) => r.map(tsvCell))].map((r) => r.join('\t')).join('\n') + '\n';
}

/** An amount of money as a plain number for a spreadsheet: cents, no currency symbol (`1234.5`). */
export function plainMoney(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;
}

/** A column of a ViewTable: its header, the value it sorts and copies by, and how its cell is shown. */
export interface ViewColumn<T> {
  key: string;
  head: string;
  numeric?: boolean;
  /** The value sorted on and copied: a plain number for figures (no currency symbol), text otherwise. */
  value: (row: T) => CellValue;
  /** What the cell shows (money with its currency, rounded figures). */
  show: (row: T) => string;
  /** A cell that says a figure is absent ("not run", "shared") rather than giving one: shown muted. */
  muted?: (row: T) => boolean;
}

/** A table's totals line: its label (spanning `span` columns) and the values under the remaining columns. */
export interface TableFooter {
  label: string;
  span?: number;
  values: { value: CellValue; shown: string; testid?: string }[];
}
