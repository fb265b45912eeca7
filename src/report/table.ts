// Report → a readable plain-text summary for a terminal: strategies side by side, then cost per service, then
// warnings, then the forecast when given. Pure: every figure is read from the engine's report.
import type { ForecastMonth, Report, StrategyReport } from '../model/index.ts';
import { STRATEGY_IDS } from '../model/index.ts';

/** Replaces control characters (terminal escape sequences included) so names cannot drive the terminal. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function clip(s: string, max: number): string {
  const p = printable(s);
  return p.length > max ? `${p.slice(0, max - 1)}…` : p;
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

/** camelCase capacity key → words: "instanceHours" → "instance hours". */
function words(key: string): string {
  return printable(key)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

const CAPACITY_KEYS = [
  'hosts',
  'instances',
  'peakNodes',
  'nodeHours',
  'instanceHours',
  'peakConcurrency',
  'requests',
];

/** Two or three headline capacity figures of a strategy. */
function capacitySummary(s: StrategyReport): string {
  const entries = Object.entries(s.capacity).filter(([, v]) => Number.isFinite(v));
  const preferred = CAPACITY_KEYS.flatMap((k) => entries.filter(([key]) => key === k));
  const chosen = (preferred.length > 0 ? preferred : entries).slice(0, 2);
  return chosen.map(([k, v]) => `${words(k)} ${formatNumber(v)}`).join(', ');
}

type Align = 'left' | 'right';

/** Columns padded to their widest cell; the first column left-aligned, the rest as given. */
function grid(header: string[], rows: string[][], align: Align[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Column headings: short enough that the per-service and forecast tables fit 80 columns. */
const SHORT_NAMES: Record<string, string> = {
  'shared-host': 'Shared hosts',
  'vm-per-service': 'VM per service',
  'container-cluster': 'Containers',
  serverless: 'Serverless',
};

function shortName(id: string): string {
  return SHORT_NAMES[id] ?? clip(id, 20);
}

/** The side-by-side summary printed by `headroom report --format table`. */
export function reportToTable(report: Report, forecast?: readonly ForecastMonth[]): string {
  const cur = report.currency;
  const out: string[] = [];
  out.push(
    `${clip(report.plan, 100)}: monthly cost in ${printable(cur)}, ${formatNumber(report.hoursPerMonth)} hours a month, ` +
      `catalog ${clip(report.catalog.id, 60)} (prices as of ${clip(report.catalog.asOf, 40)})`,
  );
  out.push('');
  out.push(
    ...grid(
      ['Strategy', 'Monthly cost', 'CPU avg', 'CPU peak', 'Capacity', 'Warnings'],
      report.strategies.map((s) => [
        clip(s.name, 40),
        formatMoney(s.monthlyCost, cur),
        percent(s.utilization.cpuAverage),
        percent(s.utilization.cpuPeak),
        capacitySummary(s),
        String(s.warnings.length),
      ]),
      ['left', 'right', 'right', 'right', 'left', 'right'],
    ),
  );
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
    out.push('', `Cost per service (${printable(cur)} a month; shared costs allocated by CPU share)`);
    const rows = names.map((n) => [
      clip(n, 40),
      ...report.strategies.map((s) => {
        const c = s.services.find((x) => x.service === n);
        if (c === undefined) return '–';
        return c.included ? formatAmount(c.cost) : 'not included';
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

  const warnings = report.strategies.flatMap((s) => s.warnings.map((w) => ({ s, w })));
  out.push('', warnings.length === 0 ? 'No warnings.' : `Warnings (${warnings.length})`);
  for (const { s, w } of warnings) {
    const who = w.service === null ? '' : ` ${clip(w.service, 40)}:`;
    out.push(`- ${clip(s.name, 40)}:${who} ${printable(w.message)} [${printable(w.code)}]`);
  }

  if (forecast !== undefined && forecast.length > 0) {
    out.push('', `Forecast (${printable(cur)} a month, traffic grown by each service's growthPerMonth)`);
    out.push(
      ...grid(
        ['Month', ...STRATEGY_IDS.map(shortName)],
        forecast.map((m) => [String(m.month), ...STRATEGY_IDS.map((id) => formatAmount(m.costs[id]))]),
        ['left', ...STRATEGY_IDS.map((): Align => 'right')],
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
