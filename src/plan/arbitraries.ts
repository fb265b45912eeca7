// fast-check generators of valid plan files (versions 1 and 2), shared by the plan tests (not used by the app).
import fc from 'fast-check';
import { field } from './fields.ts';
import type { PlanVersion } from './limits.ts';

// `+ 0` turns -0 into 0: JSON writes -0 as 0, so a -0 cannot survive a trip through a file.
const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
/** Any value in a declared field's range (src/plan/fields.ts). */
const inRange = (r: { min: number; max: number; int?: boolean }) =>
  r.int ? fc.integer({ min: r.min, max: r.max }) : finite(r.min, r.max);
const curve = (max: number) =>
  fc.oneof(
    fc.array(finite(0, max), { minLength: 24, maxLength: 24 }),
    fc.array(finite(0, max), { minLength: 168, maxLength: 168 }),
  );

/** The values of a declared choice that a file of `version` may use (fields.ts `valuesSince`). */
function choices<const V extends string>(
  decl: { options: readonly { value: V }[]; valuesSince?: Readonly<Record<string, PlanVersion>> },
  version: PlanVersion,
): fc.Arbitrary<V> {
  const allowed = decl.options.map((o) => o.value).filter((v) => (decl.valuesSince?.[v] ?? 1) <= version);
  return fc.constantFrom(...allowed);
}

/** Ranges of inputs (version 2): a side may be left out; low is above 0 (its range excludes 0). */
const rangeArb = fc.record(
  { low: finite(0.01, 1), high: inRange(field('uncertainty.trafficRps.high').range) },
  { requiredKeys: [] },
);
const uncertainty = fc.record(
  { trafficRps: rangeArb, cpuMsPerRequest: rangeArb, durationMs: rangeArb },
  { requiredKeys: [] },
);

/** A latency target (version 2); any field may be left out (its default applies). */
const latency = fc.record(
  {
    targetWaitMs: finite(0, 1000),
    percentile: finite(0.5, 0.999),
    concurrencyPerInstance: fc.integer({ min: 1, max: 16 }),
  },
  { requiredKeys: [] },
);

const serviceOf = (version: PlanVersion) =>
  fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 20 }),
      trafficRps: curve(500),
      growthPerMonth: inRange(field('services[].growthPerMonth').range),
      cpuMsPerRequest: finite(0, 200),
      durationMs: finite(0.5, 5000),
      memoryMiB: finite(1, 4000),
      minInstances: fc.integer({ min: 0, max: 10 }),
      stateful: fc.boolean(),
      vmInstanceType: fc.constantFrom('t3.medium', 'm6i.2xlarge', 'r6i.large', null),
      container: fc.record(
        { cpuMillicores: finite(1, 2000), memoryMiB: finite(1, 4096) },
        { requiredKeys: [] },
      ),
      serverless: fc.record(
        {
          // "auto" is new in version 2.
          memoryMiB:
            version >= 2
              ? fc.oneof(
                  inRange(field('services[].serverless.memoryMiB').range),
                  fc.constant('auto' as const),
                )
              : inRange(field('services[].serverless.memoryMiB').range),
          architecture: choices(field('services[].serverless.architecture'), version),
          ephemeralStorageMiB: inRange(field('services[].serverless.ephemeralStorageMiB').range),
          // Whole environments (issue 10 §7.4).
          provisionedConcurrency: fc.oneof(
            fc.integer({ min: 0, max: 50 }),
            fc.oneof(
              fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 24, maxLength: 24 }),
              fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 168, maxLength: 168 }),
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      // Version 2 only; a version 1 file cannot give it.
      ...(version >= 2 ? { uncertainty, latency } : {}),
    },
    { requiredKeys: ['name', 'trafficRps', 'cpuMsPerRequest', 'durationMs', 'memoryMiB'] },
  );

const strategiesOf = (version: PlanVersion) =>
  fc.record(
    {
      sharedHost: fc.record(
        {
          targetUtilization: finite(0.05, 1),
          minHosts: fc.integer({ min: 1, max: 5 }),
          discount: finite(0, 0.9),
        },
        { requiredKeys: [] },
      ),
      vmPerService: fc.record(
        {
          instanceType: fc.constantFrom('auto', 'r6i.2xlarge'),
          scaling: choices(field('strategies.vmPerService.scaling'), version),
          discount: finite(0, 0.9),
          ...(version >= 2
            ? { scaleAheadHours: inRange(field('strategies.vmPerService.scaleAheadHours').range) }
            : {}),
        },
        { requiredKeys: [] },
      ),
      containerCluster: fc.record(
        {
          nodeType: fc.constantFrom('m6i.xlarge', 'm6i.4xlarge'),
          reservation: choices(field('strategies.containerCluster.reservation'), version),
          overprovisioning: inRange(field('strategies.containerCluster.overprovisioning').range),
          scaling: choices(field('strategies.containerCluster.scaling'), version),
          daemonSetPods: inRange(field('strategies.containerCluster.daemonSetPods').range),
          ...(version >= 2
            ? {
                scaleAheadHours: inRange(field('strategies.containerCluster.scaleAheadHours').range),
              }
            : {}),
        },
        { requiredKeys: [] },
      ),
      serverless: fc.record(
        {
          freeTier: fc.boolean(),
          apiGateway: choices(field('strategies.serverless.apiGateway'), version),
          ...(version >= 2
            ? {
                inVpc: fc.boolean(),
                fallback: choices(field('strategies.serverless.fallback'), version),
              }
            : {}),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

/** The components version 2 added (each may be left out: it is then off). */
const components = {
  frontDoor: fc.record(
    {
      kind: choices(field('frontDoor.kind'), 2),
      perService: fc.boolean(),
      rules: inRange(field('frontDoor.rules').range),
      bytesPerRequest: finite(0, 1e6),
      requestsPerConnection: finite(1, 1000),
      connectionSeconds: finite(1, 3600),
    },
    { requiredKeys: [] },
  ),
  resilience: fc
    .record(
      {
        zones: inRange(field('resilience.zones').range),
        surviveZoneLoss: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    // Surviving the loss of a zone needs two or more (a cross-check in parse.ts).
    .filter((r) => r.surviveZoneLoss !== true || (r.zones ?? 1) >= 2),
  storage: fc.record(
    { rootVolumeGiB: finite(0, 1000), type: choices(field('storage.type'), 2) },
    { requiredKeys: [] },
  ),
  network: fc.record(
    { natGateways: fc.integer({ min: 0, max: 6 }), natGBPerMonth: finite(0, 1e5) },
    { requiredKeys: [] },
  ),
  logs: fc.record({ bytesPerRequest: finite(0, 1e4) }, { requiredKeys: [] }),
  operations: fc.record(
    {
      hourlyRate: finite(0, 500),
      hoursPerMonth: fc.record(
        {
          sharedHost: finite(0, 200),
          vmPerService: finite(0, 200),
          containerCluster: finite(0, 200),
          serverless: finite(0, 200),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  uncertainty,
};

const common = (version: PlanVersion) => ({
  format: fc.constant('headroom-plan' as const),
  version: fc.constant(version),
  name: fc.string({ minLength: 1, maxLength: 30 }),
  hoursPerMonth: finite(1, 8928),
  catalog: fc.constant('aws-us-east-1'),
  services: fc.uniqueArray(serviceOf(version), { maxLength: 5, selector: (s) => s.name }),
  strategies: strategiesOf(version),
});
const REQUIRED = ['format', 'version', 'name', 'catalog', 'services'] as const;

/** Valid version 1 files: only what version 1 had; memory small enough to fit the default hosts. */
export const validPlanFileV1 = fc.record(common(1), { requiredKeys: [...REQUIRED] });

/** Valid version 2 files: version 1's fields plus every field and value version 2 added. */
export const validPlanFileV2 = fc.record({ ...common(2), ...components }, { requiredKeys: [...REQUIRED] });

/** Valid plan files of either version. */
export const validPlanFile = fc.oneof(validPlanFileV1, validPlanFileV2);
