// Import a list of services from CSV (issue 9 §6): one line per service, its traffic either as a preset scaled to a
// peak or as a curve of 24/168 values, and its sizes. Pure: text in, plan-format services (or located problems)
// out; never throws. All or nothing: one problem anywhere and no service is returned. Every range comes from the
// plan format's own schema (src/plan/schema.ts), so a value refused here is refused in a plan file with the same
// words, and one accepted here is accepted there. Header names are documented in docs/guide.md.
import Papa from 'papaparse';
import { PRESETS, presetCurve, presetHours, type CurveHours, type PresetId } from '../curves/presets.ts';
import { FILE_LIMITS } from '../limits/files.ts';
import { PLAN_LIMITS } from '../plan/limits.ts';
import { serviceSchema, type PlanFile } from '../plan/schema.ts';
import { readPreamble } from '../text/delimiter.ts';

/** The cell separators recognised, in order of preference when none occurs. */
const DELIMITERS: readonly string[] = [',', ';', '\t'];

/** One service as the plan file writes it. */
export type ServiceFile = PlanFile['services'][number];

export interface ServicesCsvIssue {
  /** 1-based line of the file, as a text editor shows it (0 for the file as a whole). */
  line: number;
  /** The column's header as written in the file, or null for a whole line or the whole file. */
  column: string | null;
  message: string;
}

/** One service read from the file, with what the preview shows about its traffic. */
export interface ImportedService {
  line: number;
  service: ServiceFile;
  /** The preset its curve was made from (null for a curve given value by value). */
  preset: PresetId | null;
  hours: CurveHours;
  peakRps: number;
}

export type ServicesCsvResult =
  { ok: true; services: ImportedService[] } | { ok: false; issues: ServicesCsvIssue[] };

export interface ServicesCsvOptions {
  /** Names already in the plan: an imported service may not take one (names are unique within a plan). */
  existingNames?: readonly string[] | undefined;
}

/** The columns a file may have, by their documented header; `aliases` are other spellings accepted. */
export const SERVICE_COLUMNS = [
  { key: 'name', aliases: ['service', 'servicename'], help: 'Name of the service, unique in the plan.' },
  {
    key: 'preset',
    aliases: ['trafficpreset', 'shape'],
    help: 'Traffic preset: flat, business-hours, evening-peak, nightly-batch or weekday-weekend (or its name).',
  },
  {
    key: 'peakRps',
    aliases: ['peak', 'peakreqs'],
    help: 'Busiest hour of the preset, in requests per second.',
  },
  {
    key: 'hours',
    aliases: ['curvehours'],
    help: 'Length of the preset curve: 24 (one day) or 168 (one week, the default).',
  },
  {
    key: 'curve',
    aliases: ['trafficrps', 'traffic'],
    help: 'Instead of a preset: 24 or 168 requests-per-second values separated by spaces or semicolons.',
  },
  { key: 'cpuMs', aliases: ['cpumsperrequest', 'cpu'], help: 'vCPU milliseconds of work per request.' },
  { key: 'durationMs', aliases: ['duration'], help: 'Wall-clock milliseconds per request.' },
  { key: 'memoryMiB', aliases: ['memory', 'mem'], help: 'Memory of one running instance, MiB.' },
  { key: 'minInstances', aliases: ['min'], help: 'Minimum instances; default 1.' },
  { key: 'stateful', aliases: [], help: 'true or false (yes/no, 1/0); default false.' },
  {
    key: 'growthPercent',
    aliases: ['growth', 'growthpermonth'],
    help: 'Traffic growth per month in percent (5 or 5%); default 0.',
  },
] as const;

export type ServiceColumn = (typeof SERVICE_COLUMNS)[number]['key'];

export const SERVICES_CSV_LIMITS = {
  /** Characters of CSV text: a services list is part of a plan, so the plan file's limit. */
  maxChars: FILE_LIMITS.planBytes,
  /** Most problems listed; the rest are counted in a last line. */
  maxIssues: 50,
} as const;

/** `line 7, column "cpuMs": must be a number >= 0` (a file-wide problem is just the message). */
export function formatServicesIssue(issue: ServicesCsvIssue): string {
  const where = [
    issue.line > 0 ? `line ${issue.line}` : null,
    issue.column !== null ? `column "${issue.column}"` : null,
  ].filter((p) => p !== null);
  return where.length > 0 ? `${where.join(', ')}: ${issue.message}` : issue.message;
}

const normal = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_NAME = new Map<string, ServiceColumn>(
  SERVICE_COLUMNS.flatMap((c) => [normal(c.key), ...c.aliases].map((n) => [n, c.key] as const)),
);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_RULE = 'digits with a decimal point, no units or thousands separators';
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function presetOf(cell: string): PresetId | null {
  const n = normal(cell);
  return PRESETS.find((p) => normal(p.id) === n || normal(p.name) === n)?.id ?? null;
}

interface Row {
  line: number;
  cells: string[];
}

class Problems {
  readonly list: ServicesCsvIssue[] = [];
  #more = 0;
  add(line: number, column: string | null, message: string): void {
    if (this.list.length < SERVICES_CSV_LIMITS.maxIssues) this.list.push({ line, column, message });
    else this.#more++;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  result(): { ok: false; issues: ServicesCsvIssue[] } {
    const more = this.#more;
    const tail =
      more > 0
        ? [{ line: 0, column: null, message: `and ${more} more problem${more === 1 ? '' : 's'}` }]
        : [];
    return { ok: false, issues: [...this.list, ...tail] };
  }
}

/** The rows of the file with the 1-based line each starts on; blank lines and `#` comments skipped. */
function readRows(input: string, problems: Problems): Row[] {
  const { text, firstLine, delimiter } = readPreamble(input, DELIMITERS);
  if (text === '') return [];
  const rows: Row[] = [];
  let start = 0;
  let line = firstLine;
  Papa.parse<string[]>(text, {
    delimiter,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result) => {
      // papaparse counts data rows, not lines; a quoted cell may span lines, so count the newlines consumed.
      const end = result.meta.cursor;
      const rowLine = line;
      for (let i = start; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
      for (const e of result.errors) problems.add(rowLine, null, `this line is not valid CSV: ${e.message}`);
      const cells = result.data;
      if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
      if ((cells[0] ?? '').trimStart().startsWith('#')) return;
      rows.push({ line: rowLine, cells });
    },
  });
  return rows;
}

type Header = { index: Map<ServiceColumn, number>; names: string[] };

function readHeader(head: Row, problems: Problems): Header {
  const index = new Map<ServiceColumn, number>();
  const names = head.cells.map((c) => c.trim());
  names.forEach((name, i) => {
    if (name === '') {
      problems.add(head.line, `column ${i + 1}`, 'the header cell is empty; name the column or remove it');
      return;
    }
    const key = BY_NAME.get(normal(name));
    if (!key) {
      problems.add(
        head.line,
        name.slice(0, 60),
        `unknown column; the columns are ${SERVICE_COLUMNS.map((c) => c.key).join(', ')}`,
      );
      return;
    }
    const first = index.get(key);
    if (first !== undefined) {
      problems.add(
        head.line,
        name.slice(0, 60),
        `the same column as "${names[first]}" (column ${first + 1})`,
      );
      return;
    }
    index.set(key, i);
  });
  if (problems.any) return { index, names };
  for (const key of ['name', 'cpuMs', 'durationMs', 'memoryMiB'] as const) {
    if (!index.has(key)) problems.add(head.line, null, `the header has no "${key}" column`);
  }
  if (!index.has('curve') && !(index.has('peakRps') && index.has('preset'))) {
    problems.add(
      head.line,
      null,
      'the header needs a "curve" column, or "peakRps" and "preset" columns, for each service’s traffic',
    );
  }
  return { index, names };
}

/** The plan field each schema problem is about, and the column it came from. */
const FIELD_COLUMN: Record<string, ServiceColumn> = {
  name: 'name',
  cpuMsPerRequest: 'cpuMs',
  durationMs: 'durationMs',
  memoryMiB: 'memoryMiB',
  minInstances: 'minInstances',
  stateful: 'stateful',
  growthPerMonth: 'growthPercent',
};

/** A fraction's bounds in a schema message restated as the percents the column holds (`<= 10` → `<= 1000%`). */
const asPercents = (message: string) =>
  message.replace(
    /(>=|<=|>|<) (-?\d+(?:\.\d+)?)/g,
    (_, op: string, n: string) => `${op} ${Number((Number(n) * 100).toPrecision(12))}%`,
  );

function readService(
  row: Row,
  header: Header,
  problems: Problems,
): { service: ServiceFile; preset: PresetId | null; hours: CurveHours; peakRps: number } | null {
  const before = problems.list.length;
  const width = header.names.length;
  if (row.cells.length !== width) {
    const extra = row.cells.slice(width);
    if (row.cells.length < width || extra.some((c) => c.trim() !== '')) {
      problems.add(
        row.line,
        null,
        `this line has ${row.cells.length} cells; the header has ${width} (a name or value with the delimiter in it needs "quotes")`,
      );
      return null;
    }
  }
  const cell = (key: ServiceColumn): string => {
    const i = header.index.get(key);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const col = (key: ServiceColumn): string => {
    const i = header.index.get(key);
    return i === undefined ? key : (header.names[i] ?? key).slice(0, 60);
  };
  const number = (key: ServiceColumn): number | undefined => {
    const c = cell(key);
    if (c === '') return undefined;
    const n = NUMBER.test(c) ? Number(c) : NaN;
    if (!Number.isFinite(n)) {
      problems.add(row.line, col(key), `"${c.slice(0, 40)}" is not a number (${NUMBER_RULE})`);
      return undefined;
    }
    return n;
  };
  const required = (key: ServiceColumn): void => {
    if (cell(key) === '') problems.add(row.line, col(key), 'is empty; every service needs a value here');
  };

  required('name');
  required('cpuMs');
  required('durationMs');
  required('memoryMiB');
  const cpu = number('cpuMs');
  const duration = number('durationMs');
  const memory = number('memoryMiB');
  const minInstances = number('minInstances');

  let stateful: boolean | undefined;
  const st = cell('stateful').toLowerCase();
  if (TRUE.has(st)) stateful = true;
  else if (FALSE.has(st)) stateful = false;
  else if (st !== '')
    problems.add(row.line, col('stateful'), `"${cell('stateful').slice(0, 40)}" is not true or false`);

  let growth: number | undefined;
  const g = cell('growthPercent').replace(/\s*%$/, '');
  if (g !== '') {
    if (NUMBER.test(g) && Number.isFinite(Number(g))) growth = Number((Number(g) / 100).toPrecision(12));
    else
      problems.add(
        row.line,
        col('growthPercent'),
        `"${cell('growthPercent').slice(0, 40)}" is not a percent (such as 5 or 5%)`,
      );
  }

  // Traffic: a curve, or a preset scaled to a peak; never both, never neither.
  let trafficRps: number[] | undefined;
  let preset: PresetId | null = null;
  let hours: CurveHours = 168;
  let trafficColumn: ServiceColumn = 'curve';
  const curveCell = cell('curve');
  const hasPreset = cell('preset') !== '' || cell('peakRps') !== '';
  if (curveCell !== '' && hasPreset) {
    problems.add(row.line, col('curve'), 'give a curve or a preset with its peak, not both');
  } else if (curveCell !== '') {
    const values: number[] = [];
    for (const [k, v] of curveCell.split(/[\s;,|]+/).entries()) {
      if (!NUMBER.test(v) || !Number.isFinite(Number(v))) {
        problems.add(
          row.line,
          col('curve'),
          `value ${k + 1}, "${v.slice(0, 40)}", is not a number (${NUMBER_RULE})`,
        );
        break;
      }
      values.push(Number(v));
    }
    trafficRps = values;
    if (values.length === 24 || values.length === 168) hours = values.length;
    if (cell('hours') !== '' && Number(cell('hours')) !== values.length) {
      problems.add(
        row.line,
        col('hours'),
        `says ${cell('hours')} hours, but the curve has ${values.length} values`,
      );
    }
  } else if (!hasPreset) {
    problems.add(row.line, null, 'no traffic: give a curve, or a preset and its peak requests per second');
  } else {
    trafficColumn = 'peakRps';
    required('preset');
    required('peakRps');
    const p = cell('preset');
    preset = p === '' ? null : presetOf(p);
    if (p !== '' && preset === null) {
      problems.add(
        row.line,
        col('preset'),
        `"${p.slice(0, 40)}" is not a preset; the presets are ${PRESETS.map((x) => x.id).join(', ')}`,
      );
    }
    const h = cell('hours');
    if (h !== '') {
      if (h === '24' || h === '168') hours = Number(h) as CurveHours;
      else
        problems.add(
          row.line,
          col('hours'),
          `must be 24 (one day) or 168 (one week), not "${h.slice(0, 40)}"`,
        );
    }
    const peak = number('peakRps');
    if (peak !== undefined && preset !== null) {
      hours = presetHours(preset, hours);
      if (peak < 0) problems.add(row.line, col('peakRps'), 'must be a number >= 0');
      else if (peak > PLAN_LIMITS.maxRps)
        problems.add(row.line, col('peakRps'), `must be a number <= ${PLAN_LIMITS.maxRps}`);
      else trafficRps = presetCurve(preset, hours, { by: 'peak', peakRps: peak });
    }
  }
  if (problems.list.length > before) return null;

  const service: ServiceFile = {
    name: cell('name'),
    trafficRps: trafficRps ?? [],
    ...(growth !== undefined ? { growthPerMonth: growth } : {}),
    cpuMsPerRequest: cpu ?? 0,
    durationMs: duration ?? 0,
    memoryMiB: memory ?? 0,
    ...(minInstances !== undefined ? { minInstances } : {}),
    ...(stateful !== undefined ? { stateful } : {}),
  };
  // The plan format's own schema says what is allowed, in its own words.
  const checked = serviceSchema.safeParse(service);
  if (!checked.success) {
    for (const iss of checked.error.issues) {
      const [field, at] = iss.path;
      const key = field === 'trafficRps' ? trafficColumn : FIELD_COLUMN[String(field)];
      const message = key === 'growthPercent' ? asPercents(iss.message) : iss.message;
      const where =
        field === 'trafficRps' && typeof at === 'number' && key === 'curve' ? `value ${at + 1}: ` : '';
      problems.add(row.line, key ? col(key) : null, `${where}${message}`);
    }
    return null;
  }
  const peakRps = Math.max(0, ...service.trafficRps);
  return { service, preset, hours, peakRps };
}

function parse(text: string, options: ServicesCsvOptions): ServicesCsvResult {
  const problems = new Problems();
  const fail = (message: string, line = 0): ServicesCsvResult => ({
    ok: false,
    issues: [{ line, column: null, message }],
  });
  if (typeof text !== 'string') return fail('the file is not text');
  if (text.length > SERVICES_CSV_LIMITS.maxChars) {
    return fail(`the file is larger than ${SERVICES_CSV_LIMITS.maxChars / 1024 / 1024} MB`);
  }
  const rows = readRows(text, problems);
  if (problems.any) return problems.result();
  const head = rows.shift();
  if (!head) return fail('the file has no header line (name, cpuMs, durationMs, memoryMiB, …)');
  const header = readHeader(head, problems);
  if (problems.any) return problems.result();
  if (rows.length === 0) return fail('the file has a header but no services', head.line);
  const existing = options.existingNames ?? [];
  const room = PLAN_LIMITS.maxServices - existing.length;
  if (rows.length > room) {
    return fail(
      `the file has ${rows.length} services; a plan holds at most ${PLAN_LIMITS.maxServices} and this one has ${existing.length}`,
    );
  }
  const taken = new Set(existing);
  const lineOfName = new Map<string, number>();
  const services: ImportedService[] = [];
  for (const row of rows) {
    const read = readService(row, header, problems);
    if (!read) continue;
    const name = read.service.name;
    const nameColumn = header.names[header.index.get('name') ?? 0] ?? 'name';
    if (taken.has(name)) {
      problems.add(row.line, nameColumn, `"${name.slice(0, 60)}" is already a service of this plan`);
      continue;
    }
    const earlier = lineOfName.get(name);
    if (earlier !== undefined) {
      problems.add(row.line, nameColumn, `"${name.slice(0, 60)}" is also the name on line ${earlier}`);
      continue;
    }
    lineOfName.set(name, row.line);
    services.push({ line: row.line, ...read });
  }
  if (problems.any) return problems.result();
  return { ok: true, services };
}

/** Reads a services CSV. All or nothing; never throws. */
export function parseServicesCsv(text: string, options: ServicesCsvOptions = {}): ServicesCsvResult {
  try {
    return parse(text, options);
  } catch (e) {
    return {
      ok: false,
      issues: [{ line: 0, column: null, message: `the file could not be read: ${String(e)}` }],
    };
  }
}
