import type { Architecture, Catalog, InstanceType } from '../model/types.ts';
import { awsUsEast1 } from './aws-us-east-1.ts';

/**
 * Snapshot `aws-us-east-1@2026-11` (issue 13 §2): the 2025-10 snapshot (aws-us-east-1.ts) with the current EC2
 * families, m7i, c7i, r7i and Graviton m7g, c7g, r7g, large through 16xlarge, and m6i, c6i, r6i up to 16xlarge.
 * Immutable once released like every snapshot (its content hash is pinned in snapshots.test.ts): new prices go into a
 * new snapshot, so that a plan naming this one keeps its figures.
 *
 * Instance prices: pricing-2.md §4, Karpenter's generated price file (aws/karpenter-provider-aws, generated
 * 2026-07-20), machine-generated from the AWS Price List [third-party]. vCPU and memory: large 2 vCPU, xlarge 4,
 * 2xlarge 8, 4xlarge 16, 8xlarge 32, 16xlarge 64; memory per vCPU m 4 GiB, c 2 GiB, r 8 GiB. EKS maxPods:
 * awslabs/amazon-eks-ami, templates/shared/runtime/eni-max-pods.txt (the same for every family here: large 29,
 * xlarge 58, 2xlarge 58, 4xlarge 234, 8xlarge 234, 16xlarge 737). Every other price is the 2025-10 snapshot's.
 */

/** Sizes of the families added: name suffix, vCPU, EKS maxPods (eni-max-pods.txt). */
const SIZES: readonly { size: string; vcpu: number; maxPods: number }[] = [
  { size: 'large', vcpu: 2, maxPods: 29 },
  { size: 'xlarge', vcpu: 4, maxPods: 58 },
  { size: '2xlarge', vcpu: 8, maxPods: 58 },
  { size: '4xlarge', vcpu: 16, maxPods: 234 },
  { size: '8xlarge', vcpu: 32, maxPods: 234 },
  { size: '16xlarge', vcpu: 64, maxPods: 737 },
];

/**
 * One family, large through 16xlarge: hourly prices in SIZES order, as pricing-2.md §4 lists them (written out, not
 * derived by doubling, so each figure can be checked against the table).
 */
function family(
  name: string,
  gibPerVcpu: number,
  architecture: Architecture,
  hourly: readonly [number, number, number, number, number, number],
): InstanceType[] {
  return SIZES.map((s, i) => ({
    name: `${name}.${s.size}`,
    vcpu: s.vcpu,
    memoryGiB: s.vcpu * gibPerVcpu,
    hourly: hourly[i]!,
    maxPods: s.maxPods,
    architecture,
  }));
}

/** The 2025-10 snapshot's types outside the families above, architecture written out (all x86_64). */
const OLDER = awsUsEast1.instanceTypes
  .filter((t) => /^(t3|m5)\./.test(t.name))
  .map((t): InstanceType => ({ ...t, architecture: 'x86_64' }));

export const awsUsEast1_2026_11 = {
  ...awsUsEast1,
  id: 'aws-us-east-1@2026-11',
  name: 'AWS us-east-1, on-demand (2026-11)',
  asOf: '2026-07-20',
  sources: [
    'EC2 on-demand Linux prices of the m6i, m7i, c6i, c7i, r6i, r7i, m7g, c7g and r7g families, large to 16xlarge: Karpenter generated price file (aws/karpenter-provider-aws, generated 2026-07-20), machine-generated from the AWS Price List [third-party], as transcribed in pricing-2.md §4; the m7g.xlarge price ($0.1632/h) agrees with the AWS EC2 on-demand pricing page [official]',
    'EKS maxPods of the families added: awslabs/amazon-eks-ami, templates/shared/runtime/eni-max-pods.txt (ENIs × (IPv4 addresses per ENI − 1) + 2) [official repository]',
    'EKS control plane: $0.10 per cluster-hour on standard support (the figure used); $0.60 per cluster-hour on extended support, for a cluster on a Kubernetes version past standard support (AWS Containers blog) [official] — not applied: a plan whose cluster is on extended support sets strategies.containerCluster.controlPlaneHourly (and strategies.serverlessContainers.controlPlaneHourly for EKS on Fargate) to 0.6',
    'Everything else (t3 and m5 instance types, Lambda, API Gateway, load balancers, NAT, EBS, logs, Fargate) from snapshot aws-us-east-1@2025-10, whose sources follow',
    ...awsUsEast1.sources,
  ],
  instanceTypes: [
    ...OLDER,
    ...family('m6i', 4, 'x86_64', [0.096, 0.192, 0.384, 0.768, 1.536, 3.072]),
    ...family('m7i', 4, 'x86_64', [0.1008, 0.2016, 0.4032, 0.8064, 1.6128, 3.2256]),
    ...family('m7g', 4, 'arm64', [0.0816, 0.1632, 0.3264, 0.6528, 1.3056, 2.6112]),
    ...family('c6i', 2, 'x86_64', [0.085, 0.17, 0.34, 0.68, 1.36, 2.72]),
    ...family('c7i', 2, 'x86_64', [0.08925, 0.1785, 0.357, 0.714, 1.428, 2.856]),
    ...family('c7g', 2, 'arm64', [0.0725, 0.145, 0.29, 0.58, 1.16, 2.32]),
    ...family('r6i', 8, 'x86_64', [0.126, 0.252, 0.504, 1.008, 2.016, 4.032]),
    ...family('r7i', 8, 'x86_64', [0.1323, 0.2646, 0.5292, 1.0584, 2.1168, 4.2336]),
    ...family('r7g', 8, 'arm64', [0.1071, 0.2142, 0.4284, 0.8568, 1.7136, 3.4272]),
  ],
} satisfies Catalog;
