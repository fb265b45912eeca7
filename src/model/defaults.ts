import type { Service, StrategySettings } from './types.ts';

/** Defaults for every optional plan field (documented in docs/plan-format.md). */
export const DEFAULT_HOURS_PER_MONTH = 730;

export const DEFAULT_STRATEGIES: StrategySettings = {
  sharedHost: { instanceType: 'm6i.2xlarge', targetUtilization: 0.6, minHosts: 2, discount: 0 },
  vmPerService: { instanceType: 'auto', targetUtilization: 0.6, scaling: 'static', discount: 0 },
  containerCluster: {
    nodeType: 'm6i.xlarge',
    reservation: 'eks',
    targetUtilization: 0.7,
    overprovisioning: 0.15,
    daemonSetCpuMillicores: 100,
    daemonSetMemoryMiB: 256,
    // aws-node (VPC CNI) and kube-proxy on EKS; add the others a cluster runs (CoreDNS is a Deployment, not here).
    daemonSetPods: 2,
    scaling: 'hourly',
    // The plan layer replaces this with the catalog's kubernetes.controlPlaneHourly when the plan omits it.
    controlPlaneHourly: 0.1,
    discount: 0,
  },
  serverless: { freeTier: true, apiGateway: 'none', discount: 0 },
};

export const DEFAULT_SERVICE = {
  growthPerMonth: 0,
  minInstances: 1,
  stateful: false,
  containerCpuMillicores: 250,
  architecture: 'x86_64',
  ephemeralStorageMiB: 512,
  provisionedConcurrency: 0,
} as const;

/** Lambda accepts 128 to 10,240 MB of memory in 1 MB steps. */
export const LAMBDA_MEMORY_MIB = { min: 128, max: 10_240 } as const;
/** Lambda's ephemeral storage: 512 MB free, up to 10,240 MB. */
export const LAMBDA_EPHEMERAL_MIB = { free: 512, max: 10_240 } as const;

/**
 * Fill a service's optional fields: pod requests default to 250 millicores and the service's memory; the Lambda
 * memory defaults to the service's memory clamped to Lambda's 128–10,240 MB range.
 */
export function serviceWithDefaults(
  s: Pick<Service, 'name' | 'trafficRps' | 'cpuMsPerRequest' | 'durationMs' | 'memoryMiB'> & {
    growthPerMonth?: number | undefined;
    minInstances?: number | undefined;
    stateful?: boolean | undefined;
    vmInstanceType?: string | null | undefined;
    container?: Partial<Service['container']> | undefined;
    serverless?: Partial<Service['serverless']> | undefined;
  },
): Service {
  return {
    name: s.name,
    trafficRps: s.trafficRps,
    growthPerMonth: s.growthPerMonth ?? DEFAULT_SERVICE.growthPerMonth,
    cpuMsPerRequest: s.cpuMsPerRequest,
    durationMs: s.durationMs,
    memoryMiB: s.memoryMiB,
    minInstances: s.minInstances ?? DEFAULT_SERVICE.minInstances,
    stateful: s.stateful ?? DEFAULT_SERVICE.stateful,
    vmInstanceType: s.vmInstanceType ?? null,
    container: {
      cpuMillicores: s.container?.cpuMillicores ?? DEFAULT_SERVICE.containerCpuMillicores,
      memoryMiB: s.container?.memoryMiB ?? s.memoryMiB,
    },
    serverless: {
      memoryMiB:
        s.serverless?.memoryMiB ??
        Math.min(LAMBDA_MEMORY_MIB.max, Math.max(LAMBDA_MEMORY_MIB.min, Math.ceil(s.memoryMiB))),
      architecture: s.serverless?.architecture ?? DEFAULT_SERVICE.architecture,
      ephemeralStorageMiB: s.serverless?.ephemeralStorageMiB ?? DEFAULT_SERVICE.ephemeralStorageMiB,
      provisionedConcurrency: s.serverless?.provisionedConcurrency ?? DEFAULT_SERVICE.provisionedConcurrency,
    },
  };
}
