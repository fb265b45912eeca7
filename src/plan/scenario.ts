// A scenario is its base plan plus a recorded list of changes (issue 9 §7): knobs over the whole plan (traffic ×1.5,
// growth for every service), plan settings (a strategy's discount, node type, scaling) and per-service overrides
// (a path and a value). The scenario's document is never edited on its own: it is `applyChanges(base, changes)`,
// so when the base changes the scenario follows it. An edit to the scenario's document becomes changes again
// (`changesFromEdit`), by comparing it with the base.
//
// Changes name services by their name in the base. A change whose service is no longer in the base (renamed or
// removed there) does not apply: it is reported as such and kept, never silently dropped; it applies again if the
// service comes back. Pure: plain JSON in, plain JSON out (documents need not be valid plans: a draft with problems
// is a scenario's document too).

import { bundledCatalog } from '../catalog/index.ts';
import { STRATEGY_KEYS, strategyEntry, strategyOfKey, type StrategyKey } from '../model/index.ts';
import { fieldKey, fieldsUnder, PLAN_FIELDS, type FieldDecl } from './fields.ts';

/** A strategy's settings key (`strategies.<key>`), from the registry. */
export type StrategySettingsKey = StrategyKey;

export type ScenarioChange =
  /** Every hour of every service's traffic multiplied (rounded to 4 decimals, as the knob always did). */
  | { kind: 'traffic'; factor: number }
  /** Every service's monthly growth set to this fraction. */
  | { kind: 'growth'; perMonth: number }
  /**
   * A plan-level setting: `['strategies', <strategy>, <field>]`, a field of a version 2 component
   * (`['resilience', 'zones']`, `['operations', 'hoursPerMonth', 'sharedHost']`), `['hoursPerMonth']` or
   * `['catalog']`. Without `value` the setting is removed (back to its default).
   */
  | { kind: 'setting'; path: string[]; value?: unknown }
  /**
   * One field of one service, named by its name in the base: `['memoryMiB']`, `['container', 'memoryMiB']`, the
   * whole `['trafficRps']` curve, or `['name']` (a rename). Without `value` the field is removed (its default).
   */
  | { kind: 'service'; service: string; path: string[]; value?: unknown }
  /** A service the base does not have. */
  | { kind: 'add-service'; service: Record<string, unknown> }
  /** A service of the base left out. */
  | { kind: 'remove-service'; service: string };

export interface ChangeOutcome {
  change: ScenarioChange;
  /** In words, e.g. "traffic ×1.5", "VM discount 30%", "checkout: memory 2048 MiB". */
  text: string;
  /** Why it did not apply (the base has no service by that name …); null when it applied. */
  notApplied: string | null;
}

export interface Resolved {
  /** The scenario's document: the base with the changes applied, named `name`. */
  doc: Record<string, unknown>;
  /** One entry per change, in the order applied. */
  outcomes: ChangeOutcome[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Equal as JSON; shared (unchanged) parts of an edited document are the same object, which is checked first. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function servicesOf(doc: unknown): Obj[] {
  const s = isObj(doc) ? doc.services : undefined;
  return Array.isArray(s) ? s.filter(isObj) : [];
}

const nameOf = (s: Obj): string => (typeof s.name === 'string' ? s.name : String(s.name));

function setIn(obj: Obj, path: readonly string[], value: unknown, remove: boolean): Obj {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const out: Obj = { ...obj };
  if (rest.length === 0) {
    if (remove) delete out[head];
    else out[head] = value;
    return out;
  }
  out[head] = setIn(isObj(out[head]) ? out[head] : {}, rest, value, remove);
  return out;
}

function getIn(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const seg of path) {
    if (!isObj(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Knobs over every service (traffic, growth): applied first, so per-service overrides are explicit values. */
function applyKnobs(services: Obj[], changes: readonly ScenarioChange[]): Obj[] {
  let factor = 1;
  let growth: number | null = null;
  for (const c of changes) {
    if (c.kind === 'traffic') factor = c.factor;
    else if (c.kind === 'growth') growth = c.perMonth;
  }
  if (factor === 1 && growth === null) return services;
  return services.map((s) => {
    const next: Obj = { ...s };
    if (factor !== 1 && Array.isArray(s.trafficRps)) {
      next.trafficRps = s.trafficRps.map((v: unknown) => (typeof v === 'number' ? round4(v * factor) : v));
    }
    if (growth !== null) next.growthPerMonth = growth;
    return next;
  });
}

/**
 * The scenario's document: `base` with `changes` applied, named `name` (the scenario's own name). Always in the
 * same order, whatever the list's order: knobs, then settings, then per-service overrides and renames (by base
 * name), then removals, then additions; services keep the base's order.
 */
export function applyChanges(base: unknown, changes: readonly ScenarioChange[], name?: string): Resolved {
  const baseObj: Obj = isObj(base) ? base : {};
  let doc: Obj = { ...baseObj };
  if (name !== undefined) doc.name = name;
  const notApplied = new Map<ScenarioChange, string>();

  for (const c of changes) {
    if (c.kind === 'setting') doc = setIn(doc, c.path, c.value, !('value' in c));
  }

  const baseServices = servicesOf(baseObj);
  const services = applyKnobs(baseServices, changes);
  const index = new Map<string, number>();
  baseServices.forEach((s, i) => {
    if (!index.has(nameOf(s))) index.set(nameOf(s), i);
  });
  const missing = (service: string) => `“${service}” is no longer in the base plan`;
  const removed = new Set<number>();
  for (const c of changes) {
    if (c.kind !== 'service' && c.kind !== 'remove-service') continue;
    const i = index.get(c.service);
    if (i === undefined) {
      notApplied.set(c, missing(c.service));
      continue;
    }
    if (c.kind === 'remove-service') removed.add(i);
    else services[i] = setIn(services[i]!, c.path, c.value, !('value' in c));
  }
  let out = services.filter((_, i) => !removed.has(i));
  for (const c of changes) {
    if (c.kind !== 'add-service') continue;
    const added = nameOf(c.service);
    if (out.some((s) => nameOf(s) === added)) {
      notApplied.set(c, `the base plan now has a service named “${added}”`);
      continue;
    }
    out.push(c.service);
  }
  // A scenario in another catalog (issue 13 §4: a plan compared under AWS, GCP and Azure) takes that catalog's
  // defaults for whatever names the base catalog's products.
  if (!sameJson(doc.catalog, baseObj.catalog)) {
    const adapted = followCatalog(doc, out);
    doc = adapted.doc;
    out = adapted.services;
  }
  if (Array.isArray(baseObj.services) || out.length > 0) doc.services = out;

  return {
    doc,
    outcomes: changes.map((change) => ({
      change,
      text: describeChange(change),
      notApplied: notApplied.get(change) ?? null,
    })),
  };
}

/** The reservation formula of each cloud's managed Kubernetes: a scenario in another cloud's catalog drops it. */
const RESERVATION_PROVIDER: Record<string, string> = { eks: 'aws', gke: 'gcp', aks: 'azure' };

/**
 * The document in its catalog's terms (issue 13 §4): each instance or node type setting the catalog does not have
 * (a base plan's `m6i.xlarge` in a scenario on GCP) is removed, so the catalog's own default applies
 * (`strategyDefaults`); so is a reservation formula of another cloud (`eks` on GCP) and a service's VM type the
 * catalog lacks. A setting the catalog has is kept. Only for a bundled catalog or an inline one with instance types;
 * an unknown catalog id is left for the plan's checks to report.
 */
function followCatalog(doc: Obj, services: Obj[]): { doc: Obj; services: Obj[] } {
  const c = doc.catalog;
  const catalog = typeof c === 'string' ? bundledCatalog(c) : isObj(c) ? c : undefined;
  const types = catalog && Array.isArray(catalog.instanceTypes) ? catalog.instanceTypes : null;
  if (!catalog || !types) return { doc, services };
  const names = new Set(types.map((t: unknown) => (isObj(t) ? t.name : undefined)));
  const provider = typeof catalog.provider === 'string' ? catalog.provider : 'aws';
  const stale = (v: unknown, auto = false): boolean =>
    typeof v === 'string' && !(auto && v === 'auto') && !names.has(v);
  let out = doc;
  const strategies = isObj(out.strategies) ? out.strategies : {};
  const drop = (path: string[]) => (out = setIn(out, path, undefined, true));
  if (stale(own(strategies.sharedHost, 'instanceType'))) drop(['strategies', 'sharedHost', 'instanceType']);
  if (stale(own(strategies.vmPerService, 'instanceType'), true))
    drop(['strategies', 'vmPerService', 'instanceType']);
  if (stale(own(strategies.containerCluster, 'nodeType')))
    drop(['strategies', 'containerCluster', 'nodeType']);
  const reservation = own(strategies.containerCluster, 'reservation');
  if (typeof reservation === 'string' && (RESERVATION_PROVIDER[reservation] ?? provider) !== provider)
    drop(['strategies', 'containerCluster', 'reservation']);
  // A service's Arm choice (`serverless.architecture`, which VM per service's "auto" follows) means nothing in a
  // catalog without Arm types (and Cloud Run functions and Azure Functions have no architecture to choose).
  const arm = types.some((t: unknown) => isObj(t) && typeArchitecture(t) === 'arm64');
  return {
    doc: out,
    services: services.map((sv) => {
      let next = stale(sv.vmInstanceType) ? setIn(sv, ['vmInstanceType'], undefined, true) : sv;
      if (!arm && own(next.serverless, 'architecture') === 'arm64')
        next = setIn(next, ['serverless', 'architecture'], undefined, true);
      return next;
    }),
  };
}

/** A catalog entry's architecture as the engine reads it (vm-per-service.ts `typeArchitecture`), from plain JSON. */
function typeArchitecture(t: Obj): string {
  if (typeof t.architecture === 'string') return t.architecture;
  return typeof t.name === 'string' && /^[a-z]+\d+g[a-z]*\./.test(t.name) ? 'arm64' : 'x86_64';
}

function own(o: unknown, key: string): unknown {
  return isObj(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Top-level fields that are not settings: the file's identity, the name (the scenario's own) and the services. */
const NOT_SETTINGS = new Set(['format', 'version', 'name', 'services']);

/**
 * Groups of settings recorded field by field: `strategies`, each strategy, and every declared object with declared
 * fields (the version 2 components, `operations.hoursPerMonth`), so a scenario that changes the zones records the
 * zones, not the whole `resilience` object, and follows the base's other fields.
 */
function isGroup(path: readonly string[]): boolean {
  return (path.length === 1 && path[0] === 'strategies') || fieldsUnder(path.join('.')).length > 0;
}

/** Plan-level leaves: each field of a group one by one (an empty group is a leaf), every other field whole. */
function settingLeaves(doc: Obj): Map<string, { path: string[]; value: unknown }> {
  const out = new Map<string, { path: string[]; value: unknown }>();
  const visit = (path: string[], value: unknown) => {
    // An empty group is a leaf of its own, so `{}` and no group at all differ.
    if (isGroup(path) && isObj(value) && Object.keys(value).length > 0) {
      for (const [field, v] of Object.entries(value)) visit([...path, field], v);
    } else out.set(path.join('.'), { path, value });
  };
  for (const [key, value] of Object.entries(doc)) {
    if (!NOT_SETTINGS.has(key)) visit([key], value);
  }
  return out;
}

/** Per-service fields: top-level ones whole, and `container.*` / `serverless.*` one by one. */
function serviceLeaves(s: Obj): Map<string, { path: string[]; value: unknown }> {
  const out = new Map<string, { path: string[]; value: unknown }>();
  for (const [key, value] of Object.entries(s)) {
    if (key === 'name') continue;
    if ((key === 'container' || key === 'serverless') && isObj(value) && Object.keys(value).length > 0) {
      for (const [field, v] of Object.entries(value))
        out.set(`${key}.${field}`, { path: [key, field], value: v });
    } else out.set(key, { path: [key], value });
  }
  return out;
}

/**
 * The leaves of `to` that differ from `from`, as [path, value]; no value: removed in `toObj` (the document `to`
 * was read from), at the outermost group that is gone, so applying them rebuilds `toObj` exactly.
 */
function diffLeaves(
  from: Map<string, { path: string[]; value: unknown }>,
  to: Map<string, { path: string[]; value: unknown }>,
  toObj: Obj,
): { path: string[]; value?: unknown }[] {
  const out: { path: string[]; value?: unknown }[] = [];
  for (const [key, leaf] of to) {
    const before = from.get(key);
    if (!before || !sameJson(before.value, leaf.value)) out.push({ path: leaf.path, value: leaf.value });
  }
  const gone = new Set<string>();
  for (const [key, leaf] of from) {
    // Still there as a group of fields (`{}` became `{ memoryMiB }`): its fields were set above.
    if (to.has(key) || getIn(toObj, leaf.path) !== undefined) continue;
    let i = 1;
    while (i < leaf.path.length && getIn(toObj, leaf.path.slice(0, i)) !== undefined) i++;
    const path = leaf.path.slice(0, i);
    if (gone.has(path.join('.'))) continue;
    gone.add(path.join('.'));
    out.push({ path });
  }
  return out;
}

/**
 * The changes that turn `base` into `edited`: the knobs of `previous` (traffic, growth) are kept, every other
 * difference is recorded as a setting or a per-service override. Changes of `previous` that do not apply to this
 * base (their service is not in it) are kept as they are. Service order is not a change: services follow the base.
 */
export function changesFromEdit(
  base: unknown,
  previous: readonly ScenarioChange[],
  edited: unknown,
): ScenarioChange[] {
  const baseObj: Obj = isObj(base) ? base : {};
  const editedObj: Obj = isObj(edited) ? edited : {};
  const out: ScenarioChange[] = previous.filter((c) => c.kind === 'traffic' || c.kind === 'growth');

  for (const d of diffLeaves(settingLeaves(baseObj), settingLeaves(editedObj), editedObj)) {
    out.push({ kind: 'setting', ...d });
  }

  const baseServices = servicesOf(baseObj);
  const baseNames = new Set(baseServices.map(nameOf));
  // Kept: overrides of services this base does not have (reported as not applying until they come back).
  for (const c of previous) {
    if ((c.kind === 'service' || c.kind === 'remove-service') && !baseNames.has(c.service)) out.push(c);
  }

  const knobbed = applyKnobs(baseServices, previous);
  const editedServices = servicesOf(editedObj);
  const editedNames = new Set(editedServices.map(nameOf));
  const byName = new Map<string, number>();
  knobbed.forEach((s, i) => {
    if (!byName.has(nameOf(s))) byName.set(nameOf(s), i);
  });
  const matched = new Set<number>();
  const unmatched: { s: Obj; at: number }[] = [];
  editedServices.forEach((s, at) => {
    const i = byName.get(nameOf(s));
    if (i !== undefined && !matched.has(i)) matched.add(i);
    else unmatched.push({ s, at });
  });
  // A renamed service: an edited service with a new name at the place of a base service whose name is gone (what
  // an edit of the name field does). Anything else new is an added service.
  const pairs = new Map<number, Obj>();
  const added: Obj[] = [];
  for (const { s, at } of unmatched) {
    const k = knobbed[at];
    if (k && !matched.has(at) && !editedNames.has(nameOf(k))) {
      matched.add(at);
      pairs.set(at, s);
    } else added.push(s);
  }
  knobbed.forEach((k, i) => {
    const service = nameOf(k);
    const e =
      pairs.get(i) ?? (matched.has(i) ? editedServices.find((s) => nameOf(s) === service) : undefined);
    if (!e) {
      out.push({ kind: 'remove-service', service });
      return;
    }
    if (e === k) return;
    for (const d of diffLeaves(serviceLeaves(k), serviceLeaves(e), e))
      out.push({ kind: 'service', service, ...d });
    if (nameOf(e) !== service) out.push({ kind: 'service', service, path: ['name'], value: e.name });
  });
  for (const s of added) out.push({ kind: 'add-service', service: s });
  return out;
}

/**
 * The knobs set in place of those in `changes` (`null` removes the knob, `undefined` keeps it); every other change is
 * kept. A setting in `settings` replaces any earlier change of that setting; one without a value, or with the base's
 * value, removes it (the scenario has the base's setting again).
 */
export function withKnobs(
  base: unknown,
  changes: readonly ScenarioChange[],
  knobs: {
    trafficFactor?: number | null;
    growthPerMonth?: number | null;
    settings?: { path: string[]; value?: unknown }[];
  },
): ScenarioChange[] {
  let out = changes.slice();
  if (knobs.trafficFactor !== undefined) {
    out = out.filter((c) => c.kind !== 'traffic');
    if (knobs.trafficFactor !== null && knobs.trafficFactor !== 1)
      out.unshift({ kind: 'traffic', factor: knobs.trafficFactor });
  }
  if (knobs.growthPerMonth !== undefined) {
    out = out.filter((c) => c.kind !== 'growth');
    if (knobs.growthPerMonth !== null) {
      const at = out.findIndex((c) => c.kind !== 'traffic');
      out.splice(at < 0 ? out.length : at, 0, { kind: 'growth', perMonth: knobs.growthPerMonth });
    }
  }
  for (const s of knobs.settings ?? []) {
    const key = s.path.join('.');
    out = out.filter((c) => !(c.kind === 'setting' && c.path.join('.') === key));
    if ('value' in s && !sameJson(getIn(base, s.path), s.value)) {
      out.push({ kind: 'setting', path: s.path, value: s.value });
    }
  }
  return canonicalOrder(out);
}

const ORDER: Record<ScenarioChange['kind'], number> = {
  traffic: 0,
  growth: 1,
  setting: 2,
  'remove-service': 3,
  service: 3,
  'add-service': 4,
};

/** Knobs first, then settings, then services (a stable sort: the order within a group is kept). */
export function canonicalOrder(changes: readonly ScenarioChange[]): ScenarioChange[] {
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => ORDER[a.c.kind] - ORDER[b.c.kind] || a.i - b.i)
    .map((x) => x.c);
}

// ---------- in words ----------

/** How a sentence names a strategy's settings ("VM discount 30%"): the registry's word for it. */
const STRATEGY_WORDS = Object.fromEntries(
  STRATEGY_KEYS.map((k) => [k, strategyEntry(strategyOfKey(k)).settingsWord]),
) as Record<StrategySettingsKey, string>;

/** `1.5`, `0.25`, `2048`: at most four decimals, no trailing zeros, no grouping (read in a sentence). */
function n(v: number): string {
  return String(Number(v.toFixed(4)));
}

function pct(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${n(v * 100)}%` : shown(v);
}

/** A value as typed, for a value of the wrong kind (a draft): numbers plain, text quoted. */
function shown(v: unknown): string {
  if (typeof v === 'number') return n(v);
  if (typeof v === 'string') return `“${v}”`;
  const json = JSON.stringify(v) ?? 'nothing';
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

function unit(v: unknown, u: string): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${n(v)} ${u}` : shown(v);
}

const SETTING_FIELDS: Record<string, (v: unknown) => string> = {
  discount: (v) => `discount ${pct(v)}`,
  targetUtilization: (v) => `target utilization ${pct(v)}`,
  overprovisioning: (v) => `overprovisioning ${pct(v)}`,
  instanceType: (v) =>
    v === 'auto' ? 'instance type auto (cheapest per service)' : `instance type ${shown(v)}`,
  nodeType: (v) => `node type ${shown(v)}`,
  scaling: (v) => `scaling ${typeof v === 'string' ? v : shown(v)}`,
  minHosts: (v) => `at least ${shown(v)} hosts`,
  reservation: (v) => `kube-reserved ${typeof v === 'string' ? v : shown(v)}`,
  daemonSetCpuMillicores: (v) => `daemon sets ${unit(v, 'mCPU')} per node`,
  daemonSetMemoryMiB: (v) => `daemon sets ${unit(v, 'MiB')} per node`,
  daemonSetPods: (v) => `${shown(v)} DaemonSet pods per node`,
  controlPlaneHourly: (v) => `control plane ${shown(v)} an hour`,
  freeTier: (v) => (v === true ? 'free tier on' : v === false ? 'free tier off' : `free tier ${shown(v)}`),
  apiGateway: (v) => `front door: ${choiceWords('strategies.serverless.apiGateway', v)}`,
  scaleAheadHours: (v) => (v === 1 ? 'scaling 1 hour ahead' : `scaling ${shown(v)} hours ahead`),
  inVpc: (v) => (v === true ? 'in the VPC' : v === false ? 'outside the VPC' : `in the VPC ${shown(v)}`),
  fallback: (v) => `services it cannot run: ${choiceWords('strategies.serverless.fallback', v)}`,
};

/** "Availability zones" → "availability zones" inside a sentence; a name ("Application Load Balancer", "NAT") stays. */
const lowerFirst = (t: string) =>
  /^[A-Z][a-z]*( [a-z(]|$)/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;

/** A choice's value in the editor's words (fields.ts), lower-cased: `"vmPerService"` → "on their own VMs". */
function choiceWords(key: string, v: unknown): string {
  const f = (PLAN_FIELDS as Record<string, FieldDecl>)[key];
  const option = f?.kind === 'choice' ? f.options.find((o) => o.value === v) : undefined;
  return option ? lowerFirst(option.label) : shown(v);
}

/**
 * A declared field set to a value, in the words of its declaration (fields.ts: label, unit, percent, options): any
 * setting without wording of its own above reads as the editor shows it, "availability zones 2", "load balancer:
 * application Load Balancer (ALB)", so a field declared later is worded with no change here.
 */
function declaredWords(path: readonly string[], v: unknown): string | null {
  const key = fieldKey(path);
  const f = (PLAN_FIELDS as Record<string, FieldDecl>)[key];
  if (f === undefined) return null;
  // A unit or period in the label ("Root volume (GiB)") is said with the value instead.
  const label = lowerFirst(f.label.replace(/ \([^)]*\)$/, ''));
  switch (f.kind) {
    case 'percent':
      return `${label} ${pct(v)}`;
    case 'number':
      if (path[0] === 'operations' && path[1] === 'hoursPerMonth')
        return `${label} ${unit(v, 'person-hours a month')}`;
      return `${label} ${f.unit ? unit(v, f.unit) : shown(v)}`;
    case 'boolean':
      return `${label} ${v === true ? 'on' : v === false ? 'off' : shown(v)}`;
    case 'choice':
      return `${label}: ${choiceWords(key, v)}`;
    default:
      return `${label} ${shown(v)}`;
  }
}

function curvePeak(v: unknown): string {
  if (!Array.isArray(v)) return shown(v);
  const nums = v.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return nums.length === 0 ? 'a new traffic curve' : `traffic curve, peak ${n(Math.max(...nums))} req/s`;
}

const SERVICE_FIELDS: Record<string, (v: unknown) => string> = {
  trafficRps: curvePeak,
  growthPerMonth: (v) => `growth ${pct(v)} a month`,
  cpuMsPerRequest: (v) => `CPU ${unit(v, 'ms')} per request`,
  durationMs: (v) => `duration ${unit(v, 'ms')}`,
  memoryMiB: (v) => `memory ${unit(v, 'MiB')}`,
  minInstances: (v) => `at least ${shown(v)} instances`,
  stateful: (v) => (v === true ? 'stateful' : v === false ? 'stateless' : `stateful ${shown(v)}`),
  vmInstanceType: (v) => (v === null ? 'VM type from the strategy' : `VM type ${shown(v)}`),
  'container.cpuMillicores': (v) => `pod CPU ${unit(v, 'mCPU')}`,
  'container.memoryMiB': (v) => `pod memory ${unit(v, 'MiB')}`,
  'serverless.memoryMiB': (v) =>
    v === 'auto'
      ? 'Lambda memory auto (the least that does not stretch its CPU time)'
      : `Lambda memory ${unit(v, 'MiB')}`,
  'serverless.architecture': (v) => `Lambda on ${typeof v === 'string' ? v : shown(v)}`,
  'serverless.ephemeralStorageMiB': (v) => `Lambda storage ${unit(v, 'MiB')}`,
  'serverless.provisionedConcurrency': (v) =>
    Array.isArray(v) ? 'provisioned concurrency by the hour' : `provisioned concurrency ${shown(v)}`,
};

const SETTING_LABELS: Record<string, string> = {
  hoursPerMonth: 'hours per month',
  catalog: 'price catalog',
};

/** One change in words: "traffic ×1.5", "VM discount 30%", "checkout: memory 2048 MiB". */
export function describeChange(c: ScenarioChange): string {
  switch (c.kind) {
    case 'traffic':
      return `traffic ×${n(c.factor)}`;
    case 'growth':
      return `growth ${pct(c.perMonth)} a month, every service`;
    case 'add-service':
      return `adds the service “${nameOf(c.service)}”`;
    case 'remove-service':
      return `leaves out the service “${c.service}”`;
    case 'setting': {
      const has = 'value' in c;
      const [head, strategy, field] = c.path;
      const declared = (PLAN_FIELDS as Record<string, FieldDecl>)[fieldKey(c.path)];
      if (head === 'strategies' && strategy !== undefined && field !== undefined) {
        const who = STRATEGY_WORDS[strategy as StrategySettingsKey] ?? strategy;
        if (!has) return `${who} ${declared ? lowerFirst(declared.label) : field} back to its default`;
        const say = SETTING_FIELDS[field];
        const words = say ? say(c.value) : declaredWords(c.path, c.value);
        return `${who} ${words ?? `${field} ${shown(c.value)}`}`;
      }
      const label =
        SETTING_LABELS[c.path.join('.')] ?? (declared ? lowerFirst(declared.label) : c.path.join('.'));
      if (!has) return `${label} back to its default`;
      if (head === 'catalog')
        return isObj(c.value) ? 'a custom price catalog' : `price catalog ${shown(c.value)}`;
      if (SETTING_LABELS[c.path.join('.')] === undefined) {
        const words = declaredWords(c.path, c.value);
        if (words !== null) return words;
      }
      return `${label} ${shown(c.value)}`;
    }
    case 'service': {
      const key = c.path.join('.');
      if (key === 'name') return `“${c.service}” renamed to ${shown(c.value)}`;
      if (!('value' in c)) return `${c.service}: ${key} back to its default`;
      const say = SERVICE_FIELDS[key];
      return `${c.service}: ${say ? say(c.value) : `${key} ${shown(c.value)}`}`;
    }
  }
}

// ---------- stored form ----------

const KINDS = new Set<string>(['traffic', 'growth', 'setting', 'service', 'add-service', 'remove-service']);
const MAX_CHANGES = 10_000;
const MAX_PATH = 4;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500;
const isPath = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.length <= MAX_PATH && v.every(isText);

/**
 * Problems with a stored list of changes, each with its path (`changes[2].factor: must be a number > 0 …`). The
 * values of overrides are only checked to be there (they are checked as part of the plan once applied; a draft's
 * may be anything typed); the store checks they are JSON.
 */
export function changesIssues(v: unknown, at = 'changes'): { path: string; message: string }[] {
  if (!Array.isArray(v)) return [{ path: at, message: 'must be a list of changes' }];
  if (v.length > MAX_CHANGES) return [{ path: at, message: `must have at most ${MAX_CHANGES} changes` }];
  const issues: { path: string; message: string }[] = [];
  v.forEach((c: unknown, i) => {
    const p = `${at}[${i}]`;
    if (!isObj(c) || typeof c.kind !== 'string' || !KINDS.has(c.kind)) {
      issues.push({
        path: `${p}.kind`,
        message: `must be one of ${[...KINDS].map((k) => `"${k}"`).join(', ')}`,
      });
      return;
    }
    const allowed: Record<string, string[]> = {
      traffic: ['kind', 'factor'],
      growth: ['kind', 'perMonth'],
      setting: ['kind', 'path', 'value'],
      service: ['kind', 'service', 'path', 'value'],
      'add-service': ['kind', 'service'],
      'remove-service': ['kind', 'service'],
    };
    for (const key of Object.keys(c)) {
      if (!allowed[c.kind]!.includes(key))
        issues.push({ path: `${p}.${key}`, message: 'is not a field of this change' });
    }
    switch (c.kind) {
      case 'traffic':
        if (typeof c.factor !== 'number' || !(c.factor >= 0 && c.factor <= 1000))
          issues.push({ path: `${p}.factor`, message: 'must be a number >= 0 and <= 1000' });
        break;
      case 'growth':
        if (typeof c.perMonth !== 'number' || !(c.perMonth >= -0.99 && c.perMonth <= 10))
          issues.push({ path: `${p}.perMonth`, message: 'must be a number >= -0.99 and <= 10' });
        break;
      case 'setting':
      case 'service':
        if (!isPath(c.path))
          issues.push({ path: `${p}.path`, message: `must be a list of 1 to ${MAX_PATH} field names` });
        if (c.kind === 'service' && !isText(c.service))
          issues.push({ path: `${p}.service`, message: 'must be a service name' });
        break;
      case 'add-service':
        if (!isObj(c.service))
          issues.push({ path: `${p}.service`, message: 'must be a service (an object)' });
        break;
      case 'remove-service':
        if (!isText(c.service)) issues.push({ path: `${p}.service`, message: 'must be a service name' });
        break;
    }
  });
  return issues;
}
