// fast-check generators of valid plan files, shared by the plan tests (not used by the app).
import fc from 'fast-check';
import { field } from './fields.ts';

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

const service = fc.record(
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
        memoryMiB: inRange(field('services[].serverless.memoryMiB').range),
        architecture: fc.constantFrom(
          ...field('services[].serverless.architecture').options.map((o) => o.value),
        ),
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
  },
  { requiredKeys: ['name', 'trafficRps', 'cpuMsPerRequest', 'durationMs', 'memoryMiB'] },
);

/** Valid plan files: values inside every range; memory small enough to fit the default hosts. */
export const validPlanFile = fc.record(
  {
    format: fc.constant('headroom-plan'),
    version: fc.constant(1),
    name: fc.string({ minLength: 1, maxLength: 30 }),
    hoursPerMonth: finite(1, 8928),
    catalog: fc.constant('aws-us-east-1'),
    services: fc.uniqueArray(service, { maxLength: 5, selector: (s) => s.name }),
    strategies: fc.record(
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
            scaling: fc.constantFrom(...field('strategies.vmPerService.scaling').options.map((o) => o.value)),
            discount: finite(0, 0.9),
          },
          { requiredKeys: [] },
        ),
        containerCluster: fc.record(
          {
            nodeType: fc.constantFrom('m6i.xlarge', 'm6i.4xlarge'),
            reservation: fc.constantFrom(
              ...field('strategies.containerCluster.reservation').options.map((o) => o.value),
            ),
            overprovisioning: inRange(field('strategies.containerCluster.overprovisioning').range),
            scaling: fc.constantFrom(
              ...field('strategies.containerCluster.scaling').options.map((o) => o.value),
            ),
          },
          { requiredKeys: [] },
        ),
        serverless: fc.record(
          {
            freeTier: fc.boolean(),
            apiGateway: fc.constantFrom(
              ...field('strategies.serverless.apiGateway').options.map((o) => o.value),
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['format', 'version', 'name', 'catalog', 'services'] },
);
