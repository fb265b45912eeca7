// The zod schema of plan files, versions 1 and 2: the one description of the format. Validation (src/plan/parse.ts) and the
// shipped JSON Schema (docs/plan.schema.json) both come from it. Cross-field rules that JSON Schema cannot express
// (unique names, tier order, references into the catalog, fields a version 1 file may not use: fields.ts `since`)
// live in parse.ts.
import * as z from 'zod';
import {
  fieldsUnder,
  PLAN_FIELDS,
  type BooleanDecl,
  type ChoiceDecl,
  type FieldDecl,
  type InstanceTypeDecl,
  type NumberDecl,
  type PercentDecl,
  type Range,
  type TextDecl,
  VERSION_GATES,
} from './fields.ts';
import { PLAN_FORMAT, PLAN_LIMITS as L, PLAN_VERSIONS, type PlanVersion } from './limits.ts';

// The app runs under a Content-Security-Policy without 'unsafe-eval' (electron/csp.ts). zod's just-in-time parsers
// would probe eval, which the policy blocks and reports as a violation, so they are off: the same code path
// everywhere, CLI included.
z.config({ jitless: true });

/** "must be a number > 0 and <= 1": the whole allowed range, used when the value is not a number at all. */
export function rangeText(r: Range): string {
  const kind = r.int ? 'a whole number' : 'a number';
  return `must be ${kind} ${r.minExclusive ? '>' : '>='} ${r.min} and ${r.maxExclusive ? '<' : '<='} ${r.max}`;
}

/** A number with a range; every failure gets a message that states the bound it broke. */
function num(r: Range, description?: string) {
  const kind = r.int ? 'a whole number' : 'a number';
  const whole = rangeText(r);
  const base = r.int
    ? z.int({ error: (iss) => (iss.input === undefined ? undefined : whole) })
    : z.number({ error: (iss) => (iss.input === undefined ? undefined : whole) });
  const lo = r.minExclusive
    ? base.gt(r.min, { error: `must be ${kind} > ${r.min}` })
    : base.gte(r.min, { error: `must be ${kind} >= ${r.min}` });
  const hi = r.maxExclusive
    ? lo.lt(r.max, { error: `must be ${kind} < ${r.max}` })
    : lo.lte(r.max, { error: `must be ${kind} <= ${r.max}` });
  return description === undefined ? hi : hi.meta({ description });
}

function text(max: number, description?: string) {
  const s = z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
  return description === undefined ? s : s.meta({ description });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, description?: string) {
  const e = z.enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });
  return description === undefined ? e : e.meta({ description });
}

const price = num({ min: 0, max: L.maxPrice });
const name = text(L.maxNameLength);

const rps = num({ min: 0, max: L.maxRps });
const HOURS_TEXT = 'must have 24 values (one day) or 168 values (one week)';

/** A curve of hourly values: 24 (one day, repeated all week) or 168 (Monday 00:00 … Sunday 23:00). */
function curve<T extends z.ZodType>(item: T, description: string) {
  return z
    .array(item)
    .check(
      // `when`: report a wrong length even when some values are also wrong (every problem at once).
      z.refine((a: unknown) => !Array.isArray(a) || a.length === 24 || a.length === 168, {
        error: (iss) => `${HOURS_TEXT}, not ${Array.isArray(iss.input) ? iss.input.length : 0}`,
        when: (payload) => Array.isArray(payload.value),
      }),
    )
    .meta({
      description,
      anyOf: [
        { minItems: 24, maxItems: 24 },
        { minItems: 168, maxItems: 168 },
      ],
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Fields declared in fields.ts: range, allowed values, help and default come from the declaration.

/** The declaration's help as a JSON Schema description (markdown code marks dropped), with its default. */
function described(f: FieldDecl): string | undefined {
  const sentence = (t: string) => {
    const plain = t.replace(/`/g, '');
    // "vCPU-…" keeps its lower-case v; other help starts lower-case only because it follows a range in the docs.
    const first = /^[a-z][A-Z]/.test(plain) ? plain.charAt(0) : plain.charAt(0).toUpperCase();
    return `${first}${plain.slice(1)}${/[.:]$/.test(plain) ? '' : '.'}`;
  };
  const d = f.default;
  const parts = [
    f.help === undefined ? '' : sentence(f.help),
    d === undefined
      ? ''
      : typeof d === 'object' && d !== null
        ? sentence(`Default: ${d.rule}`)
        : `Default ${JSON.stringify(d)}.`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** JSON Schema annotations of a declared field: its description, and its default when that is a value. */
function meta(f: FieldDecl): { description?: string; default?: unknown } {
  const description = described(f);
  const d = f.default;
  return {
    ...(description === undefined ? {} : { description }),
    ...(d === undefined || (typeof d === 'object' && d !== null) ? {} : { default: d }),
  };
}

function numberField(f: NumberDecl | PercentDecl) {
  return num(f.range).meta(meta(f));
}

function textField(f: TextDecl | InstanceTypeDecl) {
  const t = text(f.kind === 'text' ? f.maxLength : L.maxNameLength);
  return t.meta(meta(f));
}

function choiceField<const O extends readonly { value: string }[]>(f: ChoiceDecl & { options: O }) {
  const values = f.options.map((o): O[number]['value'] => o.value);
  return z
    .enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` })
    .meta(meta(f));
}

function booleanField(f: BooleanDecl) {
  return z.boolean().meta(meta(f));
}

const F = PLAN_FIELDS;
// Whole environments: AWS provisions whole execution environments (issue 10 §7.4; 2.5 was accepted before).
const provisionedLevel = num({ min: 0, max: L.maxProvisionedConcurrency, int: true });

// An object whose fields are all simple declared fields (a strategy's settings, a service's pod requests) is built
// from its declarations: a field declared under it is in the schema with no line here.
type Decls = typeof PLAN_FIELDS;
/** The declarations directly under `P`, by field name. */
type Under<P extends string> = {
  [
    K in keyof Decls as K extends `${P}.${infer N}` ? (N extends `${string}.${string}` ? never : N) : never
  ]: Decls[K];
};
/** The zod type a declaration makes (as validated: its input type is what a plan file holds). */
type ZodFor<D> = D extends { kind: 'choice'; options: readonly { value: infer V extends string }[] }
  ? z.ZodType<V, V>
  : D extends { kind: 'number' | 'percent' }
    ? z.ZodType<number, number>
    : D extends { kind: 'boolean' }
      ? z.ZodType<boolean, boolean>
      : D extends { kind: 'text' | 'instanceType' }
        ? z.ZodType<string, string>
        : never;
type Declared<P extends string> = { [N in keyof Under<P>]: z.ZodOptional<ZodFor<Under<P>[N]>> };

function zodFor(f: FieldDecl): z.ZodType {
  switch (f.kind) {
    case 'number':
    case 'percent':
      return numberField(f);
    case 'choice':
      return choiceField(f);
    case 'boolean':
      return booleanField(f);
    case 'text':
    case 'instanceType':
      return textField(f);
    case 'shape':
      throw new Error('a shape has a schema of its own');
  }
}

/** The strict object of every field declared directly under `parent`, each optional, in declaration order. */
function declaredObject<P extends string>(parent: P) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of fieldsUnder(parent)) {
    // A declared object inside (a strategy's commitment) has its schema where the object is built.
    if ((PLAN_FIELDS as Record<string, FieldDecl>)[`${parent}.${name}`]!.kind === 'shape') continue;
    shape[name] = zodFor((PLAN_FIELDS as Record<string, FieldDecl>)[`${parent}.${name}`]!).optional();
  }
  // The one cast: the shape built above has, field by field, the types Declared<P> spells out from the same
  // declarations (fields.test.ts checks every declared field is in the schema with its range).
  return z.strictObject(shape) as unknown as z.ZodObject<Declared<P>, z.core.$strict>;
}

/** Ranges of inputs (issue 11 §3): each `{ low, high }`, built from its declarations (low ≤ 1 ≤ high by range). */
function uncertaintySchema(prefix: 'uncertainty' | 'services[].uncertainty') {
  const range = (input: 'trafficRps' | 'cpuMsPerRequest' | 'durationMs') =>
    z
      .strictObject({
        low: numberField(F[`${prefix}.${input}.low`]).optional(),
        high: numberField(F[`${prefix}.${input}.high`]).optional(),
      })
      .meta(meta(F[`${prefix}.${input}`]))
      .optional();
  return z
    .strictObject({
      trafficRps: range('trafficRps'),
      cpuMsPerRequest: range('cpuMsPerRequest'),
      durationMs: range('durationMs'),
    })
    .meta(meta(F[prefix]))
    .optional();
}

export const serviceSchema = z.strictObject({
  name: textField(F['services[].name']),
  trafficRps: curve(
    rps,
    'Mean requests per second in each hour: 24 values (one day) or 168 (Monday 00:00 first).',
  ),
  growthPerMonth: numberField(F['services[].growthPerMonth']).optional(),
  cpuMsPerRequest: numberField(F['services[].cpuMsPerRequest']),
  durationMs: numberField(F['services[].durationMs']),
  memoryMiB: numberField(F['services[].memoryMiB']),
  minInstances: numberField(F['services[].minInstances']).optional(),
  stateful: booleanField(F['services[].stateful']).optional(),
  vmInstanceType: text(L.maxNameLength).nullable().meta(meta(F['services[].vmInstanceType'])).optional(),
  container: declaredObject('services[].container').optional(),
  serverless: z
    .strictObject({
      memoryMiB: z
        .union([numberField(F['services[].serverless.memoryMiB']), z.literal('auto')], {
          error: `${rangeText(F['services[].serverless.memoryMiB'].range)}, or "auto"`,
        })
        .optional(),
      architecture: choiceField(F['services[].serverless.architecture']).optional(),
      ephemeralStorageMiB: numberField(F['services[].serverless.ephemeralStorageMiB']).optional(),
      provisionedConcurrency: z
        .union([provisionedLevel, curve(provisionedLevel, 'Environments kept warm in each hour.')], {
          error: `${rangeText({ min: 0, max: L.maxProvisionedConcurrency, int: true })}, or a list of 24 or 168 such numbers`,
        })
        .meta(meta(F['services[].serverless.provisionedConcurrency']))
        .optional(),
    })
    .optional(),
  uncertainty: uncertaintySchema('services[].uncertainty'),
  latency: declaredObject('services[].latency').meta(meta(F['services[].latency'])).optional(),
  fargate: declaredObject('services[].fargate').meta(meta(F['services[].fargate'])).optional(),
});

/** A strategy's savings-plan commitment (issue 13 §5): its two declared fields, each optional (absent: 0). */
function commitmentSchema<
  K extends 'sharedHost' | 'vmPerService' | 'containerCluster' | 'serverless' | 'serverlessContainers',
>(key: K) {
  return declaredObject(`strategies.${key}.commitment`)
    .meta(meta(F[`strategies.${key}.commitment`]))
    .optional();
}

export const strategiesSchema = z.strictObject({
  sharedHost: declaredObject('strategies.sharedHost')
    .extend({ commitment: commitmentSchema('sharedHost') })
    .optional(),
  vmPerService: declaredObject('strategies.vmPerService')
    .extend({ commitment: commitmentSchema('vmPerService') })
    .optional(),
  containerCluster: declaredObject('strategies.containerCluster')
    .extend({ commitment: commitmentSchema('containerCluster') })
    .optional(),
  serverless: declaredObject('strategies.serverless')
    .extend({ commitment: commitmentSchema('serverless') })
    .optional(),
  serverlessContainers: declaredObject('strategies.serverlessContainers')
    .extend({ commitment: commitmentSchema('serverlessContainers') })
    .optional(),
});

export const operationsSchema = z
  .strictObject({
    hourlyRate: numberField(F['operations.hourlyRate']).optional(),
    hoursPerMonth: declaredObject('operations.hoursPerMonth')
      .meta(meta(F['operations.hoursPerMonth']))
      .optional(),
  })
  .meta(meta(F.operations));

// Catalogs are plain data that may carry extra fields (notes, provenance); the listed fields are required.
const tierSchema = z.looseObject({
  upTo: num({ min: 0, minExclusive: true, max: 1e18 }).nullable(),
  price,
});
const tiers = z
  .array(tierSchema)
  .min(1, { error: 'must have at least one tier' })
  .max(L.maxTiers, { error: `must have at most ${L.maxTiers} tiers` })
  .meta({
    description: 'Tiers in increasing upTo (cumulative quantity where the tier ends); the last upTo is null.',
  });
const perArchitecture = <T extends z.ZodType>(t: T) => z.looseObject({ x86_64: t, arm64: t });

/** One billing mode's rates of a serverless container service (issue 13 §1; types.ts `ContainerServiceRates`). */
const containerServiceRates = z.looseObject({
  vcpuSecond: price,
  gibSecond: price,
  idle: z.looseObject({ vcpuSecond: price, gibSecond: price }).optional(),
  requestsPerMillion: price,
  freeGrant: z.looseObject({
    vcpuSeconds: num({ min: 0, max: 1e15 }),
    gibSeconds: num({ min: 0, max: 1e15 }),
    requests: num({ min: 0, max: 1e15 }),
  }),
});

/**
 * The valid sizes of a serverless container (Fargate tasks, Cloud Run / Container Apps instances): each vCPU value
 * with the memory sizes (GiB) it allows.
 */
const sizeList = (what: 'task' | 'instance') =>
  z
    .array(
      z.looseObject({
        vcpu: num({ min: 0, minExclusive: true, max: 10_000 }),
        memoryGiB: z
          .array(num({ min: 0, minExclusive: true, max: 1e6 }))
          .min(1, { error: 'must have at least one memory size' })
          .max(L.maxTaskMemorySizes, {
            error: `must have at most ${L.maxTaskMemorySizes} memory sizes`,
          }),
      }),
    )
    .min(1, { error: `must have at least one ${what} size` })
    .max(L.maxTaskSizes, { error: `must have at most ${L.maxTaskSizes} ${what} sizes` });

/** What a price object leaves out, in words. */
const notesList = z
  .array(text(L.maxSourceLength))
  .max(L.maxSources, { error: `must have at most ${L.maxSources} entries` });

export const catalogSchema = z.looseObject({
  id: name,
  name,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter currency code such as "USD"' })
    .meta({ description: 'ISO 4217 code.' }),
  asOf: text(100, 'Date the prices were read, e.g. "2025-10-01".'),
  sources: z
    .array(text(L.maxSourceLength))
    .max(L.maxSources, { error: `must have at most ${L.maxSources} entries` }),
  instanceTypes: z
    .array(
      z.looseObject({
        name,
        vcpu: num({ min: 0, minExclusive: true, max: 10_000 }),
        memoryGiB: num({ min: 0, minExclusive: true, max: 1e6 }),
        hourly: price,
        maxPods: num({ min: 1, max: 100_000, int: true }).optional(),
        architecture: oneOf(
          ['x86_64', 'arm64'],
          'CPU architecture; when absent, AWS naming tells (Graviton families end in "g": m7g, c6gn).',
        ).optional(),
      }),
    )
    .min(1, { error: 'must have at least one instance type' })
    .max(L.maxInstanceTypes, { error: `must have at most ${L.maxInstanceTypes} instance types` }),
  serverless: z.looseObject({
    requestsPerMillion: price,
    gbSecond: perArchitecture(tiers),
    freeTier: z.looseObject({
      requests: num({ min: 0, max: 1e15 }),
      gbSeconds: num({ min: 0, max: 1e15 }),
      vcpuSeconds: num({ min: 0, max: 1e15 }).optional(),
    }),
    ephemeralStorageGbSecond: price,
    provisionedConcurrencyGbSecond: perArchitecture(price),
    provisionedDurationGbSecond: perArchitecture(price),
    maxDurationMs: num({ min: 0, minExclusive: true, max: L.maxDurationMs }),
    concurrencyLimit: num({ min: 1, max: 1e9, int: true }),
    // Functions billing beyond Lambda's (issue 13 §1), each optional: absent is Lambda's rule.
    vcpuSecond: tiers
      .meta({
        description: 'Duration also priced per vCPU-second (Cloud Run functions): tiers of vCPU-s a month.',
      })
      .optional(),
    vcpuByMemory: z
      .array(
        z.looseObject({
          memoryMiB: num({ min: 0, minExclusive: true, max: 1e6 }),
          vcpu: num({ min: 0, minExclusive: true, max: 10_000 }),
        }),
      )
      .min(1, { error: 'must have at least one row' })
      .max(L.maxTaskSizes, { error: `must have at most ${L.maxTaskSizes} rows` })
      .meta({ description: 'The vCPU of a function by memory (MB), in increasing memory.' })
      .optional(),
    durationRoundingMs: num(
      { min: 1, max: 60_000 },
      'Billed duration rounded up to a multiple of this.',
    ).optional(),
    minBilledMs: num({ min: 0, max: 60_000 }, 'Shortest billed duration of one execution.').optional(),
    memoryRounding: z
      .looseObject({ stepMiB: num({ min: 1, max: 1e6 }), minMiB: num({ min: 0, max: 1e6 }) })
      .meta({ description: 'Billed memory rounded up to a multiple of stepMiB, at least minMiB.' })
      .optional(),
    maxMemoryMiB: num({ min: 1, max: 1e6 }, 'The largest memory a function may have, MB.').optional(),
    provisionedConcurrencyUnsupported: text(
      L.maxSourceLength,
      'Why this catalog cannot price provisioned concurrency (absent: priced).',
    ).optional(),
  }),
  apiGateway: z
    .looseObject({ http: tiers, rest: tiers })
    .meta({ description: 'Prices per million requests (AWS API Gateway; absent in other clouds).' })
    .optional(),
  kubernetes: z.looseObject({
    controlPlaneHourly: price,
    freeCreditMonthly: z
      .looseObject({ amount: price, appliesTo: text(L.maxSourceLength) })
      .meta({
        description: 'A monthly credit against the control-plane fee (GKE), and the clusters it applies to.',
      })
      .optional(),
    tiers: z
      .array(z.looseObject({ name, hourly: price, note: text(L.maxSourceLength) }))
      .max(L.maxTiers, { error: `must have at most ${L.maxTiers} tiers` })
      .meta({ description: 'Control-plane tiers to choose from (AKS: free, standard).' })
      .optional(),
    maxPodsPerNode: num({ min: 1, max: 100_000, int: true }, 'Pods per node by default.').optional(),
  }),
  // Prices around compute (issue 10 §2–§4), each optional: a catalog without one cannot price that component.
  loadBalancers: z
    .looseObject({
      alb: z.looseObject({ hourly: price, unitHourly: price }),
      nlb: z.looseObject({ hourly: price, unitHourly: price }),
    })
    .meta({ description: 'Per load balancer-hour and per capacity unit-hour (ALB: LCU, NLB: NLCU).' })
    .optional(),
  nat: z
    .looseObject({ hourly: price, perGB: price })
    .meta({ description: 'NAT gateway: per gateway-hour and per GB processed.' })
    .optional(),
  blockStorage: z
    .looseObject({ gp3: price, gp2: price })
    .meta({ description: 'Block storage per GB-month, by volume type.' })
    .optional(),
  logs: z
    .looseObject({ ingestionPerGB: price, freeGBPerMonth: num({ min: 0, max: 1e15 }) })
    .meta({ description: 'Log ingestion per GB, and the GB ingested free each month.' })
    .optional(),
  fargate: z
    .looseObject({
      vcpuHourly: perArchitecture(price),
      memoryGiBHourly: perArchitecture(price),
      storageGiBHourly: price,
      includedStorageGiB: num({ min: 0, max: 1e6 }),
      taskSizes: sizeList('task'),
      notes: notesList,
    })
    .meta({
      description:
        'AWS Fargate: per vCPU-hour and GiB-hour by architecture, ephemeral storage above the included GiB per ' +
        'GiB-hour, the valid task sizes (each vCPU with its memory sizes in GiB), and notes.',
    })
    .optional(),
  // Serverless containers beyond Fargate (issue 13 §1: Cloud Run, Azure Container Apps); container-service-billing.ts.
  containerService: z
    .looseObject({
      model: oneOf(['cloud-run', 'container-apps'], 'Which provider’s billing rules apply.'),
      product: text(L.maxNameLength, 'The product’s name in line items ("Cloud Run").'),
      rates: z
        .looseObject({
          request: containerServiceRates.optional(),
          instance: containerServiceRates.optional(),
        })
        .meta({
          description: 'The rates of each billing mode the product offers (request- and/or instance-based).',
        }),
      defaultBilling: oneOf(['request', 'instance'], 'The billing mode a plan gets.'),
      roundingMs: num(
        { min: 0, max: 60_000 },
        'Request-based usage is rounded up to this many ms (0: none).',
      ),
      concurrency: z.looseObject({
        default: num({ min: 1, max: 100_000, int: true }),
        max: num({ min: 1, max: 100_000, int: true }),
      }),
      sizes: sizeList('instance'),
      notes: notesList,
    })
    .meta({
      description:
        'Serverless containers on a catalog without Fargate (Cloud Run, Azure Container Apps): per vCPU-second and ' +
        'GiB-second active and idle rates, per-request price and monthly free grant for each billing mode, ' +
        'rounding, concurrency per instance, the valid instance sizes, and notes.',
    })
    .optional(),
  // More than one cloud (issue 13 §1), each optional: absent is AWS, its product names and the engine's defaults.
  provider: oneOf(['aws', 'gcp', 'azure'], 'The cloud the catalog prices; absent: aws.').optional(),
  products: z
    .looseObject({
      vm: text(L.maxNameLength).optional(),
      kubernetes: text(L.maxNameLength).optional(),
      functions: text(L.maxNameLength).optional(),
    })
    .meta({
      description: 'How line items name the products ("Compute Engine", "GKE", "Cloud Run functions").',
    })
    .optional(),
  strategyDefaults: z
    .looseObject({
      sharedHostInstanceType: name.optional(),
      containerNodeType: name.optional(),
      reservation: oneOf(['eks', 'gke', 'aks', 'none']).optional(),
    })
    .meta({
      description: 'The instance types (and reservation formula) strategies default to with this catalog.',
    })
    .optional(),
});

export const planFileSchema = z
  .strictObject({
    format: z.literal(PLAN_FORMAT, { error: `must be "${PLAN_FORMAT}"` }),
    version: z
      .literal(PLAN_VERSIONS, { error: `must be ${PLAN_VERSIONS.join(' or ')}` })
      .meta(meta(F.version)),
    name: textField(F.name),
    hoursPerMonth: numberField(F.hoursPerMonth).optional(),
    catalog: z
      .union([text(L.maxNameLength), catalogSchema], {
        error: (iss) =>
          iss.input === undefined
            ? undefined
            : 'must be the id of a bundled catalog (text) or a whole catalog object',
      })
      .meta({ description: 'Id of a bundled catalog, or a whole catalog object.' }),
    services: z
      .array(serviceSchema)
      .max(L.maxServices, { error: `must have at most ${L.maxServices} services` }),
    strategies: strategiesSchema.optional(),
    frontDoor: declaredObject('frontDoor').meta(meta(F.frontDoor)).optional(),
    resilience: declaredObject('resilience').meta(meta(F.resilience)).optional(),
    storage: declaredObject('storage').meta(meta(F.storage)).optional(),
    network: declaredObject('network').meta(meta(F.network)).optional(),
    logs: declaredObject('logs').meta(meta(F.logs)).optional(),
    operations: operationsSchema.optional(),
    uncertainty: uncertaintySchema('uncertainty'),
  })
  .meta({
    title: 'Headroom plan file, version 2',
    description:
      'A Headroom plan: services with hourly traffic curves, strategy settings, the components every strategy ' +
      'needs (front door, zones, storage, network, logs, people) and a price catalog. Version 1 files are ' +
      'version 2 files without the fields and values version 2 added (docs/plan-format.md, "Version 1 files").',
  });

/** The JSON document of a plan file, version 1 or 2. */
export type PlanFile = z.input<typeof planFileSchema>;
export type CatalogFile = z.input<typeof catalogSchema>;

type JsonNode = { properties?: Record<string, JsonNode | false>; items?: JsonNode; not?: { enum: string[] } };

/**
 * What a file of `version` may not use, as a JSON Schema that a valid file of that version matches: every field a
 * later version added is `false` (absent), every value a later version added is excluded (fields.ts `since`,
 * `valuesSince`; parse.ts reports the same, located).
 */
function olderVersionRules(version: PlanVersion): JsonNode {
  const root: JsonNode = {};
  for (const g of VERSION_GATES) {
    const newer = Object.entries(g.valuesSince)
      .filter(([, v]) => v > version)
      .map(([value]) => value);
    if (g.since <= version && newer.length === 0) continue;
    let node = root;
    g.steps.forEach((step, i) => {
      const last = i === g.steps.length - 1;
      if (step === '[]') {
        node = node.items ??= {};
        return;
      }
      const props = (node.properties ??= {});
      if (last) props[step] = g.since > version ? false : { not: { enum: newer } };
      else node = props[step] ||= {};
    });
  }
  return root;
}

/** JSON Schema (draft 2020-12) of the plan file; docs/plan.schema.json is this, committed. */
export const planJsonSchema: object = {
  ...z.toJSONSchema(planFileSchema, { io: 'input', unrepresentable: 'any' }),
  // A file of an older version may not use what a later one added (the JSON Schema form of parse.ts's check).
  allOf: PLAN_VERSIONS.slice(0, -1).map((v) => ({
    if: { properties: { version: { const: v } }, required: ['version'] },
    then: olderVersionRules(v),
  })),
};

/** The exact text of docs/plan.schema.json (what `headroom schema` prints). */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema, null, 2)}\n`;
}
