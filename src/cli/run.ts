// The command-line front door: plan file in, report out. `run` takes its input and output as injected functions,
// so tests call it in-process; main.ts wires it to the real process. Exit codes: 0 ok, 2 bad input or usage
// (every problem on stderr, nothing on stdout), 1 internal error.
import {
  evaluate,
  forecast,
  isCalendarMonth,
  monthAfter,
  STRATEGY_IDS,
  STRATEGY_NAMES,
  type Forecast,
  type Plan,
  type Report,
  asStrategyId,
  strategyEntry,
  strategyOfKey,
  type StrategyKey,
  type StrategySettings,
} from '../model/index.ts';
import {
  CORRELATIONS,
  hasRanges,
  MAX_SAMPLES,
  simulate,
  type Correlation,
  type SimulateOptions,
  type Simulation,
} from '../analysis/uncertainty.ts';
import {
  formatIssue,
  parsePlanText,
  planJsonSchemaText,
  PLAN_LIMITS,
  type ParseResult,
} from '../plan/index.ts';
import {
  breakEvenCurveSpan,
  breakEvenPair,
  buildMeetingDocument,
  REPORT_SAMPLES,
  REPORT_SEED,
  type ComparedEntry,
  type MeetingAnalyses,
  forecastToCsv,
  meetingToHtml,
  meetingToMarkdown,
  printable,
  reportToCsv,
  reportToTable,
  servicesToCsv,
  type CsvText,
  type ExportOptions,
} from '../report/index.ts';
import { bestMix, evaluateMix, type MixResult } from '../analysis/mix.ts';
import { formatMoney } from '../report/table.ts';
import { bestCommitmentText, commitmentGrid, commitmentScopeLines } from '../report/commitment.ts';
import { breakEven, breakEvenCurve, breakEvenQuery, type BreakEven } from '../analysis/breakeven.ts';
import type { Knob } from '../analysis/knobs.ts';
import { deltaProblem, sensitivity, type Sensitivity } from '../analysis/sensitivity.ts';
import { displayWidth, formatAmount } from '../report/index.ts';
import { catalogCommand } from './catalog.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Size in bytes of a file (`-` is standard input: return 0, readFile enforces the cap). */
  fileSize: (path: string) => Promise<number>;
  /**
   * Reads a text file (`-`: standard input) through src/text/decode.ts. Must reject when more than maxBytes arrive,
   * and with an error whose code is NOT_TEXT (its message the decoder's) when the bytes are not text.
   */
  readFile: (path: string, maxBytes: number) => Promise<string>;
  /** Writes a file without replacing what the path names (src/node/write-file.ts): atomic for an ordinary file. */
  writeFile: (path: string, text: string) => Promise<void>;
  version: string;
  /** The clock: the default forecast start (the month after now) and a CSV's "generated at". */
  now: () => Date;
  /**
   * `simulate` over `threads` threads (default: the machine's; src/cli/simulate-threads.ts), the same figures as
   * in one; absent (the tests' world), `simulate` runs in this thread.
   */
  simulate?: (plan: Plan, options: SimulateOptions, threads?: number) => Promise<Simulation>;
  /**
   * A text file in decoded chunks (`catalog import`: price lists of hundreds of MB, never held whole); absent (the
   * tests' world), readFile's text is fed in pieces.
   */
  readChunks?: (path: string) => AsyncIterable<string>;
}

/** Most threads `simulate --threads` starts. */
const MAX_THREADS = 16;

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

/** A problem with the command line or its input: reported on stderr, exit code 2. */
class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

const usageHint = 'Run "headroom help" for usage.';
const usage = (message: string) => new InputError([message, usageHint]);

/** The strategies in the help's words, from the registry: "shared-host, vm-per-service, … and serverless". */
const STRATEGY_LIST = `${STRATEGY_IDS.slice(0, -1).join(', ')} and ${STRATEGY_IDS.at(-1)}`;

export const HELP = `Headroom: cost and capacity of a microservice plan under ${STRATEGY_IDS.length} deployment strategies.

Usage:
  headroom report <plan.json> [--format json|csv|table|html|md] [--table line-items|services] [--months N]
                  [--start YYYY-MM] [--csv-style spreadsheet|plain] [--out FILE]
                  html|md only: [--no-analysis] [--samples N] [--seed N] [--compare PLAN,…]
  headroom forecast <plan.json> --months N [--start YYYY-MM] [--format json|csv|table]
                  [--csv-style spreadsheet|plain] [--out FILE]
  headroom mix <plan.json> [--assign svc=strategyId,…] [--format json|table] [--out FILE]
  headroom simulate <plan.json> [--samples N] [--seed N] [--correlation independent|plan-wide]
                  [--threads N] [--format json|table] [--out FILE]
  headroom breakeven <plan.json> --a STRATEGY --b STRATEGY [--knob KNOB] [--format json|table] [--out FILE]
  headroom sensitivity <plan.json> [--delta 0.25] [--format json|table] [--out FILE]
  headroom commitment <plan.json> [--strategy STRATEGY] [--discount 0.28] [--format json|table] [--out FILE]
  headroom validate <plan.json>
  headroom schema [--out FILE]
  headroom catalog import <FILE> --from aws-price-list --region REGION [--lambda FILE] [--base CATALOG]
                  [--out FILE]
  headroom catalog import <FILE>… --from azure-retail|gcp-billing --region REGION [--base CATALOG] [--out FILE]
  headroom help | --help
  headroom --version

Commands:
  report     Every strategy (${STRATEGY_LIST})
             with line items, utilization, capacity, warnings and the settings it was priced with.
             --format json (default) is the engine's report as is;
             csv has one row per line item (--table services: one row per service, a column per strategy);
             table is a summary for a terminal; html (one self-contained file: charts with their figures,
             no script, opens offline, prints) and md (Markdown tables for a wiki or a pull request) are the
             report for a meeting. --months N (1-120) adds a forecast of N months (all but csv).
             The meeting report also has the analyses: break-even of the cheapest and the runner-up as
             traffic turns, the tornado, low/typical/high bands with --samples N (default 1000) seeded draws
             (--seed N, default 1) when the plan has "uncertainty" ranges, and the best mix; --no-analysis
             leaves them out (faster on a large plan). --compare PLAN,… adds other plan files (a scenario
             saved as a plan file) to "Scenarios compared", against this plan.
  forecast   Monthly cost of every strategy for N calendar months from --start (default: the month after
             today, printed with the result) as traffic grows by each service's growthPerMonth; the months
             from which the cheapest strategy that runs every service changes (by more than 5%); totals.
  mix        The best mix: each service on the strategy that suits it, shared costs counted once per strategy
             used, never more than the cheapest pure strategy; with per-service reasons. --assign svc=id,…
             prices a given assignment instead (services not named stay on the cheapest pure strategy).
  simulate   Every strategy's cost when the plan's inputs vary within their "uncertainty" ranges: the bands
             (every input low / typical / high), and --samples N (1-100000, default 1000) random plans drawn
             with --seed N (default 1; the same seed gives the same figures): P10/P50/P90 per strategy and
             the chance each strategy is the cheapest that runs every service (docs/analysis.md).
             --correlation plan-wide moves every service's inputs together (default: independent).
             --threads N splits the samples over N threads (default: the machine's cores, at most 4; the
             figures are the same for any N).
  breakeven  Where the cost order of two strategies (ids as in report) flips as one knob turns: traffic (default; all services ×0.01-×100),
             traffic:<service>, cpuMsPerRequest, durationMs, memoryMiB (×), discount:<strategy> (0-0.99), month
             (1-120, with growth). The first flip nearest the plan's own value, within 0.5%; null with the reason.
  sensitivity  Each input down and up by --delta (default 0.25, ±25%), every strategy re-costed; rows sorted by
             the swing of the cheapest strategy, and the inputs that change which strategy is cheapest.
  commitment  Each strategy's savings-plan commitment (strategies.<key>.commitment): committed, used and wasted
             a month, and the best level for the plan's hourly curve with the cost across levels (JSON: "curve").
             --discount D sets the plan's discount (0.28 = 28% off covered usage) for every strategy shown, a
             commitment of 0 per hour where the plan has none; --strategy ID shows one (shared-host,
             vm-per-service, container-cluster, serverless or serverless-containers). docs/cli.md.
  validate   Checks a plan file and lists every problem.
  schema     Prints the JSON Schema of plan files (docs/plan.schema.json).
  catalog import  A provider's price list (AWS Price List bulk file for EC2, CSV or JSON) → a catalog file: the
             file's instance types of --region (Linux, shared, on-demand) over the --base catalog's (default
             aws-us-east-1); --lambda FILE adds the Lambda offer file's prices (JSON); prints found, kept,
             skipped by reason and price changes. docs/catalogs.md. --from azure-retail: saved Azure Retail
             Prices API pages (VM sizes, Functions Consumption); --from gcp-billing: saved Cloud Billing Catalog
             SKU pages (Compute Engine E2/N2/N2D machine types from core and RAM rates).

<plan.json> may be "-" to read standard input. --out FILE writes the file instead of printing (atomically for an
ordinary file; through a symbolic link, in place for a hard-linked file, keeping its permissions; "-" is
standard output). CSV: --csv-style spreadsheet starts the file with a UTF-8 byte order mark and "# key,value"
lines (plan, catalog, totals, generated at); plain is the table alone. Default: spreadsheet with --out FILE,
plain on standard output.
Exit codes: 0 ok; 2 bad input or usage (every problem on stderr as "path: message", nothing on stdout);
1 internal error. Through npm: npm run --silent cli -- report examples/food-delivery.json --format table
`;

const FORMATS = ['json', 'csv', 'table', 'html', 'md'] as const;
type Format = (typeof FORMATS)[number];
/** The meeting report's formats (src/report/meeting): `report` only. */
const DOCUMENT_FORMATS: readonly Format[] = ['html', 'md'];
const CSV_STYLES = ['spreadsheet', 'plain'] as const;
const TABLES = ['line-items', 'services'] as const;
type CsvStyle = (typeof CSV_STYLES)[number];
type Table = (typeof TABLES)[number];

interface Options {
  positional: string[];
  format?: Format;
  months?: number;
  start?: string;
  table?: Table;
  csvStyle?: CsvStyle;
  out?: string;
  assign?: string;
  samples?: number;
  seed?: number;
  correlation?: Correlation;
  /** simulate: threads to split the samples over (issue 11 "Performance"; the figures do not depend on it). */
  threads?: number;
  /** breakeven and sensitivity (issue 11): the two strategies, the knob, the fraction each input moves. */
  a?: string;
  b?: string;
  knob?: string;
  delta?: number;
  /** report --format html|md: leave the analyses out; other plan files to compare. */
  noAnalysis?: boolean;
  compare?: string;
  /** commitment (issue 13 §5): one strategy by id, and the savings plan's discount. */
  strategy?: string;
  discount?: number;
}

/** Options that take no value. */
const FLAGS = new Set(['--no-analysis']);

const OPTIONS_WITH_VALUE = new Set([
  '--format',
  '--months',
  '--start',
  '--table',
  '--csv-style',
  '--out',
  '--assign',
  '--samples',
  '--seed',
  '--correlation',
  '--threads',
  '--a',
  '--b',
  '--knob',
  '--delta',
  '--compare',
  '--strategy',
  '--discount',
]);

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw usage(`${name} must be ${allowed.join(' or ')}, not ${JSON.stringify(value.slice(0, 40))}`);
  }
  return found;
}

function parseArgs(args: readonly string[], allowed: readonly string[]): Options {
  const opts: Options = { positional: [] };
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      opts.positional.push(arg);
      continue;
    }
    if (arg === '--') {
      opts.positional.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (FLAGS.has(name) && allowed.includes(name)) {
      if (eq !== -1) throw usage(`${name} takes no value`);
      if (seen.has(name)) throw usage(`${name} given twice`);
      seen.add(name);
      if (name === '--no-analysis') opts.noAnalysis = true;
      continue;
    }
    if (!OPTIONS_WITH_VALUE.has(name) || !allowed.includes(name)) {
      throw usage(`unknown option ${JSON.stringify(arg.slice(0, 60))} for this command`);
    }
    if (seen.has(name)) throw usage(`${name} given twice`);
    seen.add(name);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') throw usage(`${name} needs a value`);
    if (name === '--format') {
      const format = FORMATS.find((f) => f === value);
      if (format === undefined) {
        throw usage(
          `--format must be json, csv, table, html or md, not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.format = format;
    } else if (name === '--start') {
      if (!isCalendarMonth(value)) {
        throw usage(
          `--start must be a month as YYYY-MM (e.g. 2027-01), not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.start = value;
    } else if (name === '--table') {
      opts.table = oneOf(name, value, TABLES);
    } else if (name === '--csv-style') {
      opts.csvStyle = oneOf(name, value, CSV_STYLES);
    } else if (name === '--months') {
      if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 120) {
        throw usage(
          `--months must be a whole number from 1 to 120, not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.months = Number(value);
    } else if (name === '--assign') {
      opts.assign = value;
    } else if (name === '--compare') {
      opts.compare = value;
    } else if (name === '--samples') {
      if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_SAMPLES) {
        throw usage(
          `--samples must be a whole number from 1 to ${MAX_SAMPLES}, not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.samples = Number(value);
    } else if (name === '--seed') {
      if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
        throw usage(
          `--seed must be a whole number from 0 to 4294967295, not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.seed = Number(value);
    } else if (name === '--correlation') {
      opts.correlation = oneOf(name, value, CORRELATIONS);
    } else if (name === '--threads') {
      if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
        throw usage(
          `--threads must be a whole number from 1 to ${MAX_THREADS}, not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.threads = Number(value);
    } else if (name === '--strategy') {
      opts.strategy = value;
    } else if (name === '--discount') {
      if (!/^\d*\.?\d+$/.test(value) || Number(value) >= 1) {
        throw usage(
          `--discount must be a fraction from 0 to below 1 (0.28 is 28% off), not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.discount = Number(value);
    } else if (name === '--a') opts.a = value;
    else if (name === '--b') opts.b = value;
    else if (name === '--knob') opts.knob = value;
    else if (name === '--delta') {
      const problem = /^\d*\.?\d+$/.test(value) ? deltaProblem(Number(value)) : 'not a number';
      if (problem !== null) {
        throw usage(
          `--delta must be a fraction above 0 and below 1 (0.25 is ±25%), not ${JSON.stringify(value.slice(0, 40))}`,
        );
      }
      opts.delta = Number(value);
    } else {
      opts.out = value;
    }
  }
  return opts;
}

function onePlanPath(opts: Options, command: string): string {
  if (opts.positional.length === 0)
    throw usage(`${command} needs a plan file: headroom ${command} <plan.json>`);
  if (opts.positional.length > 1) {
    throw usage(`${command} takes one plan file, got ${opts.positional.length} arguments`);
  }
  return opts.positional[0]!;
}

async function loadPlan(io: CliIo, path: string): Promise<Extract<ParseResult, { ok: true }>> {
  const max = PLAN_LIMITS.maxFileBytes;
  let text: string;
  try {
    const size = await io.fileSize(path);
    if (size > max) throw new InputError([`${path}: the file is larger than ${max / 1024 / 1024} MiB`]);
    text = await io.readFile(path, max);
  } catch (e) {
    if (e instanceof InputError) throw e;
    // Not text (bad UTF-8, NUL bytes …): the decoder's sentence, shared with the desktop app and the browser.
    if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'NOT_TEXT' && e instanceof Error) {
      throw new InputError([`${path}: ${e.message}`]);
    }
    throw new InputError([`${path}: cannot read the file (${describeFsError(e)})`]);
  }
  const parsed = parsePlanText(text);
  if (!parsed.ok) throw new InputError(parsed.issues.map(formatIssue));
  return parsed;
}

function describeFsError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'TOO_LARGE') return `larger than ${PLAN_LIMITS.maxFileBytes / 1024 / 1024} MiB`;
  return e instanceof Error ? e.message : String(e);
}

/** JSON text; a NaN or Infinity anywhere is a bug upstream and stops the output (exit 1) rather than become null. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(
    value,
    (key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new RangeError(`refusing to write ${v} (at "${key}") to JSON output`);
      }
      return v;
    },
    2,
  )}\n`;
}

async function emit(io: CliIo, text: string, out: string | undefined): Promise<void> {
  // `--out -` is standard output, as `-` is standard input for the plan file.
  if (out === undefined || out === '-') {
    io.stdout(text);
    return;
  }
  try {
    await io.writeFile(out, text);
  } catch (e) {
    throw new InputError([`${out}: cannot write the file (${describeFsError(e)})`]);
  }
}

/** Whether a CSV gets the byte order mark and the `#` block: spreadsheet style for files, plain on stdout. */
function exportOptions(io: CliIo, opts: Options): ExportOptions {
  const style = opts.csvStyle ?? (opts.out === undefined || opts.out === '-' ? 'plain' : 'spreadsheet');
  return style === 'plain' ? {} : { bom: true, meta: { generatedAt: io.now().toISOString() } };
}

/** The forecast asked for; without --start, from the month after today (said so in the table). */
function forecastOf(io: CliIo, plan: Plan, months: number, start: string | undefined): Forecast {
  return forecast(plan, { months, start: start ?? monthAfter(io.now()) });
}

function startNote(start: string | undefined, f: Forecast): string {
  return start === undefined
    ? `Months from ${f.start}, the month after today (choose another with --start YYYY-MM).\n`
    : '';
}

function forecastTable(report: Report, f: Forecast, start: string | undefined): string {
  // The table's forecast section on its own, under the report's heading line.
  const full = reportToTable(report, f);
  const lines = full.split('\n');
  const begin = lines.findIndex((l) => l.startsWith('Forecast'));
  return `${[lines[0], '', ...lines.slice(begin)].join('\n')}${startNote(start, f)}`;
}

function needsCsv(opts: Options): void {
  if (opts.csvStyle !== undefined && opts.format !== 'csv')
    throw usage('--csv-style works with --format csv');
}

/**
 * The analyses of the report for the meeting, run here (the app runs the same ones in its worker): the break-even of
 * the cheapest and the runner-up as traffic turns with its curve, the tornado, the bands and the simulation when the
 * plan has ranges, the best mix. The report lays their results out (src/report/meeting-analysis.ts).
 */
function meetingAnalyses(plan: Plan, rep: Report, opts: Options): MeetingAnalyses {
  const pair = breakEvenPair(rep);
  let be: MeetingAnalyses['breakEven'] = {
    reason: 'fewer than two strategies run every service, so there is no runner-up to compare with',
  };
  if (pair !== null) {
    const query = { ...pair, knob: 'traffic' } as const;
    const result = breakEven(plan, query);
    be = { result, curve: breakEvenCurve(plan, query, breakEvenCurveSpan(result.value)) };
  }
  let mix: MeetingAnalyses['mix'];
  try {
    mix = { result: bestMix(plan), reason: null };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    mix = { result: null, reason: e.message };
  }
  const sim = hasRanges(plan)
    ? simulate(plan, { samples: opts.samples ?? REPORT_SAMPLES, seed: opts.seed ?? REPORT_SEED })
    : null;
  return {
    breakEven: be,
    sensitivity: sensitivity(plan),
    uncertainty: { bands: sim?.bands ?? null, simulation: sim },
    mix,
  };
}

async function report(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, [
    '--format',
    '--table',
    '--months',
    '--start',
    '--csv-style',
    '--out',
    '--no-analysis',
    '--samples',
    '--seed',
    '--compare',
  ]);
  const path = onePlanPath(opts, 'report');
  const format = opts.format ?? 'json';
  needsCsv(opts);
  if (format === 'csv' && opts.months !== undefined) {
    throw usage(
      '--months works with --format json, table, html or md; for a forecast CSV run "headroom forecast --format csv"',
    );
  }
  if (opts.start !== undefined && opts.months === undefined) throw usage('--start needs --months N');
  if (opts.table !== undefined && format !== 'csv') {
    throw usage('--table works with --format csv (the table and JSON formats hold every table)');
  }
  const meeting = format === 'html' || format === 'md';
  for (const [given, name] of [
    [opts.noAnalysis, '--no-analysis'],
    [opts.samples, '--samples'],
    [opts.seed, '--seed'],
    [opts.compare, '--compare'],
  ] as const) {
    if (given !== undefined && !meeting)
      throw usage(`${name} works with --format html or md (the meeting report)`);
  }
  if (opts.noAnalysis && (opts.samples !== undefined || opts.seed !== undefined))
    throw usage('--samples and --seed set the simulation, which --no-analysis leaves out');
  const { plan } = await loadPlan(io, path);
  const rep = evaluate(plan);
  const f = opts.months === undefined ? undefined : forecastOf(io, plan, opts.months, opts.start);
  let text: string;
  if (format === 'csv') {
    const csv: CsvText =
      opts.table === 'services'
        ? servicesToCsv(rep, exportOptions(io, opts))
        : reportToCsv(rep, exportOptions(io, opts));
    text = csv;
  } else if (meeting) {
    // The report for the meeting (issue 11 §5): the same document as Markdown or as one self-contained HTML file.
    let comparison: ComparedEntry[] | undefined;
    if (opts.compare !== undefined) {
      comparison = [{ name: plan.name, report: rep, isBase: true }];
      for (const other of opts.compare.split(',').map((p) => p.trim())) {
        if (other === '') throw usage('--compare takes plan files separated by commas');
        const o = await loadPlan(io, other);
        comparison.push({ name: o.plan.name, report: evaluate(o.plan) });
      }
    }
    const doc = buildMeetingDocument({
      report: rep,
      forecast: f,
      comparison,
      analyses: opts.noAnalysis ? undefined : meetingAnalyses(plan, rep, opts),
      generatedAt: io.now().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      version: io.version,
    });
    text = format === 'html' ? meetingToHtml(doc) : meetingToMarkdown(doc);
  } else if (format === 'table') {
    text = `${reportToTable(rep, f)}${f === undefined ? '' : startNote(opts.start, f)}`;
  } else text = toJsonText(f === undefined ? rep : { ...rep, forecast: f });
  await emit(io, text, opts.out);
  return EXIT_OK;
}

async function forecastCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--format', '--months', '--start', '--csv-style', '--out']);
  const path = onePlanPath(opts, 'forecast');
  needsCsv(opts);
  if (opts.months === undefined) throw usage('forecast needs --months N (1 to 120)');
  if (opts.format !== undefined && DOCUMENT_FORMATS.includes(opts.format)) {
    throw usage(
      `--format ${opts.format} is a report format: run "headroom report PLAN --months N --format ${opts.format}"`,
    );
  }
  const { plan } = await loadPlan(io, path);
  const f = forecastOf(io, plan, opts.months, opts.start);
  const format = opts.format ?? 'json';
  let text: string;
  if (format === 'csv') text = forecastToCsv(evaluate(plan), f, exportOptions(io, opts));
  else if (format === 'table') text = forecastTable(evaluate(plan), f, opts.start);
  else text = toJsonText(f);
  await emit(io, text, opts.out);
  return EXIT_OK;
}

// ---- headroom mix (issue 11 §4): the best mix, or a given assignment priced as one. ----

/** `svc=strategyId,…` → service → strategy id (checked against the plan by evaluateMix). */
function parseAssign(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (eq <= 0 || name === '' || pair.slice(eq + 1).trim() === '') {
      throw usage(
        `--assign takes service=strategyId pairs separated by commas, not ${JSON.stringify(pair.slice(0, 60))}`,
      );
    }
    if (Object.hasOwn(out, name)) throw usage(`--assign names ${JSON.stringify(name.slice(0, 60))} twice`);
    out[name] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The mix for a terminal: the total against the cheapest pure strategy, each strategy's part, each service's reason. */
function mixTable(planName: string, m: MixResult): string {
  const money = (n: number) => formatMoney(n, m.currency);
  const how = m.search.method === 'given' ? 'given assignment' : `${m.search.method} search`;
  const lines = [`Mix for ${printable(planName)} (${how}): ${money(m.monthlyCost)} a month`];
  const pure = m.cheapestPure;
  const saved = m.savingsVsCheapestPure;
  if (pure !== null && saved !== null) {
    const pct = pure.monthlyCost > 0 ? `${((Math.abs(saved) / pure.monthlyCost) * 100).toFixed(1)}%` : '–';
    const alone = `${pure.strategy} alone (${money(pure.monthlyCost)})`;
    if (saved === 0) lines.push(`the same as ${alone}: no mix is cheaper`);
    else lines.push(`${money(Math.abs(saved))} (${pct}) ${saved > 0 ? 'below' : 'above'} ${alone}`);
  }
  lines.push('');
  for (const p of m.parts) {
    const n = `${p.services.length} service${p.services.length === 1 ? '' : 's'}`;
    lines.push(`${p.strategy.padEnd(18)} ${n.padStart(12)}  ${money(p.monthlyCost)}`);
  }
  lines.push('', ...m.reasons.map((r) => printable(r.text)));
  return `${lines.join('\n')}\n`;
}

async function mixCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--format', '--assign', '--out']);
  const path = onePlanPath(opts, 'mix');
  const format = jsonOrTable(opts, 'mix');
  const given = opts.assign === undefined ? undefined : parseAssign(opts.assign);
  const { plan } = await loadPlan(io, path);
  let m: MixResult;
  try {
    m = given === undefined ? bestMix(plan) : evaluateMix(plan, given);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError([`${path}: ${e.message}`]);
    throw e;
  }
  await emit(io, format === 'table' ? mixTable(plan.name, m) : toJsonText(m), opts.out);
  return EXIT_OK;
}

// ---- simulate (issue 11 §3: uncertainty) ----

async function simulateCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--format', '--samples', '--seed', '--correlation', '--threads', '--out']);
  const path = onePlanPath(opts, 'simulate');
  const format = jsonOrTable(opts, 'simulate');
  const { plan } = await loadPlan(io, path);
  const options: SimulateOptions = {
    ...(opts.samples === undefined ? {} : { samples: opts.samples }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.correlation === undefined ? {} : { correlation: opts.correlation }),
  };
  // Over threads when the process can start them (main.ts): the same figures, sooner.
  const sim = io.simulate ? await io.simulate(plan, options, opts.threads) : simulate(plan, options);
  const text =
    format === 'table'
      ? simulationTable(plan.name, evaluate(plan).currency, sim, hasRanges(plan))
      : toJsonText(sim);
  await emit(io, text, opts.out);
  return EXIT_OK;
}

// ---- Decision analysis (issue 11 §1, §2): break-even and sensitivity. docs/analysis.md. ----

/** json (default) or table: the analyses have no CSV. */
function jsonOrTable(opts: Options, command: string): 'json' | 'table' {
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'table') throw usage(`${command} writes --format json or table`);
  return format;
}

/** A knob's value in its own unit: ×1.25 for a multiplier, 23.5% for a discount, month 7. */
function knobValueText(knob: Knob, v: number): string {
  if (knob === 'month') return `month ${v}`;
  if (knob.startsWith('discount:')) return `${(v * 100).toFixed(1)}%`;
  return `×${Number(v.toPrecision(4))}`;
}

function costText(c: number | null | undefined, currency: string): string {
  return c === null || c === undefined ? 'cannot be costed' : `${formatAmount(c)} ${currency}`;
}

function breakEvenTable(plan: Plan, r: BreakEven): string {
  const cur = plan.catalog.currency;
  const at = (value: number, costs: Record<string, number | null>, cheaper: string | null) =>
    `${knobValueText(r.knob, value)}: ${r.a} ${costText(costs[r.a], cur)}, ${r.b} ${costText(costs[r.b], cur)}` +
    ` (${cheaper === null ? 'equal' : `${cheaper} cheaper`})`;
  const lines = [
    `Break-even of ${r.a} and ${r.b} as ${r.knob} turns (plan ${JSON.stringify(plan.name)})`,
    `As planned, ${at(r.base.value, r.base.costs, r.base.cheaper)}`,
  ];
  if (r.value === null || r.costs === null) lines.push(`No break-even: ${r.reason ?? 'none found'}`);
  else {
    lines.push(`The order flips at ${at(r.value, r.costs, r.cheaperAfter)}`);
    if (r.before !== null && r.before !== r.value)
      lines.push(`(still as planned at ${knobValueText(r.knob, r.before)})`);
  }
  return `${lines.map(printable).join('\n')}\n`;
}

function sensitivityTable(plan: Plan, s: Sensitivity): string {
  const cur = plan.catalog.currency;
  const id = s.swingOf;
  const pct = `${Number((s.delta * 100).toFixed(2))}%`;
  const head = [
    `Sensitivity of ${JSON.stringify(plan.name)}: each input −${pct} and +${pct}, one at a time`,
    id === null
      ? 'No strategy can be costed.'
      : `Rows by the swing of ${id} (${s.cheapest === id ? 'the cheapest' : 'no strategy runs every service'}; as planned ${costText(s.base[id], cur)})`,
  ];
  const rows = s.rows.map((r) => [
    r.input,
    id === null ? '–' : costText(r.low[id], cur),
    id === null ? '–' : costText(r.high[id], cur),
    formatAmount(r.swing),
    r.cheapestLow === r.cheapestHigh
      ? (r.cheapestLow ?? 'none')
      : `${r.cheapestLow ?? 'none'} / ${r.cheapestHigh ?? 'none'}`,
  ]);
  const header = ['Input', 'Low', 'High', 'Swing', 'Cheapest (low / high)'];
  const cells = [header, ...rows].map((r) => r.map(printable));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i]!))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const fill = ' '.repeat(widths[i]! - displayWidth(c));
        return i === 0 || i === 4 ? c + fill : fill + c;
      })
      .join('  ')
      .trimEnd();
  const body = [line(cells[0]!), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)];
  const foot =
    s.cheapestChanges.length === 0
      ? `The cheapest strategy (${s.cheapest ?? 'none'}) stays the cheapest across every row.`
      : `The cheapest strategy changes within the range for: ${s.cheapestChanges.join(', ')}.`;
  return `${[...head.map(printable), '', ...body, '', printable(foot)].join('\n')}\n`;
}

async function breakevenCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--a', '--b', '--knob', '--format', '--out']);
  const path = onePlanPath(opts, 'breakeven');
  const format = jsonOrTable(opts, 'breakeven');
  if (opts.a === undefined || opts.b === undefined)
    throw usage('breakeven needs two strategies: --a STRATEGY --b STRATEGY');
  const { plan } = await loadPlan(io, path);
  // Checked against the plan (a service knob names one of its services), so a bad name is a usage problem.
  const query = breakEvenQuery(plan, { a: opts.a, b: opts.b, knob: opts.knob });
  if (typeof query === 'string') throw usage(query);
  const r = breakEven(plan, query);
  const text =
    format === 'table'
      ? breakEvenTable(plan, r)
      : toJsonText({ plan: plan.name, currency: plan.catalog.currency, ...r });
  await emit(io, text, opts.out);
  return EXIT_OK;
}

function simulationTable(name: string, currency: string, sim: Simulation, ranged: boolean): string {
  const money = (v: number | null) =>
    v === null
      ? 'cannot cost'
      : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (v: number | undefined) => `${Math.round((v ?? 0) * 1000) / 10}%`;
  const head = ['Strategy', 'Low', 'Typical', 'High', 'P10', 'P50', 'P90', 'Cheapest in'];
  const rows = STRATEGY_IDS.map((id) => {
    const s = sim.strategies[id];
    return [
      STRATEGY_NAMES[id],
      money(sim.bands.low[id]),
      money(sim.bands.typical[id]),
      money(sim.bands.high[id]),
      money(s.p10),
      money(s.p50),
      money(s.p90),
      pct(sim.cheapestProbability[id]),
    ];
  });
  if (sim.cheapestProbability.none !== undefined)
    rows.push(['No strategy runs every service', '', '', '', '', '', '', pct(sim.cheapestProbability.none)]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ');
  return [
    printable(`${name}: monthly cost in ${currency} under uncertainty`),
    `${sim.samples} samples, seed ${sim.seed}: ${sim.distribution}.`,
    ranged ? '' : 'The plan gives no "uncertainty" ranges: every figure is the report\'s.',
    '',
    line(head),
    ...rows.map(line),
    '',
  ]
    .filter((l, i) => i !== 2 || l !== '')
    .join('\n');
}

async function sensitivityCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--delta', '--format', '--out']);
  const path = onePlanPath(opts, 'sensitivity');
  const format = jsonOrTable(opts, 'sensitivity');
  const { plan } = await loadPlan(io, path);
  const s = sensitivity(plan, opts.delta === undefined ? {} : { delta: opts.delta });
  const text =
    format === 'table'
      ? sensitivityTable(plan, s)
      : toJsonText({ plan: plan.name, currency: plan.catalog.currency, ...s });
  await emit(io, text, opts.out);
  return EXIT_OK;
}
// ---- end of decision analysis (issue 11 §1, §2) ----

// ---- Savings-plan commitments (issue 13 §5): docs/cli.md "headroom commitment". ----

/** The strategies a commitment applies to: their settings have a `commitment` (fields.ts). */
const COMMITTABLE: readonly StrategyKey[] = [
  'sharedHost',
  'vmPerService',
  'containerCluster',
  'serverless',
  'serverlessContainers',
];

/** Sets strategy `key`'s commitment discount to `discount` (a commitment of 0 per hour when it has none). */
function withDiscount<K extends StrategyKey>(
  st: StrategySettings,
  key: K,
  discount: number | undefined,
): void {
  const settings: StrategySettings[K] = st[key];
  const given = settings.commitment;
  const d = discount ?? given?.discount;
  if (d === undefined) return;
  st[key] = { ...settings, commitment: { hourlyCommitment: given?.hourlyCommitment ?? 0, discount: d } };
}

/**
 * `headroom commitment PLAN [--strategy ID] [--discount D]`: each strategy's commitment as the plan gives it, and the
 * best level for the plan's curve with the cost across levels. --discount sets the savings plan's discount for
 * every strategy shown (a plan without a commitment gets one of 0 per hour at that discount, so the best level
 * shows); the engine prices it, as it prices the plan's own.
 */
async function commitmentCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--strategy', '--discount', '--format', '--out']);
  const path = onePlanPath(opts, 'commitment');
  const format = jsonOrTable(opts, 'commitment');
  let keys = COMMITTABLE;
  if (opts.strategy !== undefined) {
    const id = asStrategyId(opts.strategy);
    const key = id === undefined ? undefined : strategyEntry(id).settingsKey;
    if (key === undefined || !COMMITTABLE.includes(key)) {
      const ids = COMMITTABLE.map((k) => strategyOfKey(k)).join(', ');
      throw usage(
        `--strategy must be one of ${ids} (a savings plan covers their compute), not ${JSON.stringify(opts.strategy.slice(0, 40))}`,
      );
    }
    keys = [key];
  }
  const { plan } = await loadPlan(io, path);
  const strategies = { ...plan.strategies };
  for (const key of keys) withDiscount(strategies, key, opts.discount);
  const rep = evaluate({ ...plan, strategies });
  const shown = rep.strategies.filter((s) => keys.includes(strategyEntry(s.id).settingsKey) && s.commitment);
  if (shown.length === 0) {
    throw usage(
      "the plan gives no commitment for these strategies: add --discount D (the savings plan's discount, e.g. 0.28) to find the best level",
    );
  }
  let text: string;
  if (format === 'table') {
    const only: Report = { ...rep, strategies: shown };
    const lines = [
      `${plan.name}: savings plan commitments in ${rep.currency} a month (levels in on-demand spend per hour)`,
      '',
      ...commitmentGrid(only),
      '',
      ...shown.map((s) => `${s.name}: ${bestCommitmentText(s.commitment!, rep.currency)}.`),
      ...commitmentScopeLines(only),
    ];
    text = `${lines.map(printable).join('\n')}\n`;
  } else {
    text = toJsonText({
      plan: plan.name,
      currency: rep.currency,
      hoursPerMonth: rep.hoursPerMonth,
      strategies: shown.map((s) => ({
        id: s.id,
        name: s.name,
        monthlyCost: s.monthlyCost,
        commitment: s.commitment,
      })),
    });
  }
  await emit(io, text, opts.out);
  return EXIT_OK;
}
// ---- end of savings-plan commitments ----

async function validate(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, []);
  const path = onePlanPath(opts, 'validate');
  const { plan } = await loadPlan(io, path);
  const n = plan.services.length;
  io.stdout(
    `${path}: valid plan ${JSON.stringify(plan.name)} (${n} service${n === 1 ? '' : 's'}, catalog ${plan.catalog.id})\n`,
  );
  return EXIT_OK;
}

async function schema(io: CliIo, args: readonly string[]): Promise<number> {
  const opts = parseArgs(args, ['--out']);
  if (opts.positional.length > 0) throw usage('schema takes no arguments');
  await emit(io, planJsonSchemaText(), opts.out);
  return EXIT_OK;
}

/** Runs one command line (without the leading `node main.ts`); resolves to the exit code. Never rejects. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
        io.stderr(HELP);
        return EXIT_INPUT;
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return EXIT_OK;
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`headroom ${io.version}\n`);
        return EXIT_OK;
      case 'report':
        return await report(io, rest);
      case 'forecast':
        return await forecastCommand(io, rest);
      case 'mix':
        return await mixCommand(io, rest);
      case 'simulate':
        return await simulateCommand(io, rest);
      case 'breakeven':
        return await breakevenCommand(io, rest);
      case 'sensitivity':
        return await sensitivityCommand(io, rest);
      case 'validate':
        return await validate(io, rest);
      case 'schema':
        return await schema(io, rest);
      case 'catalog':
        return await catalogCommand(io, rest);
      case 'commitment':
        return await commitmentCommand(io, rest);
      default:
        throw usage(`unknown command ${JSON.stringify(command.slice(0, 60))}`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      // Problems quote the plan's own keys and names: escaped like the table, so they cannot drive the terminal.
      io.stderr(`${e.lines.map(printable).join('\n')}\n`);
      return EXIT_INPUT;
    }
    io.stderr(`headroom: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
