// Builders for tests in every layer: a valid resolved plan with defaults, and a flat curve.
import {
  COMPONENTS_OFF,
  DEFAULT_HOURS_PER_MONTH,
  resolveStrategies,
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
    strategies: resolveStrategies(strategies, catalog),
    ...COMPONENTS_OFF,
    ...components,
  };
}
