// The field tables of docs/plan-format.md, generated from the declarations in fields.ts. The doc marks each table
// with a comment; scripts/plan-fields-doc.ts rewrites what is between the marks, and src/plan/docs.test.ts fails
// when the committed doc differs from what the declarations say.
import { PLAN_FIELDS, type FieldDecl, type Range } from './fields.ts';

/** The tables, in the doc's order: where each one's fields live in the file. */
export const FIELD_TABLES = [
  { id: 'top', prefix: '', required: true },
  // A service's uncertainty has the plan-wide shape: its ranges are in the uncertainty table.
  { id: 'services', prefix: 'services[].', required: true, skip: 'services[].uncertainty.' },
  { id: 'sharedHost', prefix: 'strategies.sharedHost.', required: false },
  { id: 'vmPerService', prefix: 'strategies.vmPerService.', required: false },
  { id: 'containerCluster', prefix: 'strategies.containerCluster.', required: false },
  { id: 'serverless', prefix: 'strategies.serverless.', required: false },
  { id: 'serverlessContainers', prefix: 'strategies.serverlessContainers.', required: false },
  // The components version 2 added, each under its own heading (the top table links to them).
  { id: 'frontDoor', prefix: 'frontDoor.', required: false },
  { id: 'resilience', prefix: 'resilience.', required: false },
  { id: 'storage', prefix: 'storage.', required: false },
  { id: 'network', prefix: 'network.', required: false },
  { id: 'logs', prefix: 'logs.', required: false },
  { id: 'operations', prefix: 'operations.', required: false },
  { id: 'uncertainty', prefix: 'uncertainty.', required: false },
] as const satisfies readonly { id: string; prefix: string; required: boolean; skip?: string }[];

type TableId = (typeof FIELD_TABLES)[number]['id'];

/** A number as the docs write it: thousands separated, a real minus sign. */
function n(x: number): string {
  const s = Math.abs(x).toLocaleString('en-US', { maximumFractionDigits: 10 });
  return x < 0 ? `−${s}` : s;
}

/** `> 0 and ≤ 8,928`, or `1 to 100,000` for whole numbers. */
export function rangeDoc(r: Range): string {
  if (r.int && !r.minExclusive && !r.maxExclusive) return `${n(r.min)} to ${n(r.max)}`;
  return `${r.minExclusive ? '>' : '≥'} ${n(r.min)} and ${r.maxExclusive ? '<' : '≤'} ${n(r.max)}`;
}

const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

function typeDoc(f: FieldDecl): string {
  switch (f.kind) {
    case 'number':
      return f.range.int ? 'whole number' : 'number';
    case 'percent':
      return 'fraction';
    case 'text':
    case 'choice':
      return 'text';
    case 'instanceType':
      return f.extra?.value === null ? 'text or null' : 'text';
    case 'boolean':
      return 'true/false';
    case 'shape':
      return f.type;
  }
}

function defaultDoc(f: FieldDecl): string {
  const d = f.default;
  if (d === undefined) return '';
  if (typeof d === 'object' && d !== null) return d.rule;
  return code(d);
}

/** What a field or some of its values need of the file's version: ` _(version 2)_`, `; "alb" needs version 2`. */
function versionDoc(f: FieldDecl): string {
  const since = f.since === undefined || f.since === 1 ? '' : ` _(version ${f.since})_`;
  const values = Object.entries(f.valuesSince ?? {})
    .map(([value, v]) => `; ${code(value)} needs version ${v}`)
    .join('');
  return `${values}${since}`;
}

function meaningDoc(f: FieldDecl): string {
  return `${meaningText(f)}${versionDoc(f)}`;
}

function meaningText(f: FieldDecl): string {
  const help = f.help ?? '';
  const join = (head: string) => (help === '' ? head : `${head}: ${help}`);
  switch (f.kind) {
    case 'number':
      return join([rangeDoc(f.range), f.unit, f.rangeNote].filter(Boolean).join(' '));
    case 'percent':
      return join(rangeDoc(f.range));
    case 'text':
      return join(`1–${n(f.maxLength)} characters`);
    case 'choice': {
      const values = f.options.map((o) => code(o.value));
      // Help that already names every value ("`static`: sized for …") is not preceded by the list.
      if (values.every((v) => help.includes(v))) return help;
      return join(
        values.length === 1
          ? values[0]!
          : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`,
      );
    }
    case 'boolean':
    case 'instanceType':
    case 'shape':
      return help;
  }
}

/** A markdown table laid out as Prettier lays it out (columns padded to their widest cell). */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(3, h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The markdown table of one group of fields. */
export function fieldTable(id: TableId): string {
  const spec: { prefix: string; required: boolean; skip?: string } = FIELD_TABLES.find((t) => t.id === id)!;
  const rows: string[][] = [];
  for (const [key, f] of Object.entries(PLAN_FIELDS) as [string, FieldDecl][]) {
    // The top table has the top-level fields only; the fields inside each are in their own table.
    const inTable = spec.prefix === '' ? !key.includes('.') : key.startsWith(spec.prefix);
    if (!inTable || (spec.skip !== undefined && key.startsWith(spec.skip))) continue;
    const name = `\`${key.slice(spec.prefix.length)}\``;
    rows.push(
      spec.required
        ? [name, typeDoc(f), f.required ? 'yes' : 'no', defaultDoc(f), meaningDoc(f)]
        : [name, typeDoc(f), defaultDoc(f), meaningDoc(f)],
    );
  }
  const head = spec.required
    ? ['field', 'type', 'required', 'default', 'range and meaning']
    : ['field', 'type', 'default', 'range and meaning'];
  return table(head, rows);
}

const MARK = /<!-- fields: (\w+), generated from src\/plan\/fields\.ts by scripts\/plan-fields-doc\.ts -->\n/;
const END = '<!-- end of fields -->';

/** The start mark of one generated table in the doc. */
export function startMark(id: TableId): string {
  return `<!-- fields: ${id}, generated from src/plan/fields.ts by scripts/plan-fields-doc.ts -->`;
}

/**
 * `doc` with every marked table replaced by the one the declarations give. Throws on a mark naming no table, a
 * missing end mark or a table with no mark, so a broken doc is noticed rather than silently left as it is.
 */
export function withFieldTables(doc: string): string {
  let out = '';
  let rest = doc;
  const seen = new Set<string>();
  for (let m = MARK.exec(rest); m !== null; m = MARK.exec(rest)) {
    const spec = FIELD_TABLES.find((t) => t.id === m![1]);
    if (spec === undefined) throw new Error(`docs: no field table "${m[1]}"`);
    const afterMark = m.index + m[0].length;
    const end = rest.indexOf(END, afterMark);
    if (end === -1) throw new Error(`docs: the field table "${spec.id}" has no end mark`);
    out += `${rest.slice(0, afterMark)}\n${fieldTable(spec.id)}\n\n`;
    rest = rest.slice(end);
    seen.add(spec.id);
  }
  const missing = FIELD_TABLES.filter((t) => !seen.has(t.id)).map((t) => t.id);
  if (missing.length > 0) throw new Error(`docs: no mark for the field tables ${missing.join(', ')}`);
  return out + rest;
}
