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
  freeTier: { requests: number; gbSeconds: number };
  ephemeralStorageGbSecond: number;
  provisionedConcurrencyGbSecond: Record<Architecture, number>;
  provisionedDurationGbSecond: Record<Architecture, number>;
  maxDurationMs: number;
  concurrencyLimit: number;
}

export interface Catalog {
  id: string;
  name: string;
  currency: string;
  asOf: string;
  sources: string[];
  instanceTypes: InstanceType[];
  serverless: ServerlessPrices;
  /** Tiers count requests; prices are per million requests. */
  apiGateway: { http: Tier[]; rest: Tier[] };
  kubernetes: { controlPlaneHourly: number };
}

export type Scaling = 'static' | 'hourly';
export type Reservation = 'eks' | 'gke' | 'aks' | 'none';
export type ApiGatewayKind = 'none' | 'http' | 'rest';

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
    memoryMiB: number;
    architecture: Architecture;
    ephemeralStorageMiB: number;
    /** Environments kept warm: one level for every hour, or 24/168 hourly levels. */
    provisionedConcurrency: number | number[];
  };
}

export interface SharedHostSettings {
  instanceType: string;
  targetUtilization: number;
  minHosts: number;
  discount: number;
}

export interface VmPerServiceSettings {
  /** A catalog type name, or `auto`: per service, the type that makes that service cheapest. */
  instanceType: string;
  targetUtilization: number;
  scaling: Scaling;
  discount: number;
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
  controlPlaneHourly: number;
  discount: number;
}

export interface ServerlessSettings {
  freeTier: boolean;
  apiGateway: ApiGatewayKind;
  discount: number;
}

export interface StrategySettings {
  sharedHost: SharedHostSettings;
  vmPerService: VmPerServiceSettings;
  containerCluster: ContainerClusterSettings;
  serverless: ServerlessSettings;
}

/** A validated plan with defaults applied and its catalog resolved: the engine's only input. */
export interface Plan {
  name: string;
  hoursPerMonth: number;
  catalog: Catalog;
  services: Service[];
  strategies: StrategySettings;
}

export type StrategyId = 'shared-host' | 'vm-per-service' | 'container-cluster' | 'serverless';
export const STRATEGY_IDS: readonly StrategyId[] = [
  'shared-host',
  'vm-per-service',
  'container-cluster',
  'serverless',
];
export const STRATEGY_NAMES: Record<StrategyId, string> = {
  'shared-host': 'Multiple services per host',
  'vm-per-service': 'Service instance per VM',
  'container-cluster': 'Service instance per container',
  serverless: 'Serverless (Lambda)',
};

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
  /** False when the strategy cannot run this service (serverless: stateful or too long). */
  included: boolean;
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

export interface StrategyReport {
  id: StrategyId;
  name: string;
  /**
   * Present (never empty) when this strategy cannot be costed for the plan: then its cost is 0, it has no line items,
   * every service is `included: false`, and it never counts as cheapest. Absent when the strategy was costed.
   */
  cannotCost?: CostingProblem[];
  monthlyCost: number;
  utilization: Utilization;
  /** Named capacity figures, e.g. hosts, instanceHours, nodeHours, peakNodes, peakConcurrency. */
  capacity: Record<string, number>;
  lineItems: LineItem[];
  services: ServiceCost[];
  warnings: Warning[];
  week: WeekSeries;
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
