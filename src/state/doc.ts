// Pure helpers on plan documents (the plan-file JSON the user edits): path updates, new plans and services,
// scenario knobs and file names. The document is replaced wholesale on every edit, so undo keeps old versions.
import { NEW_PLAN_CATALOG_ID } from '../catalog/index.ts';
import {
  DEFAULT_HOURS_PER_MONTH,
  DEFAULT_SERVICE,
  STRATEGY_KEYS,
  type PlanIssue,
  type StrategyKey,
} from '../model/index.ts';
import { formatPath, PLAN_FORMAT, PLAN_VERSION } from '../plan/index.ts';
import { withNewPlanDefaults } from '../plan/new-plan.ts';
import { presetCurve } from '../curves/presets.ts';

export type Segment = string | number;
export type Path = readonly Segment[];
/** A plan document: JSON as in docs/plan-format.md (already validated or about to be). */
export type Doc = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function getAt(doc: unknown, path: Path): unknown {
  let cur: unknown = doc;
  for (const seg of path) {
    if (!isRecord(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return cur;
}

/**
 * A copy of `doc` with the value at `path` replaced (`undefined` removes an object key). Only the objects along the
 * path are copied; everything else is shared.
 */
export function setAt<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const base: unknown = doc;
  if (Array.isArray(base)) {
    const copy = base.slice();
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const obj: Record<string, unknown> = isRecord(base) ? { ...base } : {};
  const next = setAt(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj as T;
}

/**
 * `setAt(doc, path, undefined)` for an uncertainty range, then removes the range objects that leaves empty. An empty
 * range is not the same as none: a service's `"trafficRps": {}` reads as low 1 and high 1, so it would replace the
 * plan-wide range rather than take it (plan format `uncertainty`). Other objects keep today's behaviour.
 */
export function clearAt<T>(doc: T, path: Path): T {
  let next = setAt(doc, path, undefined);
  const from = path.indexOf('uncertainty');
  if (from < 0) return next;
  for (let end = path.length - 1; end > from; end -= 1) {
    const parent = getAt(next, path.slice(0, end));
    if (!isRecord(parent) || Object.keys(parent).length > 0) break;
    next = setAt(next, path.slice(0, end), undefined);
  }
  return next;
}

export function pathText(path: Path): string {
  return formatPath(path);
}

/** Issues grouped by their path text, so a field finds its own problems. */
export function issuesByPath(issues: readonly PlanIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) {
    const list = map.get(i.path) ?? [];
    list.push(i.message);
    map.set(i.path, list);
  }
  return map;
}

/** `base`, or `base 2`, `base 3` … whichever is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  const stem = base.replace(/ \d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem} ${n}`;
    if (!set.has(candidate)) return candidate;
  }
}

export function newService(name: string): Doc {
  return {
    name,
    trafficRps: presetCurve('evening-peak', 168, { by: 'peak', peakRps: 50 }),
    growthPerMonth: DEFAULT_SERVICE.growthPerMonth,
    cpuMsPerRequest: 20,
    durationMs: 60,
    memoryMiB: 512,
    minInstances: DEFAULT_SERVICE.minInstances,
    stateful: DEFAULT_SERVICE.stateful,
  };
}

/**
 * A new plan: no services, so nothing in it is a guess about the workload; the editor invites adding the first. Its
 * settings are the realistic new-plan defaults written out (src/plan/new-plan.ts), every strategy on equal terms.
 */
export function newPlanDoc(name: string): Doc {
  return withNewPlanDefaults({
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    name,
    hoursPerMonth: DEFAULT_HOURS_PER_MONTH,
    catalog: NEW_PLAN_CATALOG_ID,
    services: [],
  });
}

export function servicesOf(doc: unknown): Doc[] {
  const s = getAt(doc, ['services']);
  return Array.isArray(s) ? (s.filter(isRecord) as Doc[]) : [];
}

/** Moves services[from] to services[to]. */
export function moveService(doc: Doc, from: number, to: number): Doc {
  const list = servicesOf(doc).slice();
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return doc;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item!);
  return { ...doc, services: list };
}

export function duplicateService(doc: Doc, index: number): Doc {
  const list = servicesOf(doc).slice();
  const src = list[index];
  if (!src) return doc;
  const copy = structuredClone(src);
  copy.name = uniqueName(
    `${String(src.name)} copy`,
    list.map((s) => String(s.name)),
  );
  list.splice(index + 1, 0, copy);
  return { ...doc, services: list };
}

export function removeService(doc: Doc, index: number): Doc {
  const list = servicesOf(doc).slice();
  list.splice(index, 1);
  return { ...doc, services: list };
}

export function addService(doc: Doc, service: Doc): Doc {
  return { ...doc, services: [...servicesOf(doc), service] };
}

// The settings keys, from the strategy registry (src/model/registry.ts).
export { STRATEGY_KEYS, type StrategyKey };

export interface Knobs {
  /** Multiplies every hour of every service's traffic. */
  trafficFactor: number;
  /** Monthly growth set on every service (`null` = keep each service's own). */
  growthPerMonth: number | null;
  /** Discount per strategy (`null` = keep). */
  discounts: Partial<Record<StrategyKey, number | null>>;
  sharedHostInstanceType: string | null;
  vmInstanceType: string | null;
  clusterNodeType: string | null;
}

export const NO_KNOBS: Knobs = {
  trafficFactor: 1,
  growthPerMonth: null,
  discounts: {},
  sharedHostInstanceType: null,
  vmInstanceType: null,
  clusterNodeType: null,
};

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** A scenario's quick knobs applied to a plan document (the result is validated like any edit). */
export function applyKnobs(doc: Doc, knobs: Knobs): Doc {
  let out: Doc = doc;
  if (knobs.trafficFactor !== 1 || knobs.growthPerMonth !== null) {
    out = {
      ...out,
      services: servicesOf(out).map((s) => {
        const next: Doc = { ...s };
        if (knobs.trafficFactor !== 1 && Array.isArray(s.trafficRps)) {
          next.trafficRps = s.trafficRps.map((v: unknown) =>
            typeof v === 'number' ? round4(v * knobs.trafficFactor) : v,
          );
        }
        if (knobs.growthPerMonth !== null) next.growthPerMonth = knobs.growthPerMonth;
        return next;
      }),
    };
  }
  for (const key of STRATEGY_KEYS) {
    const d = knobs.discounts[key];
    if (d !== undefined && d !== null) out = setAt(out, ['strategies', key, 'discount'], d);
  }
  if (knobs.sharedHostInstanceType)
    out = setAt(out, ['strategies', 'sharedHost', 'instanceType'], knobs.sharedHostInstanceType);
  if (knobs.vmInstanceType)
    out = setAt(out, ['strategies', 'vmPerService', 'instanceType'], knobs.vmInstanceType);
  if (knobs.clusterNodeType)
    out = setAt(out, ['strategies', 'containerCluster', 'nodeType'], knobs.clusterNodeType);
  return out;
}

/** `food-delivery-platform-2026-11-22.csv`: the plan's name as a slug and the local date. */
export function exportFileName(
  planName: string,
  date: Date,
  extension: 'csv' | 'json' | 'html' | 'pdf',
): string {
  const slug =
    planName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'plan';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${slug}-${day}.${extension}`;
}

/** Reads a typed field: a number when the text is one, the text itself otherwise (so validation can say why). */
export function typedNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return t;
  const n = Number(t);
  return Number.isFinite(n) && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) ? n : text;
}
