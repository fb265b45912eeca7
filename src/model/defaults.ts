import type { Catalog, Commitment, FargateTask, PlanComponents, Service, StrategySettings } from './types.ts';

/**
 * Defaults for every optional plan field when a plan file leaves it out (documented in docs/plan-format.md). These
 * are version 1's values and stay so: a plan file must give the same figures in every later Headroom (issue 10 §1),
 * so a component added later is OFF when its field is absent. Plans created in the app get the realistic values of
 * NEW_PLAN_DEFAULTS written explicitly into the file instead.
 */
export const DEFAULT_HOURS_PER_MONTH = 730;

export const DEFAULT_STRATEGIES: StrategySettings = {
  sharedHost: { instanceType: 'm6i.2xlarge', targetUtilization: 0.6, minHosts: 2, discount: 0 },
  vmPerService: {
    instanceType: 'auto',
    targetUtilization: 0.6,
    scaling: 'static',
    scaleAheadHours: 0,
    discount: 0,
  },
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
    scaleAheadHours: 0,
    // The plan layer replaces this with the catalog's kubernetes.controlPlaneHourly when the plan omits it.
    controlPlaneHourly: 0.1,
    discount: 0,
  },
  serverless: { freeTier: true, apiGateway: 'none', inVpc: false, fallback: 'none', discount: 0 },
  // Serverless containers (issue 12 §2), new in version 2: a plan without these settings still gets the strategy,
  // priced with these defaults; no other strategy's figures read them. ECS on x86_64, tasks at the pods' target
  // utilization, scaled hourly (what ECS service auto scaling does).
  serverlessContainers: {
    platform: 'ecs',
    architecture: 'x86_64',
    targetUtilization: 0.7,
    scaling: 'hourly',
    scaleAheadHours: 0,
    discount: 0,
    // The plan layer replaces this with the catalog's kubernetes.controlPlaneHourly when the plan omits it (EKS only).
    controlPlaneHourly: 0.1,
  },
};

/** What a plan gives for its strategies: any subset of each strategy's settings. */
export type StrategySettingsInput = {
  [K in keyof StrategySettings]?:
    | (Partial<Omit<StrategySettings[K], 'commitment'>> & { commitment?: Partial<Commitment> | undefined })
    | undefined;
};

/**
 * A strategy's settings as given with its commitment (issue 13 §5) made whole: each part the plan leaves out is 0;
 * no commitment key when it gives none.
 */
function withCommitment<T extends object>(
  given: (T & { commitment?: Partial<Commitment> | undefined }) | undefined,
): Omit<T, 'commitment'> & { commitment?: Commitment } {
  if (!given) return {} as Omit<T, 'commitment'>;
  const { commitment: c, ...rest } = given;
  return c
    ? { ...rest, commitment: { hourlyCommitment: c.hourlyCommitment ?? 0, discount: c.discount ?? 0 } }
    : rest;
}

/**
 * Every strategy's settings: its defaults, then what the plan gives; a cluster's control-plane fee defaults to the
 * catalog's. Written once, for the plan layer and the tests' plans (a new strategy adds its line here).
 */
export function resolveStrategies(
  given: StrategySettingsInput,
  catalog: Pick<Catalog, 'kubernetes' | 'strategyDefaults'>,
): StrategySettings {
  const d = DEFAULT_STRATEGIES;
  const own = catalogStrategyDefaults(catalog);
  return {
    sharedHost: {
      ...d.sharedHost,
      instanceType: own.sharedHostInstanceType,
      ...withCommitment(given.sharedHost),
    },
    vmPerService: { ...d.vmPerService, ...withCommitment(given.vmPerService) },
    containerCluster: {
      ...d.containerCluster,
      nodeType: own.containerNodeType,
      reservation: own.reservation,
      controlPlaneHourly: catalog.kubernetes.controlPlaneHourly,
      ...withCommitment(given.containerCluster),
    },
    serverless: { ...d.serverless, ...withCommitment(given.serverless) },
    serverlessContainers: {
      ...d.serverlessContainers,
      controlPlaneHourly: catalog.kubernetes.controlPlaneHourly,
      ...withCommitment(given.serverlessContainers),
    },
  };
}

/**
 * The instance types (and reservation formula) a plan's strategies default to with `catalog` (issue 13 §1): the
 * catalog's own where it declares them, else the engine's (AWS types). A plan that names a type keeps it.
 */
export function catalogStrategyDefaults(catalog: Pick<Catalog, 'strategyDefaults'>): {
  sharedHostInstanceType: string;
  containerNodeType: string;
  reservation: StrategySettings['containerCluster']['reservation'];
} {
  const c = catalog.strategyDefaults;
  return {
    sharedHostInstanceType: c?.sharedHostInstanceType ?? DEFAULT_STRATEGIES.sharedHost.instanceType,
    containerNodeType: c?.containerNodeType ?? DEFAULT_STRATEGIES.containerCluster.nodeType,
    reservation: c?.reservation ?? DEFAULT_STRATEGIES.containerCluster.reservation,
  };
}

/** Fargate's ephemeral storage per task: 20 GiB included, up to 200 GiB (pricing-2.md §5). */
export const FARGATE_STORAGE_GIB = { included: 20, max: 200 } as const;

/** The components of plan format version 2, each OFF: what a plan file that leaves one out gets (issue 10 §1). */
export const COMPONENTS_OFF: PlanComponents = {
  frontDoor: {
    kind: 'none',
    perService: false,
    rules: 10,
    bytesPerRequest: 2048,
    requestsPerConnection: 10,
    connectionSeconds: 60,
  },
  resilience: { zones: 1, surviveZoneLoss: false },
  storage: { rootVolumeGiB: 0, type: 'gp3' },
  network: { natGateways: 0, natGBPerMonth: 0 },
  logs: { bytesPerRequest: 0 },
  operations: {
    hourlyRate: 0,
    hoursPerMonth: {
      sharedHost: 0,
      vmPerService: 0,
      containerCluster: 0,
      serverless: 0,
      serverlessContainers: 0,
    },
  },
};

/**
 * What a plan created in the app starts with, written explicitly into its file (issue 10 §1; why each value, in
 * docs/plan-format.md "Defaults of a new plan"): every strategy priced on equal terms with what a production
 * deployment on AWS has. A shared ALB in front (the usual HTTP front door; Lambda behind an HTTP API, the cheaper
 * API Gateway), two zones (the least AWS recommends for availability), 20 GiB gp3 root volumes (gp3 is EBS's
 * default type; 20 GiB holds an OS and a container runtime), hourly scaling one hour ahead for VMs and containers
 * (an autoscaler must be ready before traffic arrives), and the services Lambda cannot run priced on their own VMs.
 */
export const NEW_PLAN_DEFAULTS = {
  frontDoor: { ...COMPONENTS_OFF.frontDoor, kind: 'alb' },
  resilience: { zones: 2, surviveZoneLoss: false },
  storage: { rootVolumeGiB: 20, type: 'gp3' },
  network: COMPONENTS_OFF.network,
  logs: COMPONENTS_OFF.logs,
  operations: COMPONENTS_OFF.operations,
  strategies: {
    vmPerService: { scaling: 'hourly', scaleAheadHours: 1 },
    containerCluster: { scaling: 'hourly', scaleAheadHours: 1 },
    serverless: { apiGateway: 'http', fallback: 'vmPerService' },
    serverlessContainers: { scaling: 'hourly', scaleAheadHours: 1 },
  },
} as const satisfies typeof COMPONENTS_OFF & {
  strategies: { [K in keyof StrategySettings]?: Partial<StrategySettings[K]> };
};

/** Pod CPU request of a version 1 plan that gives none: 250 millicores whatever the service. */
export const V1_POD_MILLICORES = 250;

/**
 * Pod CPU request of a version 2 plan that gives none (issue 10 §5): the shape of a general-purpose instance, 1 vCPU
 * per 4 GiB of the pod's memory request, at least 250 millicores; whole millicores, rounded up.
 */
export function podMillicoresFor(memoryMiB: number): number {
  return Math.max(V1_POD_MILLICORES, Math.ceil((memoryMiB * 1000) / 4096));
}

export const DEFAULT_SERVICE = {
  growthPerMonth: 0,
  minInstances: 1,
  stateful: false,
  containerCpuMillicores: V1_POD_MILLICORES,
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
    fargate?: FargateTask | undefined;
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
    // Fargate sizes left out are derived where the catalog's task sizes are known (fargate.ts): no key when absent.
    ...(s.fargate === undefined ? {} : { fargate: { ...s.fargate } }),
  };
}
