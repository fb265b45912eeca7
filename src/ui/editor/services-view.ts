// The services table as a spreadsheet (issue 9 §6): what each column sorts and copies by, and setting one field of
// several services at once. Pure. Allowed values come from the plan format's schema, as for every other edit.
import { curveStats } from '../../curves/presets.ts';
import { serviceSchema } from '../../plan/schema.ts';
import type { Doc } from '../../state/doc.ts';
import { fractionFromPercent, percentMessage } from '../format.ts';
import type { CellValue } from '../tables/view.ts';

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function traffic(s: Doc): { peak: number | null; mean: number | null } {
  const c = s.trafficRps;
  if (!Array.isArray(c) || c.length === 0) return { peak: null, mean: null };
  const { peak, mean } = curveStats(c.filter((v): v is number => typeof v === 'number'));
  return { peak, mean };
}

/** The services table's sortable columns, in its order, with the header the copy writes. */
export const SERVICE_COLUMNS = [
  { key: 'index', head: '#' },
  { key: 'name', head: 'Name' },
  { key: 'peak', head: 'Peak req/s' },
  { key: 'growthPerMonth', head: 'Growth per month %' },
  { key: 'cpuMsPerRequest', head: 'CPU ms per request' },
  { key: 'durationMs', head: 'Duration ms' },
  { key: 'memoryMiB', head: 'Memory MiB' },
  { key: 'minInstances', head: 'Min instances' },
  { key: 'stateful', head: 'Stateful' },
] as const;
export type ServiceColumnKey = (typeof SERVICE_COLUMNS)[number]['key'];

/** A service's value in a column, for sorting: numbers as numbers, what is not yet valid as its text. */
export function serviceCell(s: Doc, index: number, key: string): CellValue {
  switch (key) {
    case 'index':
      return index + 1;
    case 'name':
      return typeof s.name === 'string' ? s.name : '';
    case 'peak':
      return traffic(s).peak;
    case 'growthPerMonth': {
      // Absent means 0 (the plan format's default); shown and copied as the percent a person types.
      const g = s.growthPerMonth === undefined ? 0 : finite(s.growthPerMonth);
      return g === null ? null : Number((g * 100).toPrecision(12));
    }
    case 'minInstances':
      return s.minInstances === undefined ? 1 : finite(s.minInstances);
    case 'stateful':
      return s.stateful === true;
    default:
      return finite(s[key]);
  }
}

/** The text a filter searches in: the name. */
export const serviceText = (s: Doc): string => (typeof s.name === 'string' ? s.name : '');

/** Rows of the services table as tab-separated text, in the order shown: one line per service. */
export function servicesTable(
  services: readonly Doc[],
  rows: readonly number[],
): {
  head: string[];
  rows: CellValue[][];
} {
  const head: string[] = SERVICE_COLUMNS.map((c) => c.head);
  head.splice(3, 0, 'Mean req/s');
  return {
    head,
    rows: rows.map((i) => {
      const s = services[i] ?? {};
      const cells = SERVICE_COLUMNS.map((c) => serviceCell(s, i, c.key));
      cells.splice(3, 0, traffic(s).mean);
      return cells;
    }),
  };
}

export type BulkField =
  'growthPerMonth' | 'cpuMsPerRequest' | 'durationMs' | 'memoryMiB' | 'minInstances' | 'stateful';

/** The fields that can be set for several services at once, with the words the form uses. */
export const BULK_FIELDS: readonly { key: BulkField; label: string; unit: string }[] = [
  { key: 'cpuMsPerRequest', label: 'CPU ms per request', unit: 'ms' },
  { key: 'durationMs', label: 'Duration ms', unit: 'ms' },
  { key: 'memoryMiB', label: 'Memory MiB', unit: 'MiB' },
  { key: 'minInstances', label: 'Minimum instances', unit: '' },
  { key: 'growthPerMonth', label: 'Growth per month', unit: '%' },
  { key: 'stateful', label: 'Stateful', unit: '' },
];

/**
 * The value to set from what was typed (`5` in a percent field is 0.05; `true`/`false` for stateful), or why it
 * cannot be set: the plan schema's own range, so a value set here is valid everywhere.
 */
export function readBulkValue(
  field: BulkField,
  text: string,
): { ok: true; value: number | boolean } | { ok: false; message: string } {
  const t = text.trim();
  if (field === 'stateful') {
    if (t === 'true' || t === 'false') return { ok: true, value: t === 'true' };
    return { ok: false, message: 'choose yes or no' };
  }
  if (t === '') return { ok: false, message: 'type a value' };
  const n =
    field === 'growthPerMonth'
      ? fractionFromPercent(t)
      : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)
        ? Number(t)
        : t;
  if (typeof n !== 'number' || !Number.isFinite(n))
    return { ok: false, message: `"${t.slice(0, 40)}" is not a number` };
  const checked = serviceSchema.shape[field].safeParse(n);
  if (checked.success) return { ok: true, value: n };
  const message = checked.error.issues[0]?.message ?? 'is not allowed';
  return { ok: false, message: field === 'growthPerMonth' ? percentMessage(message) : message };
}

/**
 * `doc` with `field` set to `value` on each service in `indices`: one new document, so one undo step. The list is
 * copied once (not once per service), and `doc` itself comes back when nothing changes.
 */
export function setForServices(
  doc: Doc,
  indices: Iterable<number>,
  field: BulkField,
  value: number | boolean,
): Doc {
  if (!Array.isArray(doc.services)) return doc;
  const list: unknown[] = doc.services.slice();
  let changed = false;
  for (const i of indices) {
    const s: unknown = Number.isInteger(i) ? list[i] : undefined;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    if ((s as Doc)[field] === value) continue;
    list[i] = { ...(s as Doc), [field]: value };
    changed = true;
  }
  return changed ? { ...doc, services: list } : doc;
}
