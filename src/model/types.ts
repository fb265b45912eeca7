import type { FigureUnit, StrategyId } from './registry.ts';

// The engine's contract: a resolved plan in, a report out. Every downstream layer (UI, CSV, CLI) reads the
// report and never recomputes a figure. See docs/cost-model.md for the formulas.

export type Architecture = 'x86_64' | 'arm64';
export const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

/** One tier of a tiered price. `upTo` is the cumulative quantity where the tier ends (`null` = no end). */
export interface Tier {
  upTo: number | null;
  price: number;
}

export interface InstanceType {
  name: string;
  vcpu: number;
  memoryGiB: number;
  /** On-demand price per hour. */
  hourly: number;
  /** EKS maxPods (ENIs × (IPv4 per ENI − 1) + 2); optional in custom catalogs. */
  maxPods?: number | undefined;
  /** CPU architecture; when absent, AWS naming tells (Graviton families end in "g": m7g, c6gn, t4g). */
  architecture?: Architecture | undefined;
}

export interface ServerlessPrices {
  requestsPerMillion: number;
  /** On-demand duration tiers, GB-seconds per month per architecture. */
  gbSecond: Record<Architecture, Tier[]>;
  /** The free grant a month; `vcpuSeconds` only where duration is also priced per vCPU-second (issue 13 §1). */
  freeTier: { requests: number; gbSeconds: number; vcpuSeconds?: number | undefined };
  ephemeralStorageGbSecond: number;
  provisionedConcurrencyGbSecond: Record<Architecture, number>;
  provisionedDurationGbSecond: Record<Architecture, number>;
  maxDurationMs: number;
  concurrencyLimit: number;
  // ---- Functions billing beyond Lambda's (issue 13 §1; docs/cost-model.md "Function billing per provider"). Each
  // field absent is Lambda's rule, so a catalog without them (every v1 catalog) keeps its figures.
  /** Duration also priced per vCPU-second (Cloud Run functions), tiers of the plan's total vCPU-s a month. */
  vcpuSecond?: Tier[] | undefined;
  /**
   * The vCPU a function gets at a memory size (Cloud Run functions: memory → vCPU, in increasing `memoryMiB`); a
   * function is billed the vCPU of the first row at or above its memory. Required with `vcpuSecond`.
   */
  vcpuByMemory?: { memoryMiB: number; vcpu: number }[] | undefined;
  /** Billed duration rounded up to a multiple of this many ms (Lambda 1, Cloud Run 100); absent: 1. */
  durationRoundingMs?: number | undefined;
  /** The shortest billed duration of one execution, ms (Azure Functions Consumption: 100); absent: none. */
  minBilledMs?: number | undefined;
  /**
   * Billed memory rounded up to a multiple of `stepMiB`, at least `minMiB` (Azure Functions Consumption: 128 MB steps,
   * at least 128 MB); absent: the function's memory as set.
   */
  memoryRounding?: { stepMiB: number; minMiB: number } | undefined;
  /** The largest memory a function may have, MB (Lambda 10,240; Azure Consumption 1,536); absent: Lambda's. */
  maxMemoryMiB?: number | undefined;
  /**
   * Why this catalog cannot price provisioned concurrency (kept-warm instances), in words; a service that asks for
   * it is then left out with this reason. Absent: priced at `provisioned*` (Lambda).
   */
  provisionedConcurrencyUnsupported?: string | undefined;
}

/** The cloud a catalog prices (issue 13 §1); a catalog without one is AWS. */
export type Provider = 'aws' | 'gcp' | 'azure';
export const PROVIDERS: readonly Provider[] = ['aws', 'gcp', 'azure'];

/** How a catalog's line items and notes name the provider's products (issue 13 §1). */
export interface ProductNames {
  /** Virtual machines: "EC2", "Compute Engine", "Azure Virtual Machines". */
  vm: string;
  /** Managed Kubernetes: "EKS", "GKE", "AKS". */
  kubernetes: string;
  /** Functions: "Lambda", "Cloud Run functions", "Azure Functions". */
  functions: string;
}

/** AWS's names, the products of a catalog that names none. */
export const AWS_PRODUCT_NAMES: ProductNames = { vm: 'EC2', kubernetes: 'EKS', functions: 'Lambda' };

/**
 * Managed Kubernetes prices (issue 13 §1). `controlPlaneHourly` is the fee a plan's cluster gets when its settings
 * give none (AKS: the tier the catalog recommends).
 */
export interface KubernetesPrices {
  controlPlaneHourly: number;
  /**
   * A credit against the control-plane fee each month, per billing account (GKE: $74.40), for the cluster kinds it
   * names. The engine applies it to a single-zone plan's cluster only (a zonal cluster); docs/cost-model.md.
   */
  freeCreditMonthly?: { amount: number; appliesTo: string } | undefined;
  /** The control-plane tiers to choose from (AKS: free, standard), for the picker and the docs. */
  tiers?: { name: string; hourly: number; note: string }[] | undefined;
  /** Pods per node by default on this platform (GKE 110, AKS 250); absent: the engine's per-reservation default. */
  maxPodsPerNode?: number | undefined;
}

/**
 * The instance types a catalog's strategies default to when a plan names none (issue 13 §1); absent: the engine's
 * defaults (defaults.ts), which are AWS types.
 */
export interface CatalogStrategyDefaults {
  sharedHostInstanceType?: string | undefined;
  containerNodeType?: string | undefined;
  /** The reservation formula of the catalog's managed Kubernetes (gke, aks). */
  reservation?: Reservation | undefined;
}

/** Prices of one load balancer kind (pricing-2.md §1). */
export interface LoadBalancerPrices {
  /** The load balancer's hourly fee. */
  hourly: number;
  /** One capacity unit (ALB: LCU, NLB: NLCU) for one hour. */
  unitHourly: number;
}

/**
 * Prices of the parts around compute (issue 10 §2–§4; pricing-2.md §1–§2). Optional in a catalog: a catalog
 * without one of them cannot price that component, and a strategy whose plan asks for it lists it as not included.
 */
export interface InfrastructurePrices {
  loadBalancers?: { alb: LoadBalancerPrices; nlb: LoadBalancerPrices } | undefined;
  /** NAT gateway: per gateway-hour and per GB processed. */
  nat?: { hourly: number; perGB: number } | undefined;
  /** Block storage per GB-month, by volume type. */
  blockStorage?: Record<VolumeType, number> | undefined;
  /** Log ingestion per GB, and the GB a month ingested free (CloudWatch: 5 GB). */
  logs?: { ingestionPerGB: number; freeGBPerMonth: number } | undefined;
}

/**
 * AWS Fargate prices and task sizes (issue 12 §2; pricing-2.md §5). Linux tasks; Fargate bills memory in GB that are
 * GiB (task definitions give MiB: 1 GB = 1,024 MiB), so the fields say GiB.
 */
export interface FargatePrices {
  /** Per vCPU-hour of a running task, by CPU architecture. */
  vcpuHourly: Record<Architecture, number>;
  /** Per GiB-hour of a task's memory, by CPU architecture. */
  memoryGiBHourly: Record<Architecture, number>;
  /** Ephemeral storage above `includedStorageGiB`, per GiB-hour. */
  storageGiBHourly: number;
  /** Ephemeral storage every task gets without charge (20 GiB). */
  includedStorageGiB: number;
  /** The valid task sizes: each vCPU value with the memory sizes (GiB) it allows, both in increasing order. */
  taskSizes: { vcpu: number; memoryGiB: number[] }[];
  /** What these prices leave out, in words (Windows tasks, Fargate Spot). */
  notes: string[];
}

// ── Serverless containers beyond Fargate (issue 13 §1): Cloud Run services, Azure Container Apps ──────────────────
// container-service-billing.ts; docs/cost-model.md "Serverless containers on Cloud Run and Container Apps".

/**
 * How a serverless container service bills its instances: `request`, only while an instance serves a request (Cloud
 * Run's request-based billing, with a per-request fee); `instance`, every second an instance runs (Cloud Run's
 * instance-based billing; Azure Container Apps replicas).
 */
export type ContainerServiceBilling = 'request' | 'instance';

/** One billing mode's rates: per vCPU-second and GiB-second, idle rates, per-request price and the monthly grant. */
export interface ContainerServiceRates {
  /** Per vCPU-second of an active instance (serving a request; under `instance` billing, running and not idle). */
  vcpuSecond: number;
  /** Per GiB-second of an active instance's memory. */
  gibSecond: number;
  /**
   * Per vCPU-second and GiB-second of an idle instance kept by the minimum: Cloud Run's minimum instances between
   * requests (request-based billing); a Container Apps replica of a revision at its minimum replicas, serving
   * nothing. Absent: this mode has no idle rate (Cloud Run instance-based bills every running second alike).
   */
  idle?: { vcpuSecond: number; gibSecond: number } | undefined;
  /** Per million requests (0: none, as Cloud Run's instance-based billing). */
  requestsPerMillion: number;
  /** Free each month per billing account or subscription (the plan's services share it). */
  freeGrant: { vcpuSeconds: number; gibSeconds: number; requests: number };
}

/**
 * A serverless container service's prices and rules (issue 13 §1), in a catalog of its own provider: the rates of each
 * billing mode it offers, the rounding of request-based usage, concurrency per instance and the valid instance sizes.
 */
export interface ContainerServicePrices {
  /** Which provider's rules (`container-service-billing.ts` dispatches on it). */
  model: 'cloud-run' | 'container-apps';
  /** The product's name in line items and messages ("Cloud Run", "Azure Container Apps"). */
  product: string;
  /** The rates of each billing mode the product offers (at least one). */
  rates: { request?: ContainerServiceRates | undefined; instance?: ContainerServiceRates | undefined };
  /** The mode a plan gets when it does not choose (Cloud Run: request-based; Container Apps: the only one). */
  defaultBilling: ContainerServiceBilling;
  /** Request-based usage is rounded up to this many ms per stretch of serving (Cloud Run: 100; 0: none). */
  roundingMs: number;
  /** Requests one instance serves at once: the default (Cloud Run 80, Container Apps' HTTP rule 10) and the most. */
  concurrency: { default: number; max: number };
  /** The valid instance sizes: each vCPU value with the memory sizes (GiB) it allows, both in increasing order. */
  sizes: { vcpu: number; memoryGiB: number[] }[];
  /** What these prices leave out, in words. */
  notes: string[];
}

export interface Catalog extends InfrastructurePrices {
  id: string;
  name: string;
  currency: string;
  asOf: string;
  sources: string[];
  instanceTypes: InstanceType[];
  serverless: ServerlessPrices;
  /**
   * Tiers count requests; prices are per million requests. Absent (a cloud without AWS API Gateway): a plan whose
   * functions sit behind one lists it as not included.
   */
  apiGateway?: { http: Tier[]; rest: Tier[] } | undefined;
  kubernetes: KubernetesPrices;
  /** Fargate prices (issue 12 §2); a catalog without them cannot cost serverless containers. */
  fargate?: FargatePrices | undefined;
  /**
   * Serverless container prices of a catalog without Fargate (issue 13 §1: Cloud Run, Azure Container Apps); the
   * strategy prices with them when `fargate` is absent.
   */
  containerService?: ContainerServicePrices | undefined;
  /** The cloud (issue 13 §1); absent: AWS. */
  provider?: Provider | undefined;
  /** How line items name the provider's products; each absent: AWS's name. */
  products?: Partial<ProductNames> | undefined;
  /** The instance types strategies default to with this catalog; absent: the engine's (AWS) defaults. */
  strategyDefaults?: CatalogStrategyDefaults | undefined;
}

export type Scaling = 'static' | 'hourly';
export type Reservation = 'eks' | 'gke' | 'aks' | 'none';
/** What fronts the functions: nothing, an API Gateway HTTP or REST API, or an ALB with Lambda targets. */
export type ApiGatewayKind = 'none' | 'http' | 'rest' | 'alb';
/** Lambda memory: MB, or `auto` (the smallest at or above the service's memory at which it is not CPU-stretched). */
export type LambdaMemory = number | 'auto';
export type VolumeType = 'gp3' | 'gp2';
export type FrontDoorKind = 'alb' | 'nlb' | 'none';
/** Which strategy prices the services Lambda cannot run (`none`: they are left out and the total is incomplete). */
export type ServerlessFallback = 'none' | 'vmPerService' | 'containerCluster' | 'sharedHost';

/**
 * How far an input may be from its typical value, as multipliers of it (issue 11 §3): `low` ≤ 1 ≤ `high`. Read by
 * the uncertainty analysis only (src/analysis/uncertainty.ts); the engine's figures never read it.
 */
export interface UncertaintyRange {
  low: number;
  high: number;
}

/** The ranges of a service's inputs (or, plan-wide, of every service's); an input without one has no range. */
export interface Uncertainty {
  trafficRps?: UncertaintyRange | undefined;
  cpuMsPerRequest?: UncertaintyRange | undefined;
  durationMs?: UncertaintyRange | undefined;
}

/** The inputs an uncertainty range can apply to. */
export type UncertainInput = keyof Uncertainty;
export const UNCERTAIN_INPUTS: readonly UncertainInput[] = ['trafficRps', 'cpuMsPerRequest', 'durationMs'];

/** A service with every default filled in. Curves are 24 or 168 hourly values. */
export interface Service {
  name: string;
  trafficRps: number[];
  growthPerMonth: number;
  cpuMsPerRequest: number;
  durationMs: number;
  memoryMiB: number;
  minInstances: number;
  stateful: boolean;
  /** Per-service override of the VM-per-service instance type (`null` = use the strategy's). */
  vmInstanceType: string | null;
  container: { cpuMillicores: number; memoryMiB: number };
  serverless: {
    memoryMiB: LambdaMemory;
    architecture: Architecture;
    ephemeralStorageMiB: number;
    /** Environments kept warm: one level for every hour, or 24/168 hourly levels. */
    provisionedConcurrency: number | number[];
  };
  /** This service's ranges (each input it leaves out takes the plan-wide one); absent: none of its own. */
  uncertainty?: Uncertainty | undefined;
  /** The Fargate task (ECS) or pod request (EKS) of this service; absent or partial: derived (fargate.ts). */
  fargate?: FargateTask | undefined;
  /** Sizing for a latency target (issue 12 §3) as well as for CPU; absent: CPU alone, the figures of before. */
  latency?: LatencyTarget | undefined;
}

/**
 * A latency objective (issue 12 §3): the share `percentile` of requests starts service within `targetWaitMs`, each
 * instance (VM, host instance, pod, task) serving `concurrencyPerInstance` requests at once. Erlang C, src/model/
 * erlang.ts; docs/cost-model.md "Latency targets".
 */
export interface LatencyTarget {
  /** How long a request may wait before its service starts, in ms. */
  targetWaitMs: number;
  /** The share of requests that must start within the target (0.95: p95). */
  percentile: number;
  /** Requests one instance serves at once (its servers in the M/M/c model). */
  concurrencyPerInstance: number;
}

/**
 * How a latency target sized a service in one strategy (issue 12 §3), on its ServiceCost. The counts are at the
 * service's busiest hour (the most instances); `latencyHours` says in how many hours of the week latency decided.
 */
export interface LatencySizing {
  /** What decided the count at the busiest hour: CPU at the target utilization, or the latency target. */
  sizedBy: 'cpu' | 'latency';
  /** Instances (VMs, pods, instances on the shared pool) CPU alone gives at that hour, floor and zones included. */
  cpuInstances: number;
  /** Instances counted at that hour. */
  instances: number;
  /** Hours of the week in which the latency target raised the count above CPU's. */
  latencyHours: number;
  /** The wait (ms) the share `percentile` of requests stays within, at the worst hour of the week, with the count. */
  waitMs: number;
  percentile: number;
  targetWaitMs: number;
}

/**
 * A service's Fargate task as the plan gives it (issue 12 §2): vCPU and memory of one task (ECS; EKS: the pod's
 * request), ephemeral storage (20–200 GiB). Each size left out is derived from the service (fargate.ts `taskSizeOf`).
 */
export interface FargateTask {
  cpu?: number | undefined;
  memoryGiB?: number | undefined;
  ephemeralStorageGiB?: number | undefined;
}

// Commitments and Spot (issue 13 §5; docs/cost-model.md "Commitments (Savings Plans)" and "Spot capacity").

/**
 * A commitment as the plan gives it (`strategies.<key>.commitment`): `hourlyCommitment` on-demand dollars of the
 * strategy's compute spend each hour are billed at `discount` off, every hour, used or not; spend above is on demand.
 */
export interface Commitment {
  /** On-demand dollars per hour the commitment covers (0: none bought; the report still shows the best level). */
  hourlyCommitment: number;
  /** Fraction off the on-demand price for the usage the commitment covers (Compute Savings Plans: up to 0.66). */
  discount: number;
}

/** What capacity the strategy's nodes or tasks run on: on-demand, or Spot at the user's discount figure. */
export type CapacityKind = 'on-demand' | 'spot';

/** One point of the cost curve across commitment levels. */
export interface CommitmentPoint {
  /** The level, in on-demand dollars per hour. */
  hourlyCommitment: number;
  /** The committed-spend part of the strategy's month at that level: the commitment fee plus on-demand above it. */
  monthlyCost: number;
}

/** A strategy's commitment as priced (present when its settings have one). Money is a month's, after discounts. */
export interface CommitmentReport {
  hourlyCommitment: number;
  discount: number;
  /** What the eligible hourly spend counts, and what stays outside the commitment, in words. */
  covers: string;
  notCovered: string;
  /** False when nothing the strategy runs is eligible (Spot capacity): the commitment is then all wasted. */
  eligible: boolean;
  /** The commitment fee: hourlyCommitment × (1 − discount) × hours of the month. */
  committed: number;
  /** The part of the fee that paid for usage. */
  used: number;
  /** The part of the fee no usage met (committed − used). */
  wasted: number;
  /** The eligible spend at on-demand rates, and the part of it the commitment covered. */
  eligibleOnDemand: number;
  coveredOnDemand: number;
  /** The level that minimizes the month's cost for the plan's curve, that cost, and what it saves against none. */
  best: { hourlyCommitment: number; monthlyCost: number; saves: number };
  /** The cost across levels from none to the peak hourly spend (a chart's points). */
  curve: CommitmentPoint[];
}

export interface SharedHostSettings {
  instanceType: string;
  targetUtilization: number;
  minHosts: number;
  discount: number;
  /** A savings-plan commitment on the hosts' instance-hours (issue 13 §5); absent: none. */
  commitment?: Commitment | undefined;
}

export interface VmPerServiceSettings {
  /** A catalog type name, or `auto`: per service, the type that makes that service cheapest. */
  instanceType: string;
  targetUtilization: number;
  scaling: Scaling;
  /** Hourly scaling only: capacity in hour h is sized for the highest demand in hours h … h+k (0–3). */
  scaleAheadHours: number;
  discount: number;
  /** A savings-plan commitment on the instances' hours (issue 13 §5); absent: none. */
  commitment?: Commitment | undefined;
}

export interface ContainerClusterSettings {
  nodeType: string;
  reservation: Reservation;
  targetUtilization: number;
  overprovisioning: number;
  daemonSetCpuMillicores: number;
  daemonSetMemoryMiB: number;
  /** Pods every node runs for its DaemonSets; they take pod slots (default 2: aws-node and kube-proxy on EKS). */
  daemonSetPods: number;
  scaling: Scaling;
  /** Hourly scaling only: capacity in hour h is sized for the highest demand in hours h … h+k (0–3). */
  scaleAheadHours: number;
  controlPlaneHourly: number;
  discount: number;
  /** A savings-plan commitment on the node-hours (issue 13 §5); absent: none. */
  commitment?: Commitment | undefined;
  /** On-demand nodes, or Spot nodes at `spotDiscount` off (issue 13 §5); absent: on-demand. */
  capacity?: CapacityKind | undefined;
  /** Spot only: the user's own figure of the discount off on-demand node prices. */
  spotDiscount?: number | undefined;
}

export interface ServerlessSettings {
  freeTier: boolean;
  apiGateway: ApiGatewayKind;
  /** Functions attached to the VPC (then they pay the plan's NAT gateways like the other strategies). */
  inVpc: boolean;
  fallback: ServerlessFallback;
  discount: number;
  /** A Compute Savings Plan commitment on Lambda duration (issue 13 §5); absent: none. */
  commitment?: Commitment | undefined;
}

/** Where Fargate runs the tasks: ECS tasks, or EKS pods (each pod a Fargate task of its own). */
export type FargatePlatform = 'ecs' | 'eks';

/** Serverless containers on AWS Fargate (issue 12 §2; docs/cost-model.md "Serverless containers"). */
export interface ServerlessContainersSettings {
  platform: FargatePlatform;
  /** x86_64, or arm64 (Graviton; ECS only). */
  architecture: Architecture;
  targetUtilization: number;
  scaling: Scaling;
  /** Hourly scaling only: capacity in hour h is sized for the highest demand in hours h … h+k (0–3). */
  scaleAheadHours: number;
  /** Off vCPU and memory prices (Compute Savings Plans, or Fargate Spot: the user's figure). */
  discount: number;
  /** EKS only: the cluster's control plane fee per hour. */
  controlPlaneHourly: number;
  // Read only with a catalog's `containerService` (Cloud Run, Container Apps; issue 13 §1); Fargate ignores them.
  /** Request- or instance-based billing; absent: the catalog's `defaultBilling`. */
  billing?: ContainerServiceBilling | undefined;
  /** Requests one instance serves at once; absent: the catalog's default (Cloud Run 80). */
  concurrency?: number | undefined;
  /** Apply the monthly free grant (vCPU-seconds, GiB-seconds, requests); absent: applied. */
  freeGrant?: boolean | undefined;
  /** A Compute Savings Plan commitment on the tasks' vCPU and memory (issue 13 §5); absent: none. */
  commitment?: Commitment | undefined;
  /** On-demand tasks, or Fargate Spot at `spotDiscount` off (issue 13 §5; ECS only); absent: on-demand. */
  capacity?: CapacityKind | undefined;
  /** Spot only: the user's own figure of the discount off the vCPU and memory prices (AWS: "up to 70%"). */
  spotDiscount?: number | undefined;
}

export interface StrategySettings {
  sharedHost: SharedHostSettings;
  vmPerService: VmPerServiceSettings;
  containerCluster: ContainerClusterSettings;
  serverless: ServerlessSettings;
  serverlessContainers: ServerlessContainersSettings;
}

/** The key of a strategy's settings in a plan (`strategies.<key>`). */
export type StrategyKey = keyof StrategySettings;

/** The load balancer in front of shared hosts, VMs and containers (issue 10 §2). `kind: "none"`: not priced. */
export interface FrontDoor {
  kind: FrontDoorKind;
  /** One load balancer per service instead of one shared by all. */
  perService: boolean;
  /** Listener rules evaluated per request (ALB; the first 10 are free). */
  rules: number;
  /** Request plus response bytes of one request. */
  bytesPerRequest: number;
  /** Requests one connection carries (keep-alive). */
  requestsPerConnection: number;
  /** How long a connection stays open, in seconds. */
  connectionSeconds: number;
}

/** Zones every fleet spreads over, and whether it must survive losing one (issue 10 §3). */
export interface Resilience {
  /** Availability zones (1–6); every fleet that runs in an hour has at least this many members. */
  zones: number;
  /** Keep meeting demand after the fullest zone is lost (needs 2 zones or more). */
  surviveZoneLoss: boolean;
}

/** Root volumes of hosts, VM instances and nodes (issue 10 §4); `rootVolumeGiB: 0` prices none. */
export interface Storage {
  rootVolumeGiB: number;
  type: VolumeType;
}

/** NAT gateways of the VPC the services run in (issue 10 §4). */
export interface Network {
  natGateways: number;
  natGBPerMonth: number;
}

/** Log ingestion (issue 10 §4): application log bytes written per request. */
export interface Logs {
  bytesPerRequest: number;
}

/** The people each strategy needs, as the user estimates them (issue 10 §4). */
export interface Operations {
  /** Cost of one person-hour, in the catalog's currency. */
  hourlyRate: number;
  /** Person-hours a month each strategy needs (0: none estimated). */
  hoursPerMonth: Record<StrategyKey, number>;
}

/**
 * A validated plan with defaults applied and its catalog resolved: the engine's only input. The components of plan
 * format version 2 (front door, zones, storage, network, logs, operations) are always present here; a plan file
 * that leaves one out resolves to its "off" value (defaults.ts: COMPONENTS_OFF), so a version 1 file keeps its
 * figures.
 */
export interface Plan extends PlanComponents {
  name: string;
  hoursPerMonth: number;
  catalog: Catalog;
  services: Service[];
  strategies: StrategySettings;
  /** The plan-wide ranges, the default of every service's (issue 11 §3); absent: no range. */
  uncertainty?: Uncertainty | undefined;
}

/** The plan-wide components of format version 2, around compute (issue 10 §2–§4). */
export interface PlanComponents {
  frontDoor: FrontDoor;
  resilience: Resilience;
  storage: Storage;
  network: Network;
  logs: Logs;
  operations: Operations;
}

// Strategy ids, names and settings keys are declared once, in the registry (registry.ts).
export type { StrategyId } from './registry.ts';
/** One priced thing. `cost` is quantity × unitPrice rounded to cents, half away from zero. */
export interface LineItem {
  /** The service this line belongs to, or `null` for a shared line (a host pool, a price tier, a fee). */
  service: string | null;
  component: string;
  unit: string;
  quantity: number;
  unitPrice: number;
  cost: number;
}

export interface Warning {
  service: string | null;
  code: string;
  message: string;
}

export interface ServiceCost {
  service: string;
  /** Monthly cost allocated to this service; the services' costs add up to the strategy's monthlyCost. */
  cost: number;
  /** False when the strategy cannot run this service (serverless: stateful or too long) and nothing priced it. */
  included: boolean;
  /** Set when another strategy priced this service in this strategy's total (serverless' fallback). */
  via?: StrategyId | undefined;
  /** Present when the service has a latency target and the strategy sizes instances for it (issue 12 §3). */
  latency?: LatencySizing | undefined;
}

export interface Utilization {
  /** Mean CPU demand over the week ÷ mean paid vCPU; `null` when nothing is paid or for serverless. */
  cpuAverage: number | null;
  /** Highest hourly ratio of CPU demand to paid vCPU; `null` as above. */
  cpuPeak: number | null;
}

/** Hour-by-hour figures over one week (168 values), for charts of paid capacity against demand. */
export interface WeekSeries {
  /** What the services need that hour (vCPU; concurrent executions for serverless). */
  demand: number[];
  /** What is paid for that hour (vCPU; provisioned concurrency for serverless). */
  capacity: number[];
  /** Hosts, instances or nodes running that hour (serverless: peak concurrency of the hour). */
  units: number[];
  /** What `demand` and `capacity` count: "vCPU" or "concurrent executions". */
  unit: string;
}

/**
 * Why a strategy cannot be costed for a plan that is otherwise valid (a pod larger than the node type can allocate,
 * a service too big for the host type), located by the plan path to change, with what would fix it.
 */
export interface CostingProblem {
  path: string;
  /** The service concerned, or `null` for a strategy setting. */
  service: string | null;
  message: string;
  /** What would let the strategy be costed, in words ("choose a larger node type (e.g. m6i.2xlarge), or …"). */
  fix: string;
}

/** How a strategy's capacity follows demand: sized once for the peak, hour by hour, or per request (Lambda). */
export type ScalingMode = 'static' | 'hourly' | 'per-request';

/** One capacity figure of a strategy's report: `value` is `capacity[key]`; label and unit from the registry. */
export interface Figure {
  key: string;
  label: string;
  value: number;
  unit: FigureUnit;
  /** Shown on the strategy's card at once. */
  primary: boolean;
}

export interface StrategyReport {
  id: StrategyId;
  /** The strategy's name; with a serverless fallback it says so ("Serverless (Lambda) + VMs for 1 service"). */
  name: string;
  /** The scaling mode the figures assume, and how many hours ahead hourly capacity is sized (0 otherwise). */
  scaling: { mode: ScalingMode; aheadHours: number };
  /**
   * What this strategy's total does not include, in words a planner reads on the card and in exports ("data
   * transfer between zones", "NAT gateways (not configured)"). Never empty in practice: no model prices everything.
   */
  notIncluded: string[];
  /**
   * Present (never empty) when this strategy cannot be costed for the plan: then its cost is 0, it has no line items,
   * every service is `included: false`, and it never counts as cheapest. Absent when the strategy was costed.
   */
  cannotCost?: CostingProblem[];
  monthlyCost: number;
  utilization: Utilization;
  /**
   * Named capacity figures, e.g. hosts, instanceHours, nodeHours, peakNodes, peakConcurrency (kept as a plain map:
   * JSON reports and scripts read it; `figures` is the same values, typed).
   */
  capacity: Record<string, number>;
  /** The capacity figures as the strategy declares them (registry.ts), labelled and with units, in its order. */
  figures: Figure[];
  /** The resolved settings this report was priced with (`strategies.<settingsKey>` of the plan, defaults applied). */
  settings: StrategySettings[StrategyKey];
  lineItems: LineItem[];
  services: ServiceCost[];
  warnings: Warning[];
  week: WeekSeries;
  /** The strategy's savings-plan commitment as priced (issue 13 §5); absent when its settings have none. */
  commitment?: CommitmentReport | undefined;
}

export interface Report {
  plan: string;
  currency: string;
  hoursPerMonth: number;
  catalog: { id: string; asOf: string };
  strategies: StrategyReport[];
  /**
   * The cheapest strategy among those that run every service (serverless leaves out stateful or too-long services,
   * so it only competes when it runs them all; one that cannot be costed never competes); `null` when none does.
   * Ties go to the earlier strategy.
   */
  cheapest: StrategyId | null;
}

export interface ForecastMonth {
  month: number;
  /** The calendar month this forecast month is, `YYYY-MM` (month 1 is the forecast's start month). */
  calendarMonth: string;
  costs: Record<StrategyId, number>;
  /** The cheapest strategy that month, by the same rule as `Report.cheapest` (no tolerance). */
  cheapest: StrategyId | null;
  /**
   * The cheapest complete strategy that month once lead changes within the tolerance are ignored (see
   * `Forecast.tolerance`): what a person means by "from which month is X cheapest".
   */
  leader: StrategyId | null;
  /** Each strategy's cost over months 1…month (whole cents, summed without float drift). */
  cumulative: Record<StrategyId, number>;
  capacity: Record<StrategyId, Record<string, number>>;
}

/** When the forecast's leader changes: `leader` is cheapest from `calendarMonth` on (until the next change). */
export interface LeadChange {
  month: number;
  calendarMonth: string;
  /** The leader before this month (`null` when no strategy was complete). */
  previous: StrategyId | null;
  leader: StrategyId | null;
  /** How much cheaper the new leader is than the previous one that month: (previous − leader) ÷ previous. */
  margin: number | null;
}

/** Twelve consecutive forecast months (the last block may be shorter when the horizon is not a multiple of 12). */
export interface ForecastYear {
  /** 1 for months 1–12, 2 for months 13–24, … */
  year: number;
  from: string;
  to: string;
  months: number;
  costs: Record<StrategyId, number>;
}

/** The forecast of a plan over a horizon, from a start month. Every figure downstream reads is here. */
export interface Forecast {
  /** The first forecast month, `YYYY-MM` (an input: the engine reads no clock). */
  start: string;
  months: ForecastMonth[];
  /** Relative margin a new leader must beat the current one by (0.05 = more than 5% cheaper). */
  tolerance: number;
  /** The month-1 leader is not a change; every later change of `leader` is listed once, in order. */
  leadChanges: LeadChange[];
  /** Cost per 12-month block (year 1, year 2, …). */
  years: ForecastYear[];
  /** Each strategy's cost over the whole horizon. */
  total: Record<StrategyId, number>;
  /** Strategies that run every service in every month (the only ones that can lead). */
  complete: StrategyId[];
}

/** A problem with a plan, located by a path such as `services[2].trafficRps[30]`. */
export interface PlanIssue {
  path: string;
  message: string;
}
