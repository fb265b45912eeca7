import type { ContainerServicePrices } from '../model/types.ts';

/**
 * Azure Container Apps, Consumption plan, East US, pay as you go (issue 13 §1–§2; pricing-2.md §7): the price object
 * for the `azure-eastus` catalog's `containerService` (the coordinator hangs it into that catalog, its `sources` into
 * the catalog's). The billing rules and the free grant are Microsoft's own (billing.md in MicrosoftDocs/azure-docs);
 * the rates are third-party copies. docs/catalogs.md "Serverless containers: Cloud Run, Container Apps".
 */
export const azureContainerApps = {
  asOf: '2026-11-01',
  sources: [
    'Azure Container Apps, Consumption plan rates, East US [third-party; pricing-2.md §7]: active $0.000024 per vCPU-second, idle $0.000003 per vCPU-second, memory $0.000003 per GiB-second active or idle, $0.40 per million requests',
    'articles/container-apps/billing.md, MicrosoftDocs/azure-docs [official]: billed per second for the vCPU and memory allocated to each running replica; free each calendar month per subscription 180,000 vCPU-seconds, 360,000 GiB-seconds and 2 million requests; a replica is idle (reduced rate) only in a revision with minimum replicas > 0 scaled to that minimum, serving no request, using < 0.01 vCPU and receiving < 1,000 bytes/s; above the minimum every replica is active; health probes and requests from inside the environment are not billed; no worked examples in the stored versions',
    'articles/container-apps/containers.md, MicrosoftDocs/azure-docs [official]: vCPU and memory in fixed pairs, 0.25 vCPU / 0.5 GiB to 4 vCPU / 8 GiB in 0.25 vCPU steps (the Consumption profile of a workload profiles environment; a Consumption-only environment stops at 2 vCPU / 4 GiB)',
    'Container Apps HTTP scale rule: 10 concurrent requests per replica by default [official, scale-app.md; not re-read in the stored material]; the most is not published in the stored material (1,000 here)',
  ],
  containerService: {
    model: 'container-apps',
    product: 'Azure Container Apps',
    rates: {
      instance: {
        vcpuSecond: 0.000024,
        gibSecond: 0.000003,
        idle: { vcpuSecond: 0.000003, gibSecond: 0.000003 },
        requestsPerMillion: 0.4,
        freeGrant: { vcpuSeconds: 180_000, gibSeconds: 360_000, requests: 2_000_000 },
      },
    },
    defaultBilling: 'instance',
    roundingMs: 0,
    concurrency: { default: 10, max: 1000 },
    sizes: pairs(),
    notes: [
      'Consumption plan only: Dedicated workload profiles (billed per profile instance, with a management fee) are not priced.',
      'A replica at the minimum is idle when it serves no request; the CPU (< 0.01 vCPU) and network (< 1,000 bytes/s) conditions are taken as met when it serves none.',
      'Jobs, GPUs, and requests from inside the environment (not billed) are not modelled; every request of the plan is billed.',
      'Savings plans: enter your own figure as the discount (vCPU and memory, not requests).',
    ],
  },
} satisfies { asOf: string; sources: string[]; containerService: ContainerServicePrices };

/** The Consumption sizes: 0.25 to 4 vCPU in 0.25 steps, each with twice its vCPU in GiB. */
function pairs(): { vcpu: number; memoryGiB: number[] }[] {
  const out: { vcpu: number; memoryGiB: number[] }[] = [];
  for (let q = 1; q <= 16; q++) out.push({ vcpu: q / 4, memoryGiB: [q / 2] });
  return out;
}
