// Number formatting for the screen. Every figure goes through here, so NaN or Infinity can never be shown.
import { hourlyDigits } from '../report/commitment.ts';

const DASH = '—';

/**
 * A number formatter that remembers what it wrote: after an edit the results show mostly the same figures again
 * (every cell of the cost tables, the forecast and the hourly table is recomputed, few of them change), and
 * Intl's formatting costs about a microsecond a figure. At most `KEPT_TEXTS` figures per formatter.
 */
interface Formatter {
  format(value: number): string;
}

const KEPT_TEXTS = 4096;

function keptFormat(f: Intl.NumberFormat, suffix: string): Formatter {
  const texts = new Map<number, string>();
  return {
    format(value) {
      // A Map does not tell 0 from −0, which Intl writes with its sign.
      if (value === 0 && 1 / value < 0) return f.format(value) + suffix;
      let text = texts.get(value);
      if (text === undefined) {
        text = f.format(value) + suffix;
        if (texts.size >= KEPT_TEXTS) texts.clear();
        texts.set(value, text);
      }
      return text;
    },
  };
}

const currencyFormats = new Map<string, Formatter>();

/** The currency's format (or, for a code Intl does not know, the number followed by the code). */
function currencyFormat(currency: string, digits: number): Formatter {
  const key = `${currency}:${digits}`;
  let f = currencyFormats.get(key);
  if (!f) {
    let intl: Intl.NumberFormat;
    try {
      intl = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      // An inline catalog may carry a currency code Intl does not know: show the code as text instead.
      intl = new Intl.NumberFormat(undefined, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    }
    f = keptFormat(intl, intl.resolvedOptions().style === 'currency' ? '' : ` ${currency}`);
    currencyFormats.set(key, f);
  }
  return f;
}

/** `$1,234.56` (to the cent, as the report holds it). */
export function money(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return currencyFormat(currency, 2).format(value);
}

/**
 * How the app writes a savings-plan commitment's amounts (src/report/commitment.ts `CommitmentStyle`): `$156.98` and
 * an hourly level to the hundredth of a cent when below one a hour (`$0.3840/h`).
 */
export function commitmentStyle(currency: string): {
  money: (n: number) => string;
  hourly: (n: number) => string;
} {
  return {
    money: (n) => money(n, currency),
    hourly: (n) => `${currencyFormat(currency, hourlyDigits(n)).format(n)}/h`,
  };
}

/** `$1,235` for compact places such as chart axes. */
export function moneyWhole(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return currencyFormat(currency, 0).format(value);
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** `42.5%` from a fraction. */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return percentFormat.format(fraction);
}

const numberFormats = new Map<number, Formatter>();

/** A plain number with grouping and at most `maxDigits` decimals. */
export function num(value: number | null | undefined, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  let f = numberFormats.get(maxDigits);
  if (!f) {
    f = keptFormat(new Intl.NumberFormat(undefined, { maximumFractionDigits: maxDigits }), '');
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

/**
 * A measured figure rounded for a person: three significant digits below 100 (`30.7`, `0.123`), whole numbers
 * above (`1,234`). Engine figures such as `30.7311152` are exact for sums, not for reading.
 */
export function readableNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const a = Math.abs(value);
  const digits =
    a >= 100 || a === 0 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 2 - Math.floor(Math.log10(a)));
  return num(value, digits);
}

/**
 * A message with every long decimal in it rounded by `readableNumber` (`peaks at 30.7311152 vCPU` → `peaks at
 * 30.7 vCPU`). Whole numbers and short decimals (`0.25`, `1.5`) are left as written: they are what a person typed.
 */
export function readableText(text: string): string {
  return text.replace(/(?<![\w.])-?\d+\.\d{3,}(?![\d.])/g, (m) => readableNumber(Number(m)));
}

/** A fraction as the percent a person types (`0.05` → `5`), without float noise (`0.07 * 100` is `7.000…01`). */
export function percentInput(fraction: unknown): string {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction))
    return typeof fraction === 'string' ? fraction : '';
  return String(Number((fraction * 100).toPrecision(12)));
}

/**
 * Reads a typed percent as a fraction: `5`, `5%`, `5 %`, `-3`, `12.5` → 0.05 … The empty text is `''` (a field left
 * blank); text that is not a percent comes back as it is, so validation can say why.
 */
export function fractionFromPercent(text: string): number | string {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return '';
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return text;
  const n = Number(t);
  return Number.isFinite(n) ? Number((n / 100).toPrecision(12)) : text;
}

/**
 * A validation message about a fraction, restated in the percents the field shows (`must be a number > 0 and <= 1`
 * → `… > 0% and <= 100%`).
 */
export function percentMessage(message: string): string {
  return message.replace(
    /(>=|<=|>|<) (-?\d+(\.\d+)?)/g,
    (_, op: string, n: string) => `${op} ${percentInput(Number(n))}%`,
  );
}
