// How old a catalog's prices are (issue 13 §2: "prices as of …" with a warning once older than 180 days). Pure: the
// day "today" comes from the caller's clock, so both sides of the boundary are testable.

/** Prices older than this many days get a warning: cloud prices change a few times a year. */
export const STALE_AFTER_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CatalogAge {
  /** The `asOf` date as read ("2025-10-01"), or null when it is not a date ("October 2025", empty). */
  asOf: string | null;
  /** Whole days from `asOf` to today (negative when `asOf` is in the future). */
  days: number | null;
  /** True once the prices are more than STALE_AFTER_DAYS old. */
  stale: boolean;
}

/** `asOf` as a UTC day (the catalog's "YYYY-MM-DD", optionally followed by a time), or null. */
function dayOf(asOf: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOf.trim());
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // "2025-02-30" is not a day: Date.UTC would roll it over to March.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** The age of prices dated `asOf`, on the UTC day of `now` (ms since the epoch). */
export function catalogAge(asOf: string, now: number): CatalogAge {
  const t = dayOf(asOf);
  if (t === null) return { asOf: null, days: null, stale: false };
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const days = Math.round((today - t) / DAY_MS);
  return { asOf: asOf.trim().slice(0, 10), days, stale: days > STALE_AFTER_DAYS };
}

/** The warning shown beside "Prices: … as of …", or null while the prices are recent enough. */
export function catalogAgeWarning(age: CatalogAge): string | null {
  if (!age.stale || age.days === null) return null;
  const months = Math.floor(age.days / 30.44);
  return `These prices are ${months} months old (${age.days} days); check them against the provider's pages or import a current price list.`;
}
