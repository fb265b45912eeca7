// Calendar months as `YYYY-MM` text: the forecast's start is an input, so the engine never reads a clock. The front
// doors (app, CLI) turn their own clock into a start month with `monthAfter`.

const CALENDAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for `YYYY-MM` with a month 01–12 and a year 1970–9999. */
export function isCalendarMonth(text: string): boolean {
  const m = CALENDAR_MONTH.exec(text);
  return m !== null && Number(m[1]) >= 1970;
}

function index(text: string): number {
  const m = CALENDAR_MONTH.exec(text);
  if (m === null || Number(m[1]) < 1970) throw new RangeError(`not a calendar month (YYYY-MM): ${text}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function fromIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** `start` plus `n` months: addMonths('2026-11', 2) = '2027-01'. */
export function addMonths(start: string, n: number): string {
  return fromIndex(index(start) + n);
}

/** The calendar month after the one `date` falls in, in the date's local time (the app's and CLI's default start). */
export function monthAfter(date: Date): string {
  return fromIndex(date.getFullYear() * 12 + date.getMonth() + 1);
}
