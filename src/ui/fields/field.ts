// Shared bits of the editing fields: stable ids and value display.
let counter = 0;

export function fieldId(prefix = 'f'): string {
  counter += 1;
  return `${prefix}-${counter}`;
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
