import type { Catalog } from '../model/types.ts';
import { azureContainerApps } from './azure-container-apps.ts';

/**
 * Azure East US, Linux pay-as-you-go: Dsv5 and B-series virtual machines, AKS (free and standard tiers), Azure
 * Functions on the Consumption plan (issue 13 §2; ../shared/reference/pricing-2.md §7). Each figure's source is in
 * `sources`, third-party figures marked [3p] and figures computed here [calc]. Prices Headroom has no Microsoft source
 * for (load balancers, NAT gateway, managed disks, Log Analytics, API Management) are left out: a plan that
 * configures them lists them as not included. Instance names are Azure's ARM SKU names (`armSkuName` in the Azure
 * Retail Prices API), so an imported price list lines up with them.
 */
export const azureEastus = {
  id: 'azure-eastus',
  name: 'Azure East US, pay-as-you-go',
  currency: 'USD',
  asOf: '2026-11-01',
  provider: 'azure',
  products: { vm: 'Azure Virtual Machines', kubernetes: 'AKS', functions: 'Azure Functions' },
  // A shared host and a cluster node of the sizes the AWS defaults have (8 vCPU / 32 GiB, 4 vCPU / 16 GiB).
  strategyDefaults: {
    sharedHostInstanceType: 'Standard_D8s_v5',
    containerNodeType: 'Standard_D4s_v5',
    reservation: 'aks',
  },
  sources: [
    'Azure Virtual Machines, Linux pay-as-you-go, East US [3p; pricing-2.md §7]: D2s v5 $0.096/h, D4s v5 $0.192/h, B2s $0.0416/h',
    'D8s v5 $0.384/h and D16s v5 $0.768/h [calc]: D2s v5 × 4 and × 8 (Dsv5 prices scale with the size, as D2s → D4s does); not read on a price page',
    'AKS pricing [3p; pricing-2.md §7]: free tier, no cluster management fee; standard tier $0.10 per cluster-hour (with the uptime SLA)',
    'AKS: 250 pods per node by default for new clusters (Azure CNI Overlay) [official, AKS networking docs]; reservation formula: pricing.md',
    'Azure Functions pricing page [official for the grant and rounding]: free grant of 400,000 GB-s and 1 million executions a month per subscription; memory rounded up to the nearest 128 MB, up to the maximum memory size of 1,536 MB; execution time rounded up to the nearest 1 ms, minimum 100 ms per execution. Rates [3p; pricing-2.md §7]: $0.000016 per GB-s, $0.20 per million executions',
    'Azure Functions Consumption plan limits [official, "Azure Functions hosting options"]: 10-minute maximum timeout; at most 200 instances per app (Windows) taken as the concurrency limit',
    ...azureContainerApps.sources,
  ],
  instanceTypes: [
    { name: 'Standard_B2s', vcpu: 2, memoryGiB: 4, hourly: 0.0416, architecture: 'x86_64' },
    { name: 'Standard_D2s_v5', vcpu: 2, memoryGiB: 8, hourly: 0.096, architecture: 'x86_64' },
    { name: 'Standard_D4s_v5', vcpu: 4, memoryGiB: 16, hourly: 0.192, architecture: 'x86_64' },
    { name: 'Standard_D8s_v5', vcpu: 8, memoryGiB: 32, hourly: 0.384, architecture: 'x86_64' },
    { name: 'Standard_D16s_v5', vcpu: 16, memoryGiB: 64, hourly: 0.768, architecture: 'x86_64' },
  ],
  // Azure Functions, Consumption plan: per execution and per GB-s of memory (rounded up to 128 MB steps, capped at
  // 1,536 MB) × time (rounded up to 1 ms, at least 100 ms). One architecture: both get the same rate.
  serverless: {
    requestsPerMillion: 0.2,
    gbSecond: {
      x86_64: [{ upTo: null, price: 0.000016 }],
      arm64: [{ upTo: null, price: 0.000016 }],
    },
    freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
    durationRoundingMs: 1,
    minBilledMs: 100,
    memoryRounding: { stepMiB: 128, minMiB: 128 },
    maxMemoryMiB: 1536,
    ephemeralStorageGbSecond: 0,
    provisionedConcurrencyGbSecond: { x86_64: 0, arm64: 0 },
    provisionedDurationGbSecond: { x86_64: 0, arm64: 0 },
    provisionedConcurrencyUnsupported:
      'the Consumption plan keeps no instances warm; always-ready instances are the Flex Consumption and Premium plans’, not modelled',
    maxDurationMs: 600_000,
    concurrencyLimit: 200,
  },
  kubernetes: {
    // The standard tier (with the uptime SLA, what a production cluster runs); the free tier: a plan sets
    // strategies.containerCluster.controlPlaneHourly to 0.
    controlPlaneHourly: 0.1,
    tiers: [
      { name: 'free', hourly: 0, note: 'no cluster management fee, no uptime SLA' },
      { name: 'standard', hourly: 0.1, note: 'uptime SLA; per cluster-hour' },
    ],
    maxPodsPerNode: 250,
  },
  // Serverless containers (issue 13 §1): no Fargate here; the strategy prices with these.
  containerService: azureContainerApps.containerService,
} satisfies Catalog;
