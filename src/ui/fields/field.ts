// Shared bits of the editing fields: stable ids, value display, and what the plan's field declarations
// (src/plan/fields.ts) say about the field at a path.
import { fieldAt, type FieldDecl } from '../../plan/fields.ts';
import { pathText, type Path } from '../../state/doc.ts';
let counter = 0;

export function fieldId(prefix = 'f'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** The declaration of the field at `path`: its label, unit, range, default, hint. */
export function declared(path: Path): FieldDecl | undefined {
  return fieldAt(path);
}

/** The label a field shows: the one given (a table's "… of <service>"), else the declared one. */
export function labelFor(path: Path, label: string | undefined): string {
  return label ?? fieldAt(path)?.label ?? pathText(path);
}

/** The hint under a field: the one given, else the declared one. */
export function hintFor(path: Path, hint: string | undefined): string {
  return hint ?? fieldAt(path)?.hint ?? '';
}

/** A document value as the text of an input (numbers in full, never NaN). */
export function displayValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return v;
  return '';
}

/** A catalog price per hour with up to 4 decimals (`$0.0104`), as the catalog lists it. */
export function hourlyPrice(value: number, currency: string): string {
  if (!Number.isFinite(value)) return '—';
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}
