// Report → a readable plain-text summary for a terminal: strategies side by side, then cost per service, then
// warnings, then the forecast when given. Pure: every figure is read from the engine's report.
import { commitmentGrid, commitmentRows, commitmentScopeLines } from './commitment.ts';
import type { Forecast, Report, StrategyId, StrategyReport } from '../model/index.ts';
import { STRATEGY_IDS, STRATEGY_NAMES, STRATEGY_SHORT_NAMES } from '../model/index.ts';
import { figureText, headlineFigures, type NumberStyle } from './figures.ts';
import { leavesOut, leftOut, scalingText, totalStatus, viaFallback } from './terms.ts';
import { latencyNotes } from './latency.ts';

/**
 * What a terminal must never receive from a name: C0 and C1 controls (ESC starts escape sequences), line and
 * paragraph separators, unpaired surrogates, and the invisible format characters, among them the bidirectional
 * marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) that can make
 * `evil\u202Egpj.exe` read as `evilexe.jpg`. A flag's tag sequence (🏴 + tags) is matched first so that it stays.
 */
const UNSAFE = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** Format characters that are part of ordinary text: ZWNJ (Persian, Indic scripts) and ZWJ (emoji sequences). */
const JOINERS = new Set(['\u200C', '\u200D']);

function escapeCodePoint(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Text made safe for a terminal: every control, bidi or other invisible format character is written as a visible
 * `\u202E`-style escape, so a name can neither drive the terminal nor reorder what is shown. Accents, CJK and emoji
 * stay as they are. The one function every text cell and line of the table goes through.
 */
export function printable(s: string): string {
  return s.replace(UNSAFE, (m) => (m.length > 2 || JOINERS.has(m) ? m : escapeCodePoint(m)));
}

/**
 * Text whose characters each take one column and never combine: ASCII, Latin-1 and Latin Extended, and the usual
 * punctuation (– … ‘ ’ “ ”) and currency signs. The common case, measured without a segmenter.
 */
const NARROW = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf]*$/;
// Made on first use: creating a segmenter loads ICU data (tens of ms), which a Latin-only table never needs.
let segmenter: Intl.Segmenter | undefined;
/** User-perceived characters (an emoji sequence or a letter with its accents is one). */
function graphemes(s: string): string[] {
  if (NARROW.test(s)) return s.split('');
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** East Asian Wide and Fullwidth ranges (Unicode UAX #11): two terminal columns. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f1e6 && cp <= 0x1f1ff) || // regional indicators: a pair is one flag
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Terminal columns of one user-perceived character. */
function graphemeWidth(g: string): number {
  if (/\p{Extended_Pictographic}/u.test(g) && (/\p{Emoji_Presentation}/u.test(g) || g.includes('\uFE0F')))
    return 2;
  const cp = g.codePointAt(0) ?? 0;
  if (isWide(cp)) return 2;
  return /^[\p{M}\u200B-\u200D]+$/u.test(g) ? 0 : 1;
}

/** Terminal columns the text takes (wide CJK and emoji two, combining marks none), so columns line up. */
export function displayWidth(s: string): number {
  if (NARROW.test(s)) return s.length;
  let w = 0;
  for (const g of graphemes(s)) w += graphemeWidth(g);
  return w;
}

/** Printable text cut to at most `max` columns, at a character boundary, with `…` when cut. */
function clip(s: string, max: number): string {
  const p = printable(s);
  if (displayWidth(p) <= max) return p;
  let out = '';
  let w = 0;
  for (const g of graphemes(p)) {
    const gw = graphemeWidth(g);
    if (w + gw > max - 1) break;
    out += g;
    w += gw;
  }
  return `${out}…`;
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1234567.5 → "1,234,567.50" (two decimals, thousands separators, independent of the machine's locale). */
export function formatAmount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const [int, frac] = Math.abs(n).toFixed(2).split('.') as [string, string];
  const sign = n < 0 && Number(`${int}.${frac}`) !== 0 ? '-' : '';
  return `${sign}${groupThousands(int)}.${frac}`;
}

/** "1,234.50 USD" */
export function formatMoney(n: number, currency: string): string {
  return `${formatAmount(n)} ${printable(currency)}`;
}

/** A count or figure: thousands separators; below 1,000 at most two decimals (trailing zeros dropped). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const fixed = abs >= 1000 ? abs.toFixed(0) : abs.toFixed(2).replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const sign = n < 0 && fixed !== '0' ? '-' : '';
  return `${sign}${groupThousands(int)}${frac === undefined ? '' : `.${frac}`}`;
}

function percent(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)}%`;
}

/** How the exports write numbers (fixed, not the machine's locale): counts with at most two decimals. */
export function exportStyle(currency: string): NumberStyle {
  return { number: (v) => formatNumber(v), money: (v) => formatMoney(v, currency), percent };
}

/** Two headline capacity figures of a strategy, labelled (figures.ts). */
function capacitySummary(s: StrategyReport, currency: string): string {
  const style = exportStyle(currency);
  return headlineFigures(s)
    .map((f) => `${printable(f.label)} ${figureText(f, style)}`)
    .join(', ');
}

type Align = 'left' | 'right';

/** Columns padded to their widest cell (in terminal columns); every cell made printable first. */
export function grid(header: string[], rows: string[][], align: Align[]): string[] {
  const head = header.map(printable);
  const body = rows.map((r) => r.map(printable));
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, align[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** Column headings: short enough that the per-service and forecast tables fit 80 columns. */
function shortName(id: StrategyId): string {
  return STRATEGY_SHORT_NAMES[id];
}

/**
 * How each strategy shares its shared lines among services in the per-service table (prepare.ts `serviceCosts` and
 * the weights each strategy passes): not the same rule for all, so the heading says which.
 */
const ALLOCATION =
  'shared costs allocated: shared hosts by CPU use, containers by pod CPU requests, serverless by requests ' +
  'and GB-seconds, Fargate by task vCPU-hours; a VM or a task is its service’s own';

/** "12.3%" for a fraction (one decimal). */
function percentText(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * The forecast as a terminal table: one row per calendar month with the leader, the 12-month and whole-horizon
 * totals, then the months from which the cheapest complete strategy changes (under the forecast's tolerance).
 */
export function forecastLines(forecast: Forecast, currency: string): string[] {
  const out: string[] = [];
  const first = forecast.months[0];
  const last = forecast.months.at(-1);
  if (!first || !last) return out;
  const n = forecast.months.length;
  out.push(
    `Forecast: ${n} month${n === 1 ? '' : 's'} from ${first.calendarMonth} to ${last.calendarMonth} ` +
      `(${printable(currency)} a month, traffic grown by each service's growthPerMonth)`,
  );
  const rows = forecast.months.map((m) => [
    m.calendarMonth,
    ...STRATEGY_IDS.map((id) => formatAmount(m.costs[id])),
    m.leader === null ? '–' : shortName(m.leader),
  ]);
  for (const y of forecast.years) {
    rows.push([
      `Year ${y.year}${y.months < 12 ? ` (${y.months} mo)` : ''}`,
      ...STRATEGY_IDS.map((id) => formatAmount(y.costs[id])),
      '',
    ]);
  }
  if (forecast.years.length > 1) {
    rows.push([`All ${n} months`, ...STRATEGY_IDS.map((id) => formatAmount(forecast.total[id])), '']);
  }
  // A strategy that does not run every service in every month never leads: its column is marked.
  const partial = STRATEGY_IDS.filter((id) => !forecast.complete.includes(id));
  const heading = (id: StrategyId) => `${shortName(id)}${partial.includes(id) ? ' *' : ''}`;
  out.push(
    ...grid(['Month', ...STRATEGY_IDS.map(heading), 'Cheapest'], rows, [
      'left',
      ...STRATEGY_IDS.map((): Align => 'right'),
      'left',
    ]),
  );
  if (partial.length > 0) {
    out.push(
      `* incomplete: leaves out services (or cannot be costed), so its totals are not comparable and never lead`,
    );
  }
  out.push(
    '',
    `Cheapest that runs every service (a lead of ${percentText(forecast.tolerance)} or less is not counted as a change):`,
  );
  out.push(
    `- from ${first.calendarMonth}: ${first.leader === null ? 'none runs every service' : STRATEGY_NAMES[first.leader]}`,
  );
  for (const c of forecast.leadChanges) {
    const by =
      c.margin !== null && c.previous !== null
        ? ` (${percentText(c.margin)} below ${STRATEGY_NAMES[c.previous]})`
        : '';
    out.push(
      `- from ${c.calendarMonth}: ${c.leader === null ? 'none runs every service' : STRATEGY_NAMES[c.leader]}${by}`,
    );
  }
  return out;
}

/** The side-by-side summary printed by `headroom report --format table`. */
export function reportToTable(report: Report, forecast?: Forecast): string {
  const cur = report.currency;
  const out: string[] = [];
  out.push(
    `${clip(report.plan, 100)}: monthly cost in ${printable(cur)}, ${formatNumber(report.hoursPerMonth)} hours a month, ` +
      `catalog ${clip(report.catalog.id, 60)} (prices as of ${clip(report.catalog.asOf, 40)})`,
  );
  out.push('');
  out.push(
    ...grid(
      ['Strategy', 'Monthly cost', 'Scaling', 'CPU avg', 'CPU peak', 'Capacity', 'Warnings'],
      report.strategies.map((s) => [
        clip(s.name, 50),
        s.cannotCost
          ? 'cannot be costed'
          : `${formatMoney(s.monthlyCost, cur)}${totalStatus(s) === null ? '' : ' (incomplete)'}`,
        s.scaling.mode === 'static' ? 'Static' : scalingText(s.scaling),
        percent(s.utilization.cpuAverage),
        percent(s.utilization.cpuPeak),
        capacitySummary(s, cur),
        String(s.warnings.length),
      ]),
      ['left', 'right', 'left', 'right', 'right', 'left', 'right'],
    ),
  );
  // An incomplete total says what it leaves out and that it is never the cheapest (issue 10 §6).
  for (const s of report.strategies) {
    const missing = leftOut(s);
    if (s.cannotCost || missing.length === 0) continue;
    const fix = s.id === 'serverless' ? ' (strategies.serverless.fallback would price them)' : '';
    out.push(
      '',
      `${clip(s.name, 50)} ${clip(leavesOut(missing), 300)}: its total is incomplete, not comparable, and never counts as cheapest${fix}.`,
    );
  }
  for (const s of report.strategies) {
    const via = viaFallback(s);
    if (via.length === 0) continue;
    const by = s.services.find((x) => x.via !== undefined)!.via!;
    out.push(
      '',
      `${clip(s.name, 50)} includes ${via.map((n) => clip(n, 40)).join(', ')}, priced as ${STRATEGY_NAMES[by]} would price ${via.length === 1 ? 'it' : 'them'} alone (lines "Fallback (…)").`,
    );
  }
  // A strategy the plan's sizes rule out (a pod larger than the node type) says why and what would fix it.
  for (const s of report.strategies) {
    for (const p of s.cannotCost ?? []) {
      out.push('', `${clip(s.name, 50)} cannot be costed: ${clip(p.message, 300)}; ${clip(p.fix, 300)}.`);
    }
  }
  const cheapest = report.strategies.find((s) => s.id === report.cheapest);
  if (cheapest) {
    out.push(
      '',
      `Cheapest that runs every service: ${cheapest.name} (${formatMoney(cheapest.monthlyCost, cur)})`,
    );
  }

  // Cost per service, one column per strategy.
  const names: string[] = [];
  for (const s of report.strategies)
    for (const c of s.services) if (!names.includes(c.service)) names.push(c.service);
  if (names.length > 0) {
    out.push('', `Cost per service (${printable(cur)} a month; ${ALLOCATION})`);
    const rows = names.map((n) => [
      clip(n, 40),
      ...report.strategies.map((s) => {
        const c = s.services.find((x) => x.service === n);
        if (c === undefined) return '–';
        if (!c.included) return 'not included';
        return `${formatAmount(c.cost)}${c.via === undefined ? '' : ' (fallback)'}`;
      }),
    ]);
    rows.push(['Total', ...report.strategies.map((s) => formatAmount(s.monthlyCost))]);
    out.push(
      ...grid(['Service', ...report.strategies.map((s) => shortName(s.id))], rows, [
        'left',
        ...report.strategies.map((): Align => 'right'),
      ]),
    );
  }

  // Services sized for a latency target (issue 12 §3): what decided their count, and the percentile wait.
  const notes = latencyNotes(report);
  if (notes.some((m) => m.size > 0)) {
    out.push('', 'Latency targets (instances at the busiest hour; wait at the worst hour)');
    report.strategies.forEach((s, k) => {
      for (const [service, note] of notes[k]!)
        out.push(`- ${shortName(s.id)}: ${clip(service, 40)}: ${note}`);
    });
  }

  // Savings-plan commitments (issue 13 §5): committed, used and wasted a month, and the best level for the curve.
  const rows = commitmentRows(report);
  if (rows.length > 0) {
    out.push('', `Savings plan commitments (${printable(cur)} a month; levels in on-demand spend per hour)`);
    out.push(...commitmentGrid(report));
    out.push(...commitmentScopeLines(report));
  }

  // What no total includes, strategy by strategy: a total is never read as more complete than it is.
  out.push('', 'Not included in the totals');
  for (const s of report.strategies) {
    out.push(`- ${clip(s.name, 50)}: ${s.notIncluded.map((x) => clip(x, 200)).join('; ')}`);
  }

  const warnings = report.strategies.flatMap((s) => s.warnings.map((w) => ({ s, w })));
  out.push('', warnings.length === 0 ? 'No warnings.' : `Warnings (${warnings.length})`);
  for (const { s, w } of warnings) {
    const who = w.service === null ? '' : ` ${clip(w.service, 40)}:`;
    out.push(`- ${clip(s.name, 50)}:${who} ${printable(w.message)} [${printable(w.code)}]`);
  }

  if (forecast !== undefined) out.push('', ...forecastLines(forecast, cur));
  // Every line once more: a line added later without printable() still cannot reach the terminal raw.
  return `${out.map(printable).join('\n')}\n`;
}
