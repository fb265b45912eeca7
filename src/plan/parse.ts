// Plan file → validated, resolved Plan (the engine's input), or every problem with its path. The one source of truth
// for validation: the CLI, the UI's import, its edits and its restores all come through here. Never throws on bad
// input.
import type * as z from 'zod';
import { bundledCatalog, BUNDLED_CATALOGS } from '../catalog/index.ts';
import { utf8ByteLength } from '../limits/files.ts';
import {
  COMPONENTS_OFF,
  DEFAULT_HOURS_PER_MONTH,
  DEFAULT_LATENCY,
  DEFAULT_STRATEGIES,
  packedCopy,
  podMillicoresFor,
  resolveStrategies,
  serviceWithDefaults,
  V1_POD_MILLICORES,
  type Catalog,
  type ContainerServicePrices,
  type ContainerServiceRates,
  type LatencyTarget,
  type FargatePrices,
  type Plan,
  type PlanIssue,
  type Service,
  type Tier,
  type Uncertainty,
  UNCERTAIN_INPUTS,
} from '../model/index.ts';
import { formatPath, readStrictJson, ROOT, shorten } from './json.ts';

export { formatPath };
import { VERSION_GATES, type VersionGate } from './fields.ts';
import {
  isPlanVersion,
  PLAN_FORMAT,
  PLAN_LIMITS,
  PLAN_VERSION,
  PLAN_VERSIONS,
  type PlanVersion,
} from './limits.ts';
import { planFileSchema, type PlanFile } from './schema.ts';

export type ParseResult = { ok: true; plan: Plan; file: PlanFile } | { ok: false; issues: PlanIssue[] };

/** `services[2].trafficRps[30]: must be a number >= 0` (a root problem reads `(plan): …`). */
export function formatIssue(issue: PlanIssue): string {
  return `${issue.path}: ${issue.message}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An own property only: never reads through the prototype (`constructor`, `__proto__`). */
const own = (o: unknown, key: string): unknown =>
  isObj(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;

// ---------------------------------------------------------------------------------------------------------------
// Size and shape guard, before any schema work: depth, total size, list lengths (also catches cycles).

function guard(input: unknown): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: input, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    count += 1;
    if (count > PLAN_LIMITS.maxValues) {
      return [
        { path: ROOT, message: `the file holds more than ${PLAN_LIMITS.maxValues} values; it is too large` },
      ];
    }
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= PLAN_LIMITS.maxDepth) {
      return [{ path: formatPath(path), message: `nested more than ${PLAN_LIMITS.maxDepth} levels deep` }];
    }
    if (Array.isArray(v)) {
      if (v.length > PLAN_LIMITS.maxListLength) {
        issues.push({
          path: formatPath(path),
          message: `has ${v.length} items; at most ${PLAN_LIMITS.maxListLength}`,
        });
        continue;
      }
      for (let i = 0; i < v.length; i += 1) stack.push({ v: v[i], path: [...path, i] });
    } else {
      for (const key of Object.keys(v)) stack.push({ v: (v as Obj)[key], path: [...path, key] });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------------------------
// zod issues → our wording. Schema-level messages (ranges, enums) are ours already; this gives the rest.

type RawIssue = z.core.$ZodRawIssue;

function fallbackMessage(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      const expected = String(iss.expected);
      if (expected === 'object') return 'must be an object';
      if (expected === 'array') return 'must be a list';
      if (expected === 'string') return 'must be text';
      if (expected === 'boolean') return 'must be true or false';
      if (expected === 'number') return 'must be a number';
      if (expected === 'int') return 'must be a whole number';
      return `must be ${expected}`;
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string')
        return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (iss.origin === 'array') return `must have at least ${min} items`;
      return `must be ${iss.inclusive ? '>=' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `must be at most ${max} characters`;
      if (iss.origin === 'array') return `must have at most ${max} items`;
      return `must be ${iss.inclusive ? '<=' : '<'} ${max}`;
    }
    case 'invalid_value':
      return iss.values.length === 1
        ? `must be ${JSON.stringify(iss.values[0])}`
        : `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return iss.input === undefined ? 'is required' : 'is not valid';
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return 'is not valid';
  }
}

function fromZod(issues: readonly z.core.$ZodIssue[], base: PropertyKey[], out: PlanIssue[]): void {
  for (const iss of issues) {
    const path = [...base, ...iss.path];
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
    } else if (iss.code === 'invalid_union') {
      // Report the branch that matches the value's kind (a list for a curve, an object for a catalog) when exactly
      // one does; otherwise the union's own message says what is allowed.
      const matching = iss.errors.filter(
        (branch) => !branch.some((b) => b.path.length === 0 && b.code === 'invalid_type'),
      );
      if (matching.length === 1) fromZod(matching[0]!, path, out);
      else out.push({ path: formatPath(path), message: iss.message });
    } else {
      out.push({ path: formatPath(path), message: iss.message });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules beyond the schema: unique names, tier order, references into the catalog. They read the raw value
// defensively, so they report alongside schema problems rather than after them.

function tierProblems(tiers: unknown, path: string, out: PlanIssue[]): void {
  if (!Array.isArray(tiers) || tiers.length === 0) return;
  let prev = 0;
  tiers.forEach((t, i) => {
    const upTo = own(t, 'upTo');
    const last = i === tiers.length - 1;
    if (upTo === null && !last) {
      out.push({ path: `${path}[${i}].upTo`, message: 'only the last tier may have upTo null (no end)' });
    } else if (upTo !== null && last && (typeof upTo === 'number' || upTo === undefined)) {
      out.push({ path: `${path}[${i}].upTo`, message: 'the last tier must have upTo null (no end)' });
    } else if (typeof upTo === 'number' && Number.isFinite(upTo)) {
      if (upTo <= prev) {
        out.push({
          path: `${path}[${i}].upTo`,
          message: `must be greater than the previous tier's upTo (${prev})`,
        });
      }
      prev = Math.max(prev, upTo);
    }
  });
}

/**
 * A catalog's memory → vCPU table (issue 13 §1): needed when duration is priced per vCPU-second (else a function's
 * vCPU would be a guess), and in increasing memory (the first row at or above a function's memory is its vCPU).
 */
function vcpuTableProblems(serverless: unknown, out: PlanIssue[]): void {
  const table = own(serverless, 'vcpuByMemory');
  if (own(serverless, 'vcpuSecond') !== undefined && table === undefined) {
    out.push({
      path: 'catalog.serverless.vcpuByMemory',
      message: 'is needed with serverless.vcpuSecond (the vCPU a function gets at each memory size)',
    });
  }
  if (!Array.isArray(table)) return;
  let prev: number | null = null;
  table.forEach((row, i) => {
    const m = own(row, 'memoryMiB');
    if (typeof m !== 'number' || !Number.isFinite(m)) return;
    if (prev !== null && m <= prev) {
      out.push({
        path: `catalog.serverless.vcpuByMemory[${i}].memoryMiB`,
        message: `must be greater than the previous row’s memoryMiB (${prev})`,
      });
    }
    prev = m;
  });
}

function dangerousKeys(v: unknown, path: PropertyKey[], out: PlanIssue[]): void {
  // Catalog objects allow extra fields; these names would reach an object's prototype when copied.
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v, path }];
  while (stack.length > 0) {
    const { v: cur, path: p } = stack.pop()!;
    if (Array.isArray(cur)) cur.forEach((x, i) => stack.push({ v: x, path: [...p, i] }));
    else if (isObj(cur)) {
      for (const key of Object.keys(cur)) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
          out.push({ path: formatPath([...p, key]), message: 'field name not allowed' });
        } else stack.push({ v: cur[key], path: [...p, key] });
      }
    }
  }
}

/** The catalog the plan refers to (bundled or inline, whatever its validity), for reference checks. */
function crossChecks(raw: Obj, out: PlanIssue[]): Catalog | undefined {
  const rawCatalog = own(raw, 'catalog');
  let catalog: { id: string; names: Set<string> } | undefined;
  let bundled: Catalog | undefined;
  if (typeof rawCatalog === 'string' && rawCatalog.length > 0) {
    bundled = bundledCatalog(rawCatalog);
    if (bundled === undefined) {
      const known = [...BUNDLED_CATALOGS.keys()].map((k) => `"${k}"`).join(', ');
      out.push({
        path: 'catalog',
        message: `"${shorten(rawCatalog)}" is not a bundled catalog (bundled: ${known}); give its id or a whole catalog object`,
      });
    } else {
      catalog = { id: bundled.id, names: new Set(bundled.instanceTypes.map((t) => t.name)) };
    }
  } else if (isObj(rawCatalog)) {
    dangerousKeys(rawCatalog, ['catalog'], out);
    const types = own(rawCatalog, 'instanceTypes');
    const names = new Set<string>();
    const id = own(rawCatalog, 'id');
    if (Array.isArray(types)) {
      catalog = { id: typeof id === 'string' ? id : '(inline)', names };
      const first = new Map<string, number>();
      types.forEach((t, i) => {
        const n = own(t, 'name');
        if (typeof n !== 'string') return;
        const seen = first.get(n);
        if (seen !== undefined) {
          out.push({
            path: `catalog.instanceTypes[${i}].name`,
            message: `"${shorten(n)}" is also the name of catalog.instanceTypes[${seen}]`,
          });
        } else first.set(n, i);
        names.add(n);
      });
    }
    const sl = own(rawCatalog, 'serverless');
    for (const arch of ['x86_64', 'arm64']) {
      tierProblems(own(own(sl, 'gbSecond'), arch), `catalog.serverless.gbSecond.${arch}`, out);
    }
    tierProblems(own(sl, 'vcpuSecond'), 'catalog.serverless.vcpuSecond', out);
    vcpuTableProblems(sl, out);
    const gw = own(rawCatalog, 'apiGateway');
    for (const kind of ['http', 'rest']) tierProblems(own(gw, kind), `catalog.apiGateway.${kind}`, out);
  }

  const services = own(raw, 'services');
  if (Array.isArray(services)) {
    const first = new Map<string, number>();
    services.forEach((s, i) => {
      const n = own(s, 'name');
      if (typeof n !== 'string') return;
      const seen = first.get(n);
      if (seen !== undefined) {
        out.push({
          path: `services[${i}].name`,
          message: `"${shorten(n)}" is also the name of services[${seen}]`,
        });
      } else first.set(n, i);
    });
  }

  // Issue 10 §3: surviving the loss of a zone needs a second zone (zones absent = 1).
  const resilience = own(raw, 'resilience');
  const zones = own(resilience, 'zones');
  if (
    own(resilience, 'surviveZoneLoss') === true &&
    (zones === undefined || (typeof zones === 'number' && zones < 2))
  ) {
    out.push({
      path: 'resilience.surviveZoneLoss',
      message: 'surviving the loss of a zone needs at least 2 zones; set resilience.zones to 2 or more',
    });
  }

  if (catalog !== undefined) {
    const cat = catalog;
    const ref = (value: unknown, path: string, allowAuto = false, isDefault = false) => {
      if (typeof value !== 'string' || value.length === 0) return;
      if (allowAuto && value === 'auto') return;
      if (!cat.names.has(value)) {
        const what = isDefault ? `is not set, and the default "${value}"` : `"${shorten(value)}"`;
        out.push({ path, message: `${what} is not in catalog "${shorten(cat.id)}"` });
      }
    };
    const st = own(raw, 'strategies');
    ref(own(own(st, 'sharedHost'), 'instanceType'), 'strategies.sharedHost.instanceType');
    ref(own(own(st, 'vmPerService'), 'instanceType'), 'strategies.vmPerService.instanceType', true);
    ref(own(own(st, 'containerCluster'), 'nodeType'), 'strategies.containerCluster.nodeType');
    // Defaults must resolve too when the plan leaves them out (an inline catalog may lack them); a catalog's own
    // strategy defaults (issue 13 §1) come first.
    const declared = bundled?.strategyDefaults ?? own(rawCatalog, 'strategyDefaults');
    const named = (key: string, fallback: string): string => {
      const v = own(declared, key);
      return typeof v === 'string' ? v : fallback;
    };
    if (own(own(st, 'sharedHost'), 'instanceType') === undefined) {
      const d = named('sharedHostInstanceType', DEFAULT_STRATEGIES.sharedHost.instanceType);
      ref(d, 'strategies.sharedHost.instanceType', false, true);
    }
    if (own(own(st, 'containerCluster'), 'nodeType') === undefined) {
      const d = named('containerNodeType', DEFAULT_STRATEGIES.containerCluster.nodeType);
      ref(d, 'strategies.containerCluster.nodeType', false, true);
    }
    if (Array.isArray(services)) {
      services.forEach((s, i) => ref(own(s, 'vmInstanceType'), `services[${i}].vmInstanceType`));
    }
  }
  return bundled;
}

// ---------------------------------------------------------------------------------------------------------------
// Fields and values a version added (fields.ts `since`, `valuesSince`): an older file that gives one has a located
// problem, never a silent new meaning (issue 10 §1).

/**
 * Every field or value in `raw` that the file's `version` does not have yet, located under `base`. `raw` is the
 * document, or the part of it at the declaration steps `at` (one service: `['services', '[]']`).
 */
export function newerThanVersion(
  raw: unknown,
  version: PlanVersion,
  at: readonly string[] = [],
  base: PropertyKey[] = [],
): PlanIssue[] {
  const out: PlanIssue[] = [];
  const visit = (v: unknown, steps: readonly string[], path: PropertyKey[], g: VersionGate) => {
    if (steps.length === 0) {
      const needs = Math.max(
        g.since,
        typeof v === 'string' && Object.hasOwn(g.valuesSince, v) ? g.valuesSince[v]! : 1,
      );
      if (needs <= version) return;
      const what = g.since > version ? '' : `${JSON.stringify(v)} `;
      out.push({
        path: formatPath(path),
        message: `${what}needs "version": ${needs} (this file is version ${version})`,
      });
      return;
    }
    const [step, ...rest] = steps as [string, ...string[]];
    if (step === '[]') {
      if (Array.isArray(v)) v.forEach((item, i) => visit(item, rest, [...path, i], g));
    } else if (isObj(v) && Object.hasOwn(v, step)) {
      visit(v[step], rest, [...path, step], g);
    }
  };
  for (const g of VERSION_GATES) {
    if (at.every((step, i) => g.steps[i] === step)) visit(raw, g.steps.slice(at.length), base, g);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function cleanTiers(tiers: readonly { upTo: number | null; price: number }[]): Tier[] {
  return tiers.map((t) => ({ upTo: t.upTo, price: t.price }));
}

/** The listed fields of an inline catalog, copied (extra fields stay in the file, not in the engine's input). */
function catalogFromFile(c: Exclude<PlanFile['catalog'], string>): Catalog {
  const s = c.serverless;
  return {
    id: c.id,
    name: c.name,
    currency: c.currency,
    asOf: c.asOf,
    sources: [...c.sources],
    instanceTypes: c.instanceTypes.map((t) => ({
      name: t.name,
      vcpu: t.vcpu,
      memoryGiB: t.memoryGiB,
      hourly: t.hourly,
      ...(t.maxPods === undefined ? {} : { maxPods: t.maxPods }),
      ...(t.architecture === undefined ? {} : { architecture: t.architecture }),
    })),
    serverless: {
      requestsPerMillion: s.requestsPerMillion,
      gbSecond: { x86_64: cleanTiers(s.gbSecond.x86_64), arm64: cleanTiers(s.gbSecond.arm64) },
      freeTier: { requests: s.freeTier.requests, gbSeconds: s.freeTier.gbSeconds },
      ephemeralStorageGbSecond: s.ephemeralStorageGbSecond,
      provisionedConcurrencyGbSecond: {
        x86_64: s.provisionedConcurrencyGbSecond.x86_64,
        arm64: s.provisionedConcurrencyGbSecond.arm64,
      },
      provisionedDurationGbSecond: {
        x86_64: s.provisionedDurationGbSecond.x86_64,
        arm64: s.provisionedDurationGbSecond.arm64,
      },
      maxDurationMs: s.maxDurationMs,
      concurrencyLimit: s.concurrencyLimit,
      ...functionsBillingFromFile(s),
    },
    ...(c.apiGateway === undefined
      ? {}
      : { apiGateway: { http: cleanTiers(c.apiGateway.http), rest: cleanTiers(c.apiGateway.rest) } }),
    kubernetes: kubernetesFromFile(c.kubernetes),
    ...cloudFromFile(c),
    ...(c.loadBalancers === undefined
      ? {}
      : {
          loadBalancers: {
            alb: { hourly: c.loadBalancers.alb.hourly, unitHourly: c.loadBalancers.alb.unitHourly },
            nlb: { hourly: c.loadBalancers.nlb.hourly, unitHourly: c.loadBalancers.nlb.unitHourly },
          },
        }),
    ...(c.nat === undefined ? {} : { nat: { hourly: c.nat.hourly, perGB: c.nat.perGB } }),
    ...(c.blockStorage === undefined
      ? {}
      : { blockStorage: { gp3: c.blockStorage.gp3, gp2: c.blockStorage.gp2 } }),
    ...(c.logs === undefined
      ? {}
      : { logs: { ingestionPerGB: c.logs.ingestionPerGB, freeGBPerMonth: c.logs.freeGBPerMonth } }),
    ...(c.fargate === undefined ? {} : { fargate: fargateFromFile(c.fargate) }),
    ...(c.containerService === undefined
      ? {}
      : { containerService: containerServiceFromFile(c.containerService) }),
  };
}

type ContainerServiceFile = NonNullable<Exclude<PlanFile['catalog'], string>['containerService']>;

/** The listed fields of an inline catalog's Cloud Run or Container Apps prices (issue 13 §1), copied. */
function containerServiceFromFile(f: ContainerServiceFile): ContainerServicePrices {
  const rates = (r: NonNullable<ContainerServiceFile['rates']['request']>): ContainerServiceRates => ({
    vcpuSecond: r.vcpuSecond,
    gibSecond: r.gibSecond,
    ...(r.idle === undefined ? {} : { idle: { vcpuSecond: r.idle.vcpuSecond, gibSecond: r.idle.gibSecond } }),
    requestsPerMillion: r.requestsPerMillion,
    freeGrant: {
      vcpuSeconds: r.freeGrant.vcpuSeconds,
      gibSeconds: r.freeGrant.gibSeconds,
      requests: r.freeGrant.requests,
    },
  });
  return {
    model: f.model,
    product: f.product,
    rates: {
      ...(f.rates.request === undefined ? {} : { request: rates(f.rates.request) }),
      ...(f.rates.instance === undefined ? {} : { instance: rates(f.rates.instance) }),
    },
    defaultBilling: f.defaultBilling,
    roundingMs: f.roundingMs,
    concurrency: { default: f.concurrency.default, max: f.concurrency.max },
    sizes: f.sizes.map((t) => ({ vcpu: t.vcpu, memoryGiB: [...t.memoryGiB] })),
    notes: [...f.notes],
  };
}

type CatalogObject = Exclude<PlanFile['catalog'], string>;

/**
 * The functions billing fields beyond Lambda's (issue 13 §1), copied; each absent stays absent (a v1 catalog gets no
 * new key, so its figures and its saved file are the same).
 */
function functionsBillingFromFile(s: CatalogObject['serverless']): Partial<Catalog['serverless']> {
  return {
    ...(s.freeTier.vcpuSeconds === undefined
      ? {}
      : {
          freeTier: {
            requests: s.freeTier.requests,
            gbSeconds: s.freeTier.gbSeconds,
            vcpuSeconds: s.freeTier.vcpuSeconds,
          },
        }),
    ...(s.vcpuSecond === undefined ? {} : { vcpuSecond: cleanTiers(s.vcpuSecond) }),
    ...(s.vcpuByMemory === undefined
      ? {}
      : { vcpuByMemory: s.vcpuByMemory.map((r) => ({ memoryMiB: r.memoryMiB, vcpu: r.vcpu })) }),
    ...(s.durationRoundingMs === undefined ? {} : { durationRoundingMs: s.durationRoundingMs }),
    ...(s.minBilledMs === undefined ? {} : { minBilledMs: s.minBilledMs }),
    ...(s.memoryRounding === undefined
      ? {}
      : { memoryRounding: { stepMiB: s.memoryRounding.stepMiB, minMiB: s.memoryRounding.minMiB } }),
    ...(s.maxMemoryMiB === undefined ? {} : { maxMemoryMiB: s.maxMemoryMiB }),
    ...(s.provisionedConcurrencyUnsupported === undefined
      ? {}
      : { provisionedConcurrencyUnsupported: s.provisionedConcurrencyUnsupported }),
  };
}

/** An inline catalog's Kubernetes prices, copied (issue 13 §1: credit, tiers and pods per node when given). */
function kubernetesFromFile(k: CatalogObject['kubernetes']): Catalog['kubernetes'] {
  return {
    controlPlaneHourly: k.controlPlaneHourly,
    ...(k.freeCreditMonthly === undefined
      ? {}
      : {
          freeCreditMonthly: { amount: k.freeCreditMonthly.amount, appliesTo: k.freeCreditMonthly.appliesTo },
        }),
    ...(k.tiers === undefined
      ? {}
      : { tiers: k.tiers.map((t) => ({ name: t.name, hourly: t.hourly, note: t.note })) }),
    ...(k.maxPodsPerNode === undefined ? {} : { maxPodsPerNode: k.maxPodsPerNode }),
  };
}

/** An inline catalog's provider, product names and strategy defaults (issue 13 §1), copied when given. */
function cloudFromFile(c: CatalogObject): Pick<Catalog, 'provider' | 'products' | 'strategyDefaults'> {
  const names = c.products;
  const d = c.strategyDefaults;
  return {
    ...(c.provider === undefined ? {} : { provider: c.provider }),
    ...(names === undefined
      ? {}
      : {
          products: {
            ...(names.vm === undefined ? {} : { vm: names.vm }),
            ...(names.kubernetes === undefined ? {} : { kubernetes: names.kubernetes }),
            ...(names.functions === undefined ? {} : { functions: names.functions }),
          },
        }),
    ...(d === undefined
      ? {}
      : {
          strategyDefaults: {
            ...(d.sharedHostInstanceType === undefined
              ? {}
              : { sharedHostInstanceType: d.sharedHostInstanceType }),
            ...(d.containerNodeType === undefined ? {} : { containerNodeType: d.containerNodeType }),
            ...(d.reservation === undefined ? {} : { reservation: d.reservation }),
          },
        }),
  };
}

/** The listed fields of an inline catalog's Fargate prices, copied. */
function fargateFromFile(f: NonNullable<Exclude<PlanFile['catalog'], string>['fargate']>): FargatePrices {
  return {
    vcpuHourly: { x86_64: f.vcpuHourly.x86_64, arm64: f.vcpuHourly.arm64 },
    memoryGiBHourly: { x86_64: f.memoryGiBHourly.x86_64, arm64: f.memoryGiBHourly.arm64 },
    storageGiBHourly: f.storageGiBHourly,
    includedStorageGiB: f.includedStorageGiB,
    taskSizes: f.taskSizes.map((t) => ({ vcpu: t.vcpu, memoryGiB: [...t.memoryGiB] })),
    notes: [...f.notes],
  };
}

type UncertaintyFile = NonNullable<PlanFile['uncertainty']>;

/**
 * The ranges a file gives (plan-wide or a service's), each side it leaves out at 1 (no range that side); `{}` when
 * absent, so a plan or service without one carries no `uncertainty` key at all.
 */
export function uncertaintyFromFile(u: UncertaintyFile | undefined): { uncertainty?: Uncertainty } {
  if (u === undefined) return {};
  const out: Uncertainty = {};
  for (const input of UNCERTAIN_INPUTS) {
    const r = u[input];
    if (r !== undefined) out[input] = { low: r.low ?? 1, high: r.high ?? 1 };
  }
  return { uncertainty: out };
}

/** A service's latency target with its defaults filled in; `{}` when absent (no `latency` key: CPU sizing alone). */
function latencyFromFile(l: PlanFile['services'][number]['latency']): { latency?: LatencyTarget } {
  if (l === undefined) return {};
  return {
    latency: {
      targetWaitMs: l.targetWaitMs ?? DEFAULT_LATENCY.targetWaitMs,
      percentile: l.percentile ?? DEFAULT_LATENCY.percentile,
      concurrencyPerInstance: l.concurrencyPerInstance ?? DEFAULT_LATENCY.concurrencyPerInstance,
    },
  };
}

/**
 * One validated service with every default filled in (parse-cache.ts reuses it per service and version). The pod CPU
 * request a file leaves out depends on the file's version (issue 10 §5): version 1 keeps 250 millicores whatever the
 * service; version 2 gives the shape of a general-purpose instance for the pod's memory request.
 */
export function serviceFromFile(s: PlanFile['services'][number], version: PlanVersion): Service {
  const pc = s.serverless?.provisionedConcurrency;
  const podMemoryMiB = s.container?.memoryMiB ?? s.memoryMiB;
  const podMillicores =
    s.container?.cpuMillicores ?? (version >= 2 ? podMillicoresFor(podMemoryMiB) : V1_POD_MILLICORES);
  const service = serviceWithDefaults({
    name: s.name,
    // Packed (model/time.ts `packedCopy`): the validator's arrays have holes as V8 sees them (never as values).
    trafficRps: packedCopy(s.trafficRps),
    cpuMsPerRequest: s.cpuMsPerRequest,
    durationMs: s.durationMs,
    memoryMiB: s.memoryMiB,
    growthPerMonth: s.growthPerMonth,
    minInstances: s.minInstances,
    stateful: s.stateful,
    vmInstanceType: s.vmInstanceType,
    container: { ...s.container, cpuMillicores: podMillicores },
    fargate: s.fargate,
    serverless: {
      ...s.serverless,
      ...(pc === undefined ? {} : { provisionedConcurrency: Array.isArray(pc) ? [...pc] : pc }),
    },
  });
  return { ...service, ...uncertaintyFromFile(s.uncertainty), ...latencyFromFile(s.latency) };
}

/** Fills every default and resolves the catalog: the engine's input. */
function toPlan(file: PlanFile, catalog: Catalog): Plan {
  const st = file.strategies ?? {};
  const services: Service[] = file.services.map((s) => serviceFromFile(s, file.version));
  return {
    name: file.name,
    hoursPerMonth: file.hoursPerMonth ?? DEFAULT_HOURS_PER_MONTH,
    catalog,
    services,
    strategies: resolveStrategies(st, catalog),
    // A component the file leaves out is off (a version 1 file keeps its figures: issue 10 §1).
    frontDoor: { ...COMPONENTS_OFF.frontDoor, ...file.frontDoor },
    resilience: { ...COMPONENTS_OFF.resilience, ...file.resilience },
    storage: { ...COMPONENTS_OFF.storage, ...file.storage },
    network: { ...COMPONENTS_OFF.network, ...file.network },
    logs: { ...COMPONENTS_OFF.logs, ...file.logs },
    operations: {
      hourlyRate: file.operations?.hourlyRate ?? COMPONENTS_OFF.operations.hourlyRate,
      hoursPerMonth: { ...COMPONENTS_OFF.operations.hoursPerMonth, ...file.operations?.hoursPerMonth },
    },
    ...uncertaintyFromFile(file.uncertainty),
  };
}

function capped(issues: PlanIssue[]): { ok: false; issues: PlanIssue[] } {
  const max = PLAN_LIMITS.maxIssues;
  if (issues.length <= max) return { ok: false, issues };
  const rest = issues.length - max;
  return {
    ok: false,
    issues: [
      ...issues.slice(0, max),
      { path: ROOT, message: `and ${rest} more problem${rest === 1 ? '' : 's'}` },
    ],
  };
}

/** Validates a plan file already parsed from JSON (or built in memory) and resolves it for the engine. */
export function parsePlan(input: unknown): ParseResult {
  try {
    return parseUnsafe(input);
  } catch (e) {
    // A bug, not bad input; still never throw at a caller that is showing a file to a person.
    return {
      ok: false,
      issues: [{ path: ROOT, message: `could not be checked (internal error: ${String(e)})` }],
    };
  }
}

function parseUnsafe(input: unknown): ParseResult {
  const guarded = guard(input);
  if (guarded.length > 0) return capped(guarded);
  if (!isObj(input))
    return { ok: false, issues: [{ path: ROOT, message: 'must be an object (a Headroom plan)' }] };

  const format = own(input, 'format');
  const version = own(input, 'version');
  if (format !== PLAN_FORMAT) {
    // Not a plan at all: one clear line beats a list of every field it lacks.
    return {
      ok: false,
      issues: [
        {
          path: 'format',
          message:
            format === undefined
              ? `is required and must be "${PLAN_FORMAT}": this is not a Headroom plan file`
              : `must be "${PLAN_FORMAT}": this is not a Headroom plan file`,
        },
      ],
    };
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > PLAN_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'version',
          message: `written by a newer Headroom (version ${version}); this version reads versions ${PLAN_VERSIONS.join(' and ')}`,
        },
      ],
    };
  }

  const issues: PlanIssue[] = [];
  const parsed = planFileSchema.safeParse(input, { error: fallbackMessage });
  if (!parsed.success) fromZod(parsed.error.issues, [], issues);
  if (isPlanVersion(version)) issues.push(...newerThanVersion(input, version));
  const bundled = crossChecks(input, issues);
  if (!parsed.success || issues.length > 0) return capped(issues);

  const file = parsed.data;
  const catalog = typeof file.catalog === 'string' ? bundled! : catalogFromFile(file.catalog);
  // A service that does not fit a strategy's instance or node type is not a problem with the plan: that strategy's
  // report says it cannot be costed (costingProblems in src/model), and the others are costed (issue 9 §1).
  const plan = toPlan(file, catalog);
  return { ok: true, plan, file };
}

/**
 * Validates the raw text of a plan file: size cap, JSON syntax (with line and column), no key twice in one object,
 * then parsePlan.
 */
export function parsePlanText(text: string): ParseResult {
  const max = PLAN_LIMITS.maxFileBytes;
  if (text.length > max || utf8ByteLength(text) > max) {
    return {
      ok: false,
      issues: [
        {
          path: ROOT,
          message: `the file is larger than ${max / 1024 / 1024} MiB; a plan file must be smaller`,
        },
      ],
    };
  }
  const read = readStrictJson(text);
  if (!read.ok) return { ok: false, issues: [read.issue] };
  return parsePlan(read.value);
}
