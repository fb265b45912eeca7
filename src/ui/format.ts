// Number formatting for the screen. Every figure goes through here, so NaN or Infinity can never be shown.

const DASH = '—';

const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, digits: number): Intl.NumberFormat {
  const key = `${currency}:${digits}`;
  let f = currencyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      // An inline catalog may carry a currency code Intl does not know: show the code as text instead.
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    currencyFormats.set(key, f);
  }
  return f;
}

/** `$1,234.56` (to the cent, as the report holds it). */
export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const f = currencyFormat(currency, 2);
  const text = f.format(value);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

/** `$1,235` for compact places such as chart axes. */
export function moneyWhole(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const f = currencyFormat(currency, 0);
  const text = f.format(value);
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** `42.5%` from a fraction. */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return percentFormat.format(fraction);
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A plain number with grouping and at most `maxDigits` decimals. */
export function num(value: number | null | undefined, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  let f = numberFormats.get(maxDigits);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { maximumFractionDigits: maxDigits });
    numberFormats.set(maxDigits, f);
  }
  return f.format(value);
}

/** Signed money delta, e.g. `+$12.00` / `−$3.50`. */
export function moneyDelta(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value === 0) return money(0, currency);
  return `${value > 0 ? '+' : '−'}${money(Math.abs(value), currency)}`;
}

/** Signed percent delta from a fraction, e.g. `+12.5%`. */
export function percentDelta(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  if (fraction === 0) return percent(0);
  return `${fraction > 0 ? '+' : '−'}${percent(Math.abs(fraction))}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * `22 Nov 2026, 12:00` for a time in ms. Anything Intl cannot format (NaN, ±Infinity, beyond ±8.64e15 ms: stored
 * rows are validated, but the screen must render whatever it is given) shows the placeholder instead of throwing.
 */
export function dateTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return DASH;
  return dateTimeFormat.format(ms);
}
