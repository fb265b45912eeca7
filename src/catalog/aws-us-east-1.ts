import type { Catalog } from '../model/types.ts';

/**
 * AWS us-east-1 on-demand prices, from ../shared/reference/pricing.md (each figure's source is listed there and in
 * `sources`). Instance prices other than m7g.xlarge are secondary: identical in five or more public price tables,
 * "last updated January 2025", not read on an AWS page.
 */
export const awsUsEast1 = {
  id: 'aws-us-east-1',
  name: 'AWS us-east-1, on-demand',
  currency: 'USD',
  asOf: '2025-10-01',
  sources: [
    'AWS Lambda pricing page and AWS Price List data, effective 2025-10-01 (Lambda requests, duration tiers, provisioned concurrency, ephemeral storage, free tier)',
    'AWS Lambda quotas documentation (900 s maximum duration, 1,000 concurrent executions per region by default)',
    'AWS whitepaper on API Gateway cost optimization, Table 4 (REST and HTTP API request tiers)',
    'AWS EC2 on-demand pricing page (m7g.xlarge $0.1632/h); all other instance prices secondary: public price tables, January 2025',
    'awslabs/amazon-eks-ami, nodeadm/internal/kubelet/config.go (EKS maxPods)',
    'AWS Containers blog, 2024 (EKS control plane $0.10 per cluster-hour)',
    'AWS Elastic Load Balancing pricing page, as transcribed in pricing-2.md §1 [official]: ALB $0.0225 per hour + $0.008 per LCU-hour, NLB $0.0225 per hour + $0.006 per NLCU-hour; agrees with infracost golden tests (730 h = $16.43) [third-party]',
    'NAT gateway $0.045 per hour and $0.045 per GB processed: infracost golden tests (730 h = $32.85, 100 GB = $4.50) [third-party]',
    'EBS gp3 $0.08 and gp2 $0.10 per GB-month: infracost golden tests [third-party]',
    'CloudWatch Logs ingestion $0.50 per GB: infracost golden tests [third-party]; 5 GB a month free: CloudWatch pricing page [official]',
    'AWS Fargate pricing page, worked examples (verbatim copy) [official]: Linux/x86 $0.000011244 per vCPU-second and $0.000001235 per GB-second, Linux/ARM $0.0000089944 and $0.0000009889, ephemeral storage $0.0000000308 per GB-second above the 20 GB included; hourly figures $0.04048, $0.004445, $0.03238, $0.00356, $0.000111 [third-party, equal to per-second × 3,600 to the digits published]',
    'AWS Fargate task sizes (ECS developer guide) [official]; EKS on Fargate pod sizing, +256 MB (EKS user guide) [official]',
  ],
  instanceTypes: [
    { name: 't3.micro', vcpu: 2, memoryGiB: 1, hourly: 0.0104, maxPods: 4 },
    { name: 't3.small', vcpu: 2, memoryGiB: 2, hourly: 0.0208, maxPods: 11 },
    { name: 't3.medium', vcpu: 2, memoryGiB: 4, hourly: 0.0416, maxPods: 17 },
    { name: 't3.large', vcpu: 2, memoryGiB: 8, hourly: 0.0832, maxPods: 35 },
    { name: 't3.xlarge', vcpu: 4, memoryGiB: 16, hourly: 0.1664, maxPods: 58 },
    { name: 'm5.large', vcpu: 2, memoryGiB: 8, hourly: 0.096, maxPods: 29 },
    { name: 'm5.xlarge', vcpu: 4, memoryGiB: 16, hourly: 0.192, maxPods: 58 },
    { name: 'm5.2xlarge', vcpu: 8, memoryGiB: 32, hourly: 0.384, maxPods: 58 },
    { name: 'm6i.large', vcpu: 2, memoryGiB: 8, hourly: 0.096, maxPods: 29 },
    { name: 'm6i.xlarge', vcpu: 4, memoryGiB: 16, hourly: 0.192, maxPods: 58 },
    { name: 'm6i.2xlarge', vcpu: 8, memoryGiB: 32, hourly: 0.384, maxPods: 58 },
    { name: 'm6i.4xlarge', vcpu: 16, memoryGiB: 64, hourly: 0.768, maxPods: 234 },
    { name: 'm7g.large', vcpu: 2, memoryGiB: 8, hourly: 0.0816, maxPods: 29 },
    { name: 'm7g.xlarge', vcpu: 4, memoryGiB: 16, hourly: 0.1632, maxPods: 58 },
    { name: 'm7g.2xlarge', vcpu: 8, memoryGiB: 32, hourly: 0.3264, maxPods: 58 },
    { name: 'c6i.large', vcpu: 2, memoryGiB: 4, hourly: 0.085, maxPods: 29 },
    { name: 'c6i.xlarge', vcpu: 4, memoryGiB: 8, hourly: 0.17, maxPods: 58 },
    { name: 'c6i.2xlarge', vcpu: 8, memoryGiB: 16, hourly: 0.34, maxPods: 58 },
    { name: 'r6i.large', vcpu: 2, memoryGiB: 16, hourly: 0.126, maxPods: 29 },
    { name: 'r6i.xlarge', vcpu: 4, memoryGiB: 32, hourly: 0.252, maxPods: 58 },
    { name: 'r6i.2xlarge', vcpu: 8, memoryGiB: 64, hourly: 0.504, maxPods: 58 },
  ],
  serverless: {
    requestsPerMillion: 0.2,
    gbSecond: {
      x86_64: [
        { upTo: 6e9, price: 0.0000166667 },
        { upTo: 15e9, price: 0.000015 },
        { upTo: null, price: 0.0000133334 },
      ],
      arm64: [
        { upTo: 7.5e9, price: 0.0000133334 },
        { upTo: 18.75e9, price: 0.0000120001 },
        { upTo: null, price: 0.0000106667 },
      ],
    },
    freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
    ephemeralStorageGbSecond: 0.0000000309,
    provisionedConcurrencyGbSecond: { x86_64: 0.0000041667, arm64: 0.0000033334 },
    provisionedDurationGbSecond: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    maxDurationMs: 900_000,
    concurrencyLimit: 1000,
  },
  apiGateway: {
    http: [
      { upTo: 300e6, price: 1.0 },
      { upTo: null, price: 0.9 },
    ],
    rest: [
      { upTo: 333e6, price: 3.5 },
      { upTo: 1e9, price: 2.8 },
      { upTo: 20e9, price: 2.38 },
      { upTo: null, price: 1.51 },
    ],
  },
  kubernetes: { controlPlaneHourly: 0.1 },
  // Prices around compute (issue 10 §2–§4; pricing-2.md §1–§2): priced only when a plan configures the component.
  loadBalancers: {
    alb: { hourly: 0.0225, unitHourly: 0.008 },
    nlb: { hourly: 0.0225, unitHourly: 0.006 },
  },
  nat: { hourly: 0.045, perGB: 0.045 },
  blockStorage: { gp3: 0.08, gp2: 0.1 },
  logs: { ingestionPerGB: 0.5, freeGBPerMonth: 5 },
  // Serverless containers (issue 12 §2; pricing-2.md §5): Linux tasks, hourly prices. The pricing page publishes
  // per-second rates rounded to five significant digits; the hourly rates are AWS's price list figures, and those
  // per-second rates are them ÷ 3,600 rounded (0.04048 ÷ 3,600 = 0.0000112444…).
  fargate: {
    vcpuHourly: { x86_64: 0.04048, arm64: 0.03238 },
    memoryGiBHourly: { x86_64: 0.004445, arm64: 0.00356 },
    storageGiBHourly: 0.000111,
    includedStorageGiB: 20,
    taskSizes: [
      { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
      { vcpu: 0.5, memoryGiB: steps(1, 4, 1) },
      { vcpu: 1, memoryGiB: steps(2, 8, 1) },
      { vcpu: 2, memoryGiB: steps(4, 16, 1) },
      { vcpu: 4, memoryGiB: steps(8, 30, 1) },
      { vcpu: 8, memoryGiB: steps(16, 60, 4) },
      { vcpu: 16, memoryGiB: steps(32, 120, 8) },
    ],
    notes: [
      'Linux tasks only: Windows tasks (ECS only, x86_64) cost $0.0000254167 per vCPU-second plus an OS licence of $0.0000127778 per vCPU-second, and $0.0000027778 per GB-second, billed with a 5-minute minimum; not modelled.',
      'Fargate Spot: “up to 70%” off, prices not published in the stored material; enter your own figure as the discount (ECS only; EKS on Fargate has no Spot).',
      'Billed per second from image download until the task stops, 1-minute minimum (Linux); priced here by the hour: a task running in an hour is billed that hour.',
    ],
  },
} satisfies Catalog;

/** Memory sizes from `from` to `to` GiB in steps of `step` (a task size row of the Fargate table). */
function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
}
