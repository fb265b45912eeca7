import type { ContainerServicePrices } from '../model/types.ts';

/**
 * Cloud Run services, us-central1 (tier 1), on demand (issue 13 §1–§2; pricing-2.md §6): the price object for the
 * `gcp-us-central1` catalog's `containerService` (the coordinator hangs it into that catalog, its `sources` into the
 * catalog's). Rates are third-party copies of the pricing page's table; the rounding, the sizes and the billing
 * settings are Google's own documentation. docs/catalogs.md "Serverless containers: Cloud Run, Container Apps".
 */
export const gcpCloudRun = {
  asOf: '2026-11-01',
  sources: [
    'Cloud Run pricing, tier 1 regions, services [third-party, consistent price books; pricing-2.md §6]: request-based billing $0.000024 per vCPU-second and $0.0000025 per GiB-second active, minimum instances idle $0.0000025 per vCPU-second and $0.0000025 per GiB-second, $0.40 per million requests, free each month 180,000 vCPU-seconds, 360,000 GiB-seconds and 2 million requests; instance-based billing $0.000018 per vCPU-second and $0.000002 per GiB-second, no request fee, free 240,000 vCPU-seconds and 450,000 GiB-seconds',
    'Cloud Run pricing page [official]: usage “rounded up to the nearest 100 millisecond”; the free tier is aggregated across projects by billing account and applied as a spending-based discount at tier 1 prices',
    'Cloud Run billing settings (cloud.google.com/run/docs/configuring/billing-settings) [official]: request-based billing charges instances only while they process requests, start and shut down; instance-based billing charges the entire lifecycle',
    'Cloud Run CPU limits (cloud.google.com/run/docs/configuring/services/cpu) [official]: 1, 2, 4, 6 or 8 vCPU; 1 vCPU up to 4 GiB, 2 vCPU up to 8 GiB, 4 vCPU 2–16 GiB, 6 vCPU 4–24 GiB, 8 vCPU 4–32 GiB; below 1 vCPU only with concurrency 1 (not offered here)',
    'Cloud Run concurrency [official]: 80 requests per instance by default; at most 1,000 [third-party copy of the concurrency page]',
  ],
  containerService: {
    model: 'cloud-run',
    product: 'Cloud Run',
    rates: {
      request: {
        vcpuSecond: 0.000024,
        gibSecond: 0.0000025,
        idle: { vcpuSecond: 0.0000025, gibSecond: 0.0000025 },
        requestsPerMillion: 0.4,
        freeGrant: { vcpuSeconds: 180_000, gibSeconds: 360_000, requests: 2_000_000 },
      },
      instance: {
        vcpuSecond: 0.000018,
        gibSecond: 0.000002,
        requestsPerMillion: 0,
        freeGrant: { vcpuSeconds: 240_000, gibSeconds: 450_000, requests: 0 },
      },
    },
    defaultBilling: 'request',
    roundingMs: 100,
    concurrency: { default: 80, max: 1000 },
    // Memory in 128 MiB steps (Cloud Run takes any MiB value from 128 MiB; a step is what a planner would choose).
    sizes: [
      { vcpu: 1, memoryGiB: memorySteps(0.125, 4) },
      { vcpu: 2, memoryGiB: memorySteps(0.125, 8) },
      { vcpu: 4, memoryGiB: memorySteps(2, 16) },
      { vcpu: 6, memoryGiB: memorySteps(4, 24) },
      { vcpu: 8, memoryGiB: memorySteps(4, 32) },
    ],
    notes: [
      'Services only: Cloud Run jobs (always instance-based) and GPUs are not priced.',
      'Below 1 vCPU (0.08–1, concurrency 1, request-based, first-generation environment) is not offered: instances are 1, 2, 4, 6 or 8 vCPU.',
      'Committed use discounts: enter your own figure as the discount (vCPU and memory, not requests).',
      'Outbound data transfer, tier 2 regions and the startup CPU boost are not priced.',
    ],
  },
} satisfies { asOf: string; sources: string[]; containerService: ContainerServicePrices };

/** Memory sizes from `from` to `to` GiB in 128 MiB steps. */
function memorySteps(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from * 8; m <= to * 8; m++) out.push(m / 8);
  return out;
}
