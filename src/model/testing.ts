// Builders for tests in every layer: a valid resolved plan with defaults, and a flat curve.
import {
  COMPONENTS_OFF,
  DEFAULT_HOURS_PER_MONTH,
  DEFAULT_STRATEGIES,
  serviceWithDefaults,
} from './defaults.ts';
import type { Catalog, Plan, PlanComponents, Service, StrategySettings } from './types.ts';

/** The plan-wide components of format version 2 (front door, zones, …); absent ones are off. */
export type Components = Partial<PlanComponents>;

export type ServiceInput = Parameters<typeof serviceWithDefaults>[0];

export function flat(rps: number, hours: 24 | 168 = 24): number[] {
  return new Array<number>(hours).fill(rps);
}

export function testService(overrides: Partial<ServiceInput> = {}): Service {
  return serviceWithDefaults({
    name: 'svc',
    trafficRps: flat(10),
    cpuMsPerRequest: 10,
    durationMs: 50,
    memoryMiB: 512,
    ...overrides,
  });
}

export function testPlan(
  catalog: Catalog,
  services: Service[],
  strategies: { [K in keyof StrategySettings]?: Partial<StrategySettings[K]> } = {},
  hoursPerMonth = DEFAULT_HOURS_PER_MONTH,
  components: Components = {},
): Plan {
  return {
    name: 'test plan',
    hoursPerMonth,
    catalog,
    services,
    strategies: {
      sharedHost: { ...DEFAULT_STRATEGIES.sharedHost, ...strategies.sharedHost },
      vmPerService: { ...DEFAULT_STRATEGIES.vmPerService, ...strategies.vmPerService },
      containerCluster: {
        ...DEFAULT_STRATEGIES.containerCluster,
        controlPlaneHourly: catalog.kubernetes.controlPlaneHourly,
        ...strategies.containerCluster,
      },
      serverless: { ...DEFAULT_STRATEGIES.serverless, ...strategies.serverless },
      serverlessContainers: {
        ...DEFAULT_STRATEGIES.serverlessContainers,
        controlPlaneHourly: catalog.kubernetes.controlPlaneHourly,
        ...strategies.serverlessContainers,
      },
    },
    ...COMPONENTS_OFF,
    ...components,
  };
}
