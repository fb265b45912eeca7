import type { Catalog, InstanceType } from '../model/types.ts';
import { gcpCloudRun } from './gcp-cloud-run.ts';

/**
 * Google Cloud us-central1 (Iowa, a tier-1 region), on demand: Compute Engine E2 and N2 machine types, GKE, Cloud Run
 * functions (issue 13 §2; ../shared/reference/pricing-2.md §6). Each figure's source is in `sources`, third-party
 * figures marked [3p] and figures computed here [calc]. Prices Headroom has no Google source for (load balancers,
 * Cloud NAT, persistent disks, Cloud Logging, API Gateway) are left out: a plan that configures them lists them as
 * not included.
 */

/** Compute Engine on-demand rates per vCPU-hour and per GiB-hour, by machine family [3p]. */
export const GCP_MACHINE_RATES = {
  e2: { vcpuHourly: 0.021811, memoryGiBHourly: 0.002923 },
  n2: { vcpuHourly: 0.031611, memoryGiBHourly: 0.004237 },
} as const;

/**
 * A predefined machine type, priced as Compute Engine bills it: vCPU × the family's vCPU rate + memory × its GiB
 * rate [calc], rounded to the six decimals the rates have. `billedVcpu` is what the price counts (e2-medium, a
 * shared-core type, is billed as 1 vCPU); it is also the vCPU the engine sizes with (the sustained share).
 */
function machine(
  name: string,
  family: keyof typeof GCP_MACHINE_RATES,
  billedVcpu: number,
  memoryGiB: number,
): InstanceType {
  const r = GCP_MACHINE_RATES[family];
  const hourly = Math.round((billedVcpu * r.vcpuHourly + memoryGiB * r.memoryGiBHourly) * 1e6) / 1e6;
  return { name, vcpu: billedVcpu, memoryGiB, hourly, architecture: 'x86_64' };
}

export const gcpUsCentral1 = {
  id: 'gcp-us-central1',
  name: 'Google Cloud us-central1, on demand',
  currency: 'USD',
  asOf: '2026-11-01',
  provider: 'gcp',
  products: { vm: 'Compute Engine', kubernetes: 'GKE', functions: 'Cloud Run functions' },
  // A shared host and a cluster node of the sizes the AWS defaults have (8 vCPU / 32 GiB, 4 vCPU / 16 GiB).
  strategyDefaults: {
    sharedHostInstanceType: 'n2-standard-8',
    containerNodeType: 'n2-standard-4',
    reservation: 'gke',
  },
  sources: [
    'Compute Engine on-demand rates, us-central1 [3p, consistent public price books; pricing-2.md §6]: E2 $0.021811 per vCPU-hour and $0.002923 per GiB-hour; N2 $0.031611 and $0.004237',
    'Machine type prices [calc]: vCPU × vCPU rate + memory × GiB rate (e2-medium, shared core, billed as 1 vCPU: $0.033503; e2-standard-2 $0.067006; n2-standard-2 $0.097118; n2-standard-8 $0.388472)',
    'GKE pricing page [official]: cluster management fee $0.10 per cluster-hour in every mode; free tier of $74.40 in monthly credits per billing account, applied to zonal and Autopilot clusters only',
    'GKE: 110 pods per node by default (Kubernetes and GKE Standard default maximum pods per node) [official]',
    'Cloud Run pricing, request-based billing, tier 1 [3p rates; rounding text official; pricing-2.md §6]: $0.000024 per vCPU-second, $0.0000025 per GiB-second, $0.40 per million requests; free each month 180,000 vCPU-seconds, 360,000 GiB-seconds, 2 million requests; usage rounded up to the nearest 100 ms. Cloud Run functions are billed at Cloud Run rates',
    'Cloud Run functions, "Configure memory and vCPU limits" [official, docs.cloud.google.com/functions/docs/configuring/memory]: memory → vCPU 128 MiB .083, 256 MiB .167, 512 MiB .333, 1 GiB .583, 2 GiB 1, 4 GiB 2, 8 GiB 2, 16 GiB 4, 32 GiB 8',
    'Cloud Run functions limits [assumption from Google docs, not read on a stored page]: HTTP functions time out after at most 60 minutes; an instance serves one request at a time (the default concurrency of 1); 1,000 instances at once taken as the concurrency limit',
    ...gcpCloudRun.sources,
  ],
  instanceTypes: [
    machine('e2-medium', 'e2', 1, 4),
    machine('e2-standard-2', 'e2', 2, 8),
    machine('e2-standard-4', 'e2', 4, 16),
    machine('e2-standard-8', 'e2', 8, 32),
    machine('e2-standard-16', 'e2', 16, 64),
    machine('e2-highcpu-4', 'e2', 4, 4),
    machine('e2-highmem-4', 'e2', 4, 32),
    machine('n2-standard-2', 'n2', 2, 8),
    machine('n2-standard-4', 'n2', 4, 16),
    machine('n2-standard-8', 'n2', 8, 32),
    machine('n2-standard-16', 'n2', 16, 64),
    machine('n2-highcpu-4', 'n2', 4, 4),
    machine('n2-highmem-4', 'n2', 4, 32),
  ],
  // Cloud Run functions (Cloud Run request-based billing): per request, per vCPU-second and per GiB-second of each
  // request's time rounded up to 100 ms, with the vCPU of the function's memory. One architecture: both get the
  // same rate.
  serverless: {
    requestsPerMillion: 0.4,
    gbSecond: {
      x86_64: [{ upTo: null, price: 0.0000025 }],
      arm64: [{ upTo: null, price: 0.0000025 }],
    },
    vcpuSecond: [{ upTo: null, price: 0.000024 }],
    vcpuByMemory: [
      { memoryMiB: 128, vcpu: 0.083 },
      { memoryMiB: 256, vcpu: 0.167 },
      { memoryMiB: 512, vcpu: 0.333 },
      { memoryMiB: 1024, vcpu: 0.583 },
      { memoryMiB: 2048, vcpu: 1 },
      { memoryMiB: 4096, vcpu: 2 },
      { memoryMiB: 8192, vcpu: 2 },
      { memoryMiB: 16384, vcpu: 4 },
      { memoryMiB: 32768, vcpu: 8 },
    ],
    durationRoundingMs: 100,
    maxMemoryMiB: 32768,
    freeTier: { requests: 2_000_000, gbSeconds: 360_000, vcpuSeconds: 180_000 },
    // No ephemeral-storage price: Cloud Run's file system is in memory (counted in the memory above).
    ephemeralStorageGbSecond: 0,
    provisionedConcurrencyGbSecond: { x86_64: 0, arm64: 0 },
    provisionedDurationGbSecond: { x86_64: 0, arm64: 0 },
    provisionedConcurrencyUnsupported:
      'Cloud Run functions keep instances warm with minimum instances, billed at the idle rate; not modelled',
    maxDurationMs: 3_600_000,
    concurrencyLimit: 1000,
  },
  kubernetes: {
    controlPlaneHourly: 0.1,
    freeCreditMonthly: {
      amount: 74.4,
      appliesTo: 'per billing account, zonal and Autopilot clusters only',
    },
    maxPodsPerNode: 110,
  },
  // Serverless containers (issue 13 §1): no Fargate here; the strategy prices with these.
  containerService: gcpCloudRun.containerService,
} satisfies Catalog;
