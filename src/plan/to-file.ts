// A resolved Plan → a plan file (version 2, the version this build writes) with every value written out, so the UI
// can save what it edits. parsePlan(planToFile(plan)) gives the same plan back; a plan read from a version 1 file is
// written as version 2 with the same figures (its pod requests, resolved by version 1's rule, are written out).
import { bundledCatalog } from '../catalog/index.ts';
import {
  UNCERTAIN_INPUTS,
  type Catalog,
  type ContainerServiceRates,
  type Plan,
  type Uncertainty,
} from '../model/index.ts';
import { PLAN_FORMAT, PLAN_VERSION } from './limits.ts';
import type { CatalogFile, PlanFile } from './schema.ts';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The catalog is written by id when it is exactly the bundled catalog of that id, and inline otherwise (an edited
 * or custom catalog must travel with the plan).
 */
export function planToFile(plan: Plan): PlanFile {
  const bundled = bundledCatalog(plan.catalog.id);
  const catalog: string | CatalogFile =
    bundled !== undefined && sameJson(bundled, plan.catalog) ? plan.catalog.id : catalogToFile(plan.catalog);
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    name: plan.name,
    hoursPerMonth: plan.hoursPerMonth,
    catalog,
    services: plan.services.map((s) => ({
      name: s.name,
      trafficRps: [...s.trafficRps],
      growthPerMonth: s.growthPerMonth,
      cpuMsPerRequest: s.cpuMsPerRequest,
      durationMs: s.durationMs,
      memoryMiB: s.memoryMiB,
      minInstances: s.minInstances,
      stateful: s.stateful,
      ...(s.vmInstanceType === null ? {} : { vmInstanceType: s.vmInstanceType }),
      container: { ...s.container },
      serverless: {
        ...s.serverless,
        provisionedConcurrency: Array.isArray(s.serverless.provisionedConcurrency)
          ? [...s.serverless.provisionedConcurrency]
          : s.serverless.provisionedConcurrency,
      },
      ...uncertaintyToFile(s.uncertainty),
      ...(s.latency ? { latency: { ...s.latency } } : {}),
      ...(s.fargate === undefined ? {} : { fargate: { ...s.fargate } }),
    })),
    strategies: {
      sharedHost: { ...plan.strategies.sharedHost },
      vmPerService: { ...plan.strategies.vmPerService },
      containerCluster: { ...plan.strategies.containerCluster },
      serverless: { ...plan.strategies.serverless },
      serverlessContainers: { ...plan.strategies.serverlessContainers },
    },
    frontDoor: { ...plan.frontDoor },
    resilience: { ...plan.resilience },
    storage: { ...plan.storage },
    network: { ...plan.network },
    logs: { ...plan.logs },
    operations: {
      hourlyRate: plan.operations.hourlyRate,
      hoursPerMonth: { ...plan.operations.hoursPerMonth },
    },
    ...uncertaintyToFile(plan.uncertainty),
  };
}

/** The ranges as the file writes them (none: no key), each range copied. */
function uncertaintyToFile(u: Uncertainty | undefined): { uncertainty?: Uncertainty } {
  if (u === undefined) return {};
  const out: Uncertainty = {};
  for (const input of UNCERTAIN_INPUTS) {
    const r = u[input];
    if (r !== undefined) out[input] = { low: r.low, high: r.high };
  }
  return { uncertainty: out };
}

/** One billing mode's rates of a Cloud Run or Container Apps price object, as plain objects (issue 13 §1). */
function ratesToFile(r: ContainerServiceRates) {
  const { idle, ...rest } = r;
  return { ...rest, freeGrant: { ...r.freeGrant }, ...(idle ? { idle: { ...idle } } : {}) };
}

function catalogToFile(c: Catalog): CatalogFile {
  // A key left undefined would still be a key of the file object: drop the prices the catalog does not have.
  const {
    loadBalancers,
    nat,
    blockStorage,
    logs,
    fargate,
    containerService,
    apiGateway,
    products,
    strategyDefaults,
    ...copy
  } = structuredClone(c);
  const { vcpuSecond, vcpuByMemory, ...serverless } = copy.serverless;
  return {
    ...copy,
    instanceTypes: copy.instanceTypes.map((t) => ({ ...t })),
    serverless: {
      ...serverless,
      gbSecond: {
        x86_64: serverless.gbSecond.x86_64.map((t) => ({ ...t })),
        arm64: copy.serverless.gbSecond.arm64.map((t) => ({ ...t })),
      },
      freeTier: { ...copy.serverless.freeTier },
      // Functions billed per vCPU-second too (issue 13 §1): only when the catalog has it.
      ...(vcpuSecond ? { vcpuSecond: vcpuSecond.map((t) => ({ ...t })) } : {}),
      ...(vcpuByMemory ? { vcpuByMemory: vcpuByMemory.map((r) => ({ ...r })) } : {}),
      provisionedConcurrencyGbSecond: { ...copy.serverless.provisionedConcurrencyGbSecond },
      provisionedDurationGbSecond: { ...copy.serverless.provisionedDurationGbSecond },
    },
    // API Gateway is AWS's (issue 13 §1): a catalog of another cloud has none.
    ...(apiGateway
      ? {
          apiGateway: {
            http: apiGateway.http.map((t) => ({ ...t })),
            rest: apiGateway.rest.map((t) => ({ ...t })),
          },
        }
      : {}),
    kubernetes: { ...copy.kubernetes },
    // Another cloud's product names and strategy defaults (issue 13 §1), only when the catalog has them.
    ...(products ? { products: { ...products } } : {}),
    ...(strategyDefaults ? { strategyDefaults: { ...strategyDefaults } } : {}),
    // The prices around compute (issue 10 §2–§4), each only when the catalog has it (absent: not priced).
    ...(loadBalancers
      ? { loadBalancers: { alb: { ...loadBalancers.alb }, nlb: { ...loadBalancers.nlb } } }
      : {}),
    ...(nat ? { nat } : {}),
    ...(blockStorage ? { blockStorage } : {}),
    ...(logs ? { logs } : {}),
    ...(fargate
      ? {
          fargate: {
            ...fargate,
            vcpuHourly: { ...fargate.vcpuHourly },
            memoryGiBHourly: { ...fargate.memoryGiBHourly },
            taskSizes: fargate.taskSizes.map((t) => ({ vcpu: t.vcpu, memoryGiB: [...t.memoryGiB] })),
            notes: [...fargate.notes],
          },
        }
      : {}),
    // Cloud Run or Container Apps prices (issue 13 §1), only when the catalog has them (already a copy).
    ...(containerService
      ? {
          containerService: {
            ...containerService,
            rates: {
              ...(containerService.rates.request
                ? { request: ratesToFile(containerService.rates.request) }
                : {}),
              ...(containerService.rates.instance
                ? { instance: ratesToFile(containerService.rates.instance) }
                : {}),
            },
            concurrency: { ...containerService.concurrency },
            sizes: containerService.sizes.map((t) => ({ vcpu: t.vcpu, memoryGiB: [...t.memoryGiB] })),
          },
        }
      : {}),
  };
}
