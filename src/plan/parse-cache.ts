// Validation that re-checks only what an edit changed (issue 9, "Performance"). The app replaces the objects along an
// edited path and shares every other object with the previous document (src/state/doc.ts `setAt`), so a one-field edit
// leaves every other service the same object. A parser keeps, per service object, its validated and defaulted Service,
// and per set of top-level values, the rest of the plan (name, catalog, strategies); a document whose parts are all
// known is assembled from them, checking only what spans services (unique names, instance types in the catalog, the
// size limit). Anything else — a part with a problem, an unusual shape — goes through parsePlan, whose result is the
// reference: a property test (parse-cache.test.ts) checks the two agree on any sequence of edits.
//
// The contract that makes identity a valid key: a document given to a parser is never mutated afterwards (the app's
// documents are immutable: `$state.raw`, replaced wholesale on every edit). Callers that mutate documents (tests, the
// CLI) use parsePlan.
import type { Plan, Service } from '../model/index.ts';
import { isPlanVersion, PLAN_LIMITS, PLAN_VERSIONS, type PlanVersion } from './limits.ts';
import { newerThanVersion, parsePlan, serviceFromFile, type ParseResult } from './parse.ts';
import { serviceSchema, type PlanFile } from './schema.ts';

type ServiceFile = PlanFile['services'][number];

interface KnownService {
  service: Service;
  file: ServiceFile;
  /** Values in the service (what parsePlan's size guard counts). */
  values: number;
}

interface KnownRest {
  /** The document's own top-level entries other than `services`. */
  entries: [string, unknown][];
  plan: Plan;
  file: PlanFile;
  values: number;
}

export interface PlanParser {
  /** parsePlan(input), reusing what is known from earlier documents. */
  parse(input: unknown): ParseResult;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value in `v`, itself included (objects and lists too), as parsePlan's guard counts them. */
function countValues(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 1;
  let n = 1;
  if (Array.isArray(v)) for (const x of v) n += countValues(x);
  else for (const key of Object.keys(v)) n += countValues((v as Obj)[key]);
  return n;
}

function sameEntries(a: readonly [string, unknown][], b: readonly [string, unknown][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]![0] !== b[i]![0] || !Object.is(a[i]![1], b[i]![1])) return false;
  }
  return true;
}

export function createPlanParser(): PlanParser {
  // Per version: the same service object means something else in another version (its pod request default, the
  // fields it may use), so a service known under one version is never reused under another.
  const services = new Map<PlanVersion, WeakMap<object, KnownService>>(
    PLAN_VERSIONS.map((v) => [v, new WeakMap<object, KnownService>()]),
  );
  let rest: KnownRest | null = null;

  /** The service's validated form, or null when it has a problem (parsePlan then says which). */
  function knownService(raw: unknown, version: PlanVersion): KnownService | null {
    if (!isObj(raw)) return null;
    const known = services.get(version)!;
    const hit = known.get(raw);
    if (hit) return hit;
    const parsed = serviceSchema.safeParse(raw);
    if (!parsed.success) return null;
    if (newerThanVersion(raw, version, ['services', '[]']).length > 0) return null;
    const made = {
      service: serviceFromFile(parsed.data, version),
      file: parsed.data,
      values: countValues(raw),
    };
    known.set(raw, made);
    return made;
  }

  /** The plan without its services, parsed once per set of top-level values; null when it has a problem. */
  function knownRest(input: Obj): KnownRest | null {
    const entries = Object.entries(input).filter(([key]) => key !== 'services');
    if (rest && sameEntries(rest.entries, entries)) return rest;
    const withoutServices = { ...input, services: [] };
    const r = parsePlan(withoutServices);
    if (!r.ok) return null;
    rest = { entries, plan: r.plan, file: r.file, values: countValues(withoutServices) };
    return rest;
  }

  /** The fast path: null when anything needs parsePlan's full check. */
  function assemble(input: unknown): ParseResult | null {
    if (!isObj(input) || !Object.hasOwn(input, 'services')) return null;
    const list = input.services;
    if (!Array.isArray(list) || list.length > PLAN_LIMITS.maxServices) return null;
    const base = knownRest(input);
    if (!base) return null;
    const version = input.version;
    if (!isPlanVersion(version)) return null;
    const names = new Set(base.plan.catalog.instanceTypes.map((t) => t.name));
    const seen = new Set<string>();
    const parts: KnownService[] = [];
    let values = base.values;
    for (const raw of list) {
      const known = knownService(raw, version);
      if (!known) return null;
      const { name, vmInstanceType } = known.service;
      // Checks that span services, as parsePlan's cross-checks make them.
      if (seen.has(name)) return null;
      seen.add(name);
      if (vmInstanceType !== null && !names.has(vmInstanceType)) return null;
      values += known.values;
      parts.push(known);
    }
    if (values > PLAN_LIMITS.maxValues) return null;
    return {
      ok: true,
      plan: { ...base.plan, services: parts.map((p) => p.service) },
      file: { ...base.file, services: parts.map((p) => p.file) },
    };
  }

  return {
    parse(input) {
      try {
        return assemble(input) ?? parsePlan(input);
      } catch {
        // Whatever went wrong here, the full check says what it is.
        return parsePlan(input);
      }
    },
  };
}

/**
 * The app's one parser: the engine client and the store's check of every write share it, so a document validated
 * for its evaluation is not validated again when it is saved (before, an edit was parsed three times).
 */
export const sharedPlanParser: PlanParser = createPlanParser();
