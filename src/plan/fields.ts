// Every field of a plan file (top level, services, strategies), declared once: its label, unit, range, default and
// help. The zod schema (and so the JSON Schema in docs/plan.schema.json), the editor's fields, their hints and
// "did you mean" warnings, and the field tables of docs/plan-format.md (scripts/plan-fields-doc.ts) all read these
// entries. A strategy setting or a pod request declared here is validated, typed, shown in the editor and documented
// with no other change in src/plan or src/ui (the engine still has to use it); a service field needs its line in
// serviceSchema and its column or place in the editor. The inline catalog keeps its own schema (src/plan/schema.ts):
// it is price data, not settings a person edits field by field.
//
// Defaults come from the engine (src/model/defaults.ts, which imports nothing from here): the engine fills them in,
// this module only says what they are.
import {
  COMPONENTS_OFF,
  DEFAULT_HOURS_PER_MONTH,
  DEFAULT_LATENCY,
  DEFAULT_SERVICE,
  DEFAULT_STRATEGIES,
  FARGATE_STORAGE_GIB,
  LAMBDA_EPHEMERAL_MIB,
  LAMBDA_MEMORY_MIB,
} from '../model/index.ts';
import { PLAN_FORMAT, PLAN_LIMITS as L, PLAN_VERSION, type PlanVersion } from './limits.ts';

/** An allowed range of numbers; `int` for whole numbers. */
export interface Range {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  int?: boolean;
}

/** A default that is a rule rather than a value ("the service's `memoryMiB`"), in the words of the docs. */
export interface DefaultRule {
  rule: string;
  /** What leaving the field out means, when that is one value the editor can show (a checkbox's tick). */
  value?: string | number | boolean;
}

interface Common {
  /** What the editor calls the field (its label). */
  label: string;
  /** Help in full: the docs table's meaning (markdown) and the JSON Schema's description. */
  help?: string;
  /** A few words shown under the field in the editor. */
  hint?: string;
  /** Short header when the field is a table column. */
  column?: string;
  /** The file must give it (only top-level and service fields can be required). */
  required?: boolean;
  /**
   * The plan format version that added the field: a file of an older version that gives it has a located problem
   * (`needs "version": 2`), so an older file keeps meaning exactly what it meant (issue 10 §1). Absent: version 1.
   */
  since?: PlanVersion;
  /** Values added to the field in a later version than the field itself (`"alb"` in version 2), likewise refused. */
  valuesSince?: Readonly<Record<string, PlanVersion>>;
}

export interface NumberDecl extends Common {
  kind: 'number';
  range: Range;
  /** Unit of the stored value (`ms`, `MiB`), stated after the range in the docs. */
  unit?: string;
  /** Docs wording of the range when the plain one needs a remark, e.g. "(twelve 31-day months)". */
  rangeNote?: string;
  default?: number | DefaultRule;
}

/** A fraction stored in the file and shown and typed as a percent in the editor (issue 9 §3). */
export interface PercentDecl extends Common {
  kind: 'percent';
  range: Range;
  default?: number | DefaultRule;
  /** Above this fraction the editor asks "did you mean" a hundredth of it; `per` ends the sentence. */
  implausible?: { above: number; per: string };
}

export interface TextDecl extends Common {
  kind: 'text';
  maxLength: number;
  default?: string;
}

export interface ChoiceDecl extends Common {
  kind: 'choice';
  /** Every allowed value with the editor's words for it, in the order offered. */
  options: readonly { value: string; label: string }[];
  /** A rule when the resolved settings leave the field out (a strategy's `capacity`: on-demand). */
  default?: string | DefaultRule;
}

export interface BooleanDecl extends Common {
  kind: 'boolean';
  default?: boolean | DefaultRule;
}

/** The name of an instance type in the plan's catalog (resolved by parse.ts, which knows the catalog). */
export interface InstanceTypeDecl extends Common {
  kind: 'instanceType';
  /** A value other than a type name that is allowed, with the editor's words for it (`"auto"`, `null`). */
  extra?: { value: string | null; label: string };
  default?: string | null;
}

/** A list, object or union with a schema of its own (schema.ts); declared here for its label, help and docs row. */
export interface ShapeDecl extends Common {
  kind: 'shape';
  /** The docs table's type column. */
  type: string;
  default?: DefaultRule | null | number;
}

export type FieldDecl =
  NumberDecl | PercentDecl | TextDecl | ChoiceDecl | BooleanDecl | InstanceTypeDecl | ShapeDecl;

const S = DEFAULT_SERVICE;
const D = DEFAULT_STRATEGIES;
const OFF = COMPONENTS_OFF;

const SCALING = [
  { value: 'static', label: 'Static (sized for the peak hour)' },
  { value: 'hourly', label: 'Hourly (follows the curve)' },
] as const;
const SCALING_HELP =
  '`"static"`: sized for the peak hour all period; `"hourly"`: follows the curve hour by hour';
const DISCOUNT = {
  kind: 'percent',
  label: 'Discount',
  hint: 'off compute prices',
  range: { min: 0, max: 1, maxExclusive: true },
  help: 'fraction taken off this strategy’s compute prices (savings plan, reserved, spot — your own figure)',
} as const;
// Commitments and Spot (issue 13 §5; docs/cost-model.md "Commitments (Savings Plans)", "Spot capacity").
const COMMITMENT = {
  kind: 'shape',
  type: 'object',
  since: 2,
  label: 'Savings plan commitment',
  default: null,
  help:
    '`{ "hourlyCommitment": 1.2, "discount": 0.28 }`: on-demand dollars of this strategy’s compute spend per hour ' +
    'billed at `discount` off every hour, used or not; spend above it is on demand. The report shows committed, ' +
    'used and wasted commitment and the best level for the plan’s curve. Absent: none',
} as const;
const COMMITMENT_LEVEL = {
  kind: 'number',
  label: 'Commitment (on-demand $ per hour)',
  hint: 'on-demand spend covered each hour',
  since: 2,
  range: { min: 0, max: L.maxPrice },
  unit: 'per hour',
  default: { rule: '0 when the commitment leaves it out' },
  help: 'on-demand spend per hour the commitment covers, in the catalog’s currency (0: none bought; the report still shows the best level)',
} as const;
const COMMITMENT_DISCOUNT = {
  kind: 'percent',
  label: 'Savings plan discount',
  hint: 'off covered usage (your rate)',
  since: 2,
  range: { min: 0, max: 1, maxExclusive: true },
  default: { rule: '0 when the commitment leaves it out' },
  help: 'fraction off on-demand for the usage the commitment covers: your plan’s rate (AWS: Compute Savings Plans up to 66%, EC2 Instance Savings Plans up to 72%)',
} as const;
const CAPACITY = {
  kind: 'choice',
  label: 'Capacity',
  since: 2,
  options: [
    { value: 'on-demand', label: 'On-demand' },
    { value: 'spot', label: 'Spot (interruptible)' },
  ],
  // Absent from the resolved settings when the plan leaves it out (reports keep the settings of before).
  default: { rule: '`"on-demand"`' },
} as const;
const SPOT_DISCOUNT = {
  kind: 'percent',
  label: 'Spot discount',
  hint: 'off on-demand (your figure)',
  since: 2,
  range: { min: 0, max: 1, maxExclusive: true },
  default: { rule: '0 (Spot priced at on-demand, with a warning)' },
} as const;
const UTILIZATION_RANGE = { min: 0, max: 1, minExclusive: true } as const;
const PERSON_HOURS = {
  kind: 'number',
  range: { min: 0, max: 1e6 },
  unit: 'hours',
  default: 0,
  help: 'person-hours a month this strategy needs',
} as const;
const SCALE_AHEAD = {
  kind: 'number',
  label: 'Scale ahead (hours)',
  hint: 'ready before traffic arrives',
  range: { min: 0, max: 3, int: true },
  unit: 'hours',
  help:
    'hourly scaling only: capacity in hour _h_ is sized for the highest demand in hours _h_ … _h_ + k (an ' +
    'autoscaler must be ready before traffic arrives); ignored with static scaling',
} as const;

// Uncertainty (issue 11 §3): the same shape plan-wide and on a service, ranges as multipliers of the typical value.
const RANGE_LOW = {
  kind: 'number',
  label: 'Low (× typical)',
  range: { min: 0, minExclusive: true, max: 1 },
  default: { rule: '1 (no range below)' },
  help: 'the lowest value the input may take, as a multiple of the typical value',
} as const;
const RANGE_HIGH = {
  kind: 'number',
  label: 'High (× typical)',
  range: { min: 1, max: 100 },
  default: { rule: '1 (no range above)' },
  help: 'the highest value the input may take, as a multiple of the typical value',
} as const;
const rangeOf = (input: string, label: string) =>
  ({
    kind: 'shape',
    type: 'object',
    label,
    help: `\`{ "low", "high" }\`: how far \`${input}\` may be from its value, as multipliers of it`,
  }) as const;
const UNCERTAINTY_HELP =
  'ranges of the inputs, as multipliers of their typical values, for the uncertainty analysis (`headroom ' +
  'simulate`); the engine’s figures use the typical values';

/**
 * Every field, keyed by its path in the file (`[]` stands for any list position). The order is the docs' order.
 * Keys with `services[].` are service fields; `strategies.<key>.` are the settings of one strategy.
 */
export const PLAN_FIELDS = {
  format: {
    kind: 'shape',
    type: 'text',
    label: 'Format',
    required: true,
    help: `exactly \`"${PLAN_FORMAT}"\``,
  },
  version: {
    kind: 'shape',
    type: 'number',
    label: 'Version',
    required: true,
    help:
      `\`1\` or \`2\`; Headroom writes \`${PLAN_VERSION}\`. A version 1 file cannot use what version 2 added, and ` +
      'keeps version 1’s defaults ([Version 1 files](#version-1-files))',
  },
  name: {
    kind: 'text',
    label: 'Plan name',
    maxLength: L.maxNameLength,
    required: true,
    help: 'the plan’s name',
  },
  hoursPerMonth: {
    kind: 'number',
    label: 'Hours per month',
    range: { min: 0, minExclusive: true, max: 744 * 12 },
    unit: 'hours',
    rangeNote: '(twelve 31-day months)',
    default: DEFAULT_HOURS_PER_MONTH,
    help:
      'the billing period in hours; a week’s figures are scaled by `hoursPerMonth / 168`. 730 = 8,760 / 12, what ' +
      'the AWS Pricing Calculator uses; AWS’s own examples sometimes use 720 or 744.',
  },
  catalog: {
    kind: 'shape',
    type: 'text or object',
    label: 'Catalog',
    required: true,
    help:
      'the id of a bundled catalog snapshot (`"aws-us-east-1@2026-11"`; the bare `"aws-us-east-1"` is the ' +
      '2025-10 snapshot, for good) or a whole [catalog object](#catalog)',
  },
  services: {
    kind: 'shape',
    type: 'list of [services](#services)',
    label: 'Services',
    required: true,
    help: `0 to ${L.maxServices.toLocaleString('en-US')} services; names unique within the plan`,
  },
  strategies: {
    kind: 'shape',
    type: '[object](#strategies)',
    label: 'Strategies',
    default: { rule: 'all defaults' },
    help: 'settings of the strategies',
  },
  frontDoor: {
    kind: 'shape',
    type: '[object](#front-door)',
    since: 2,
    label: 'Front door',
    default: { rule: 'none: no load balancer priced' },
    help: 'the load balancer in front of shared hosts, VMs and containers',
  },
  resilience: {
    kind: 'shape',
    type: '[object](#resilience)',
    since: 2,
    label: 'Zones',
    default: { rule: 'one zone' },
    help: 'availability zones every fleet spreads over',
  },
  storage: {
    kind: 'shape',
    type: '[object](#storage)',
    since: 2,
    label: 'Storage',
    default: { rule: 'no root volumes priced' },
    help: 'root volumes of hosts, VM instances and nodes',
  },
  network: {
    kind: 'shape',
    type: '[object](#network)',
    since: 2,
    label: 'Network',
    default: { rule: 'no NAT gateways' },
    help: 'NAT gateways of the VPC',
  },
  logs: {
    kind: 'shape',
    type: '[object](#logs)',
    since: 2,
    label: 'Logs',
    default: { rule: 'no log ingestion priced' },
    help: 'log ingestion',
  },
  operations: {
    kind: 'shape',
    type: '[object](#operations)',
    since: 2,
    label: 'Operations (people)',
    default: { rule: 'no people priced' },
    help: 'the people each strategy needs, your own estimate',
  },
  uncertainty: {
    kind: 'shape',
    type: '[object](#uncertainty)',
    since: 2,
    label: 'Uncertainty',
    default: { rule: 'no range' },
    help: `${UNCERTAINTY_HELP}; the default of every service’s \`uncertainty\``,
  },

  'frontDoor.kind': {
    kind: 'choice',
    label: 'Load balancer',
    options: [
      { value: 'alb', label: 'Application Load Balancer (ALB)' },
      { value: 'nlb', label: 'Network Load Balancer (NLB)' },
      { value: 'none', label: 'None' },
    ],
    default: OFF.frontDoor.kind,
    help: 'the load balancer priced in front of shared hosts, VMs and containers: hourly fee plus capacity units',
  },
  'frontDoor.perService': {
    kind: 'boolean',
    label: 'One load balancer per service',
    default: OFF.frontDoor.perService,
    help: '`true`: one load balancer for each service; `false`: one shared by all services',
  },
  'frontDoor.rules': {
    kind: 'number',
    label: 'Listener rules evaluated per request',
    range: { min: 0, max: 1000, int: true },
    default: OFF.frontDoor.rules,
    help: 'ALB only: the first 10 are free; more add rule-evaluation LCUs',
  },
  'frontDoor.bytesPerRequest': {
    kind: 'number',
    label: 'Bytes per request',
    hint: 'request plus response',
    range: { min: 0, max: 1e9 },
    unit: 'bytes',
    default: OFF.frontDoor.bytesPerRequest,
    help: 'request plus response bytes the load balancer processes per request',
  },
  'frontDoor.requestsPerConnection': {
    kind: 'number',
    label: 'Requests per connection',
    hint: 'keep-alive',
    range: { min: 0, minExclusive: true, max: 1e9 },
    default: OFF.frontDoor.requestsPerConnection,
    help: 'requests one client connection carries; new connections per second = rps ÷ this',
  },
  'frontDoor.connectionSeconds': {
    kind: 'number',
    label: 'Connection lifetime (s)',
    range: { min: 0, minExclusive: true, max: 86_400 },
    unit: 's',
    default: OFF.frontDoor.connectionSeconds,
    help: 'how long a connection stays open; active connections = new connections per second × this',
  },
  'resilience.zones': {
    kind: 'number',
    label: 'Availability zones',
    range: { min: 1, max: 6, int: true },
    default: OFF.resilience.zones,
    help: 'every fleet that runs in an hour (hosts, VM instances of a service, nodes, pods of a service) has at least this many members, spread evenly; Lambda is multi-zone by design',
  },
  'resilience.surviveZoneLoss': {
    kind: 'boolean',
    label: 'Survive the loss of a zone',
    default: OFF.resilience.surviveZoneLoss,
    help: 'size every fleet so that what is left after losing its fullest zone still meets demand (needs 2 zones or more)',
  },
  'storage.rootVolumeGiB': {
    kind: 'number',
    label: 'Root volume (GiB)',
    range: { min: 0, max: 65_536 },
    unit: 'GiB',
    default: OFF.storage.rootVolumeGiB,
    help: 'per host, VM instance and node, billed per GiB-month for the hours each runs; 0 = not priced',
  },
  'storage.type': {
    kind: 'choice',
    label: 'Volume type',
    options: [
      { value: 'gp3', label: 'gp3 (general purpose SSD)' },
      { value: 'gp2', label: 'gp2 (previous generation)' },
    ],
    default: OFF.storage.type,
    help: 'the EBS volume type of the root volumes',
  },
  'network.natGateways': {
    kind: 'number',
    label: 'NAT gateways',
    hint: 'usually one per zone',
    range: { min: 0, max: 100, int: true },
    default: OFF.network.natGateways,
    help: 'NAT gateways running all month, for every strategy in a VPC (Lambda only when `strategies.serverless.inVpc`)',
  },
  'network.natGBPerMonth': {
    kind: 'number',
    label: 'GB through NAT per month',
    range: { min: 0, max: 1e9 },
    unit: 'GB',
    default: OFF.network.natGBPerMonth,
    help: 'data the NAT gateways process a month',
  },
  'logs.bytesPerRequest': {
    kind: 'number',
    label: 'Log bytes per request',
    range: { min: 0, max: 1e7 },
    unit: 'bytes',
    default: OFF.logs.bytesPerRequest,
    help: 'application log bytes written per request, ingested by the log service; Lambda adds its own START/END/REPORT lines',
  },
  'operations.hourlyRate': {
    kind: 'number',
    label: 'Cost of a person-hour',
    range: { min: 0, max: L.maxPrice },
    default: OFF.operations.hourlyRate,
    help: 'what one hour of an engineer’s time costs, in the catalog’s currency',
  },
  'operations.hoursPerMonth': {
    kind: 'shape',
    type: 'object',
    label: 'Person-hours per month',
    help: 'person-hours a month each strategy needs (patching hosts, running a cluster …); a strategy left out needs none:',
  },
  'operations.hoursPerMonth.sharedHost': { ...PERSON_HOURS, label: 'Shared hosts (person-hours / month)' },
  'operations.hoursPerMonth.vmPerService': {
    ...PERSON_HOURS,
    label: 'VM per service (person-hours / month)',
  },
  'operations.hoursPerMonth.containerCluster': {
    ...PERSON_HOURS,
    label: 'Containers (person-hours / month)',
  },
  'operations.hoursPerMonth.serverless': { ...PERSON_HOURS, label: 'Serverless (person-hours / month)' },
  'operations.hoursPerMonth.serverlessContainers': {
    ...PERSON_HOURS,
    since: 2,
    label: 'Serverless containers (person-hours / month)',
  },
  'uncertainty.trafficRps': rangeOf('trafficRps', 'Traffic'),
  'uncertainty.trafficRps.low': RANGE_LOW,
  'uncertainty.trafficRps.high': RANGE_HIGH,
  'uncertainty.cpuMsPerRequest': rangeOf('cpuMsPerRequest', 'CPU ms per request'),
  'uncertainty.cpuMsPerRequest.low': RANGE_LOW,
  'uncertainty.cpuMsPerRequest.high': RANGE_HIGH,
  'uncertainty.durationMs': rangeOf('durationMs', 'Duration ms'),
  'uncertainty.durationMs.low': RANGE_LOW,
  'uncertainty.durationMs.high': RANGE_HIGH,

  'services[].name': {
    kind: 'text',
    label: 'Name',
    maxLength: L.maxNameLength,
    required: true,
    help: 'unique within the plan',
  },
  'services[].trafficRps': {
    kind: 'shape',
    type: 'curve',
    label: 'Traffic',
    required: true,
    help: `24 or 168 values, each ≥ 0 and ≤ ${L.maxRps.toLocaleString('en-US')}: mean requests per second in that hour`,
  },
  'services[].growthPerMonth': {
    kind: 'percent',
    label: 'Growth per month',
    column: 'Growth / month',
    range: { min: -0.99, max: 10 },
    default: S.growthPerMonth,
    implausible: { above: 0.3, per: 'a month' },
    help:
      'traffic growth per month as a fraction (0.03 = 3 %), used by the forecast only: month _m_ multiplies the ' +
      'curve by (1 + growth)^(m−1)',
  },
  'services[].cpuMsPerRequest': {
    kind: 'number',
    label: 'CPU ms per request',
    column: 'CPU ms / request',
    range: { min: 0, max: 1e7 },
    unit: 'ms',
    required: true,
    help: 'vCPU-milliseconds of work one request takes. CPU demand in an hour = rps × cpuMsPerRequest / 1000 vCPU',
  },
  'services[].durationMs': {
    kind: 'number',
    label: 'Duration ms',
    range: { min: 0, minExclusive: true, max: L.maxDurationMs },
    unit: 'ms',
    required: true,
    help:
      'wall-clock milliseconds of one request. Serverless bills it (rounded up to the whole ms); concurrency = ' +
      'rps × durationMs / 1000',
  },
  'services[].memoryMiB': {
    kind: 'number',
    label: 'Memory MiB',
    range: { min: 0, minExclusive: true, max: L.maxMemoryMiB },
    unit: 'MiB',
    required: true,
    help: 'memory one running instance of the service needs',
  },
  'services[].minInstances': {
    kind: 'number',
    label: 'Minimum instances',
    column: 'Min instances',
    range: { min: 0, max: 10_000, int: true },
    default: S.minInstances,
    help:
      'floor for VM instances (VM per service) and pod replicas (container cluster); a shared host holds ' +
      '`max(1, minInstances) × memoryMiB`',
  },
  'services[].stateful': {
    kind: 'boolean',
    label: 'Stateful',
    default: S.stateful,
    help: 'stateful services cannot run serverless: Lambda prices them by its `fallback` strategy, or leaves them out of its total, and warns',
  },
  'services[].vmInstanceType': {
    kind: 'instanceType',
    label: 'Instance type for this service',
    extra: { value: null, label: 'Strategy’s setting' },
    default: null,
    help:
      'a catalog instance type for this service under VM per service, overriding the strategy’s `instanceType`; ' +
      '`null` = use the strategy’s',
  },
  'services[].container': {
    kind: 'shape',
    type: 'object',
    label: 'Container (pod requests)',
    help: 'pod requests for the container cluster:',
  },
  'services[].container.cpuMillicores': {
    kind: 'number',
    label: 'CPU request (millicores)',
    range: { min: 0, minExclusive: true, max: L.maxMillicores },
    unit: 'millicores',
    default: {
      rule:
        `version 2: 1 vCPU per 4 GiB of the pod’s memory request, rounded up, at least ${S.containerCpuMillicores} ` +
        `(the shape of a general-purpose instance); version 1: ${S.containerCpuMillicores}`,
    },
    help: 'pod CPU request',
  },
  'services[].container.memoryMiB': {
    kind: 'number',
    label: 'Memory request (MiB)',
    range: { min: 0, minExclusive: true, max: L.maxMemoryMiB },
    unit: 'MiB',
    default: { rule: 'the service’s `memoryMiB`' },
    help: 'pod memory request',
  },
  'services[].serverless': {
    kind: 'shape',
    type: 'object',
    label: 'Serverless (Lambda)',
    help: 'Lambda settings:',
  },
  'services[].serverless.memoryMiB': {
    kind: 'number',
    label: `Memory (MB, ${LAMBDA_MEMORY_MIB.min}–${LAMBDA_MEMORY_MIB.max})`,
    range: { min: LAMBDA_MEMORY_MIB.min, max: LAMBDA_MEMORY_MIB.max, int: true },
    unit: 'MB',
    valuesSince: { auto: 2 },
    default: {
      rule: `the service’s \`memoryMiB\`, rounded up and clamped to ${LAMBDA_MEMORY_MIB.min}–${LAMBDA_MEMORY_MIB.max.toLocaleString('en-US')}`,
    },
    help:
      'Lambda memory (Lambda’s 1 MB steps), or `"auto"`: the smallest memory, at least the service’s, at which ' +
      'Lambda’s CPU share (it scales with memory) does not stretch a request',
  },
  'services[].serverless.architecture': {
    kind: 'choice',
    label: 'Architecture',
    options: [
      { value: 'x86_64', label: 'x86_64' },
      { value: 'arm64', label: 'arm64 (Graviton)' },
    ],
    default: S.architecture,
    help: 'the Lambda architecture, and the architecture VM per service’s `"auto"` picks instance types of',
  },
  'services[].serverless.ephemeralStorageMiB': {
    kind: 'number',
    label: 'Ephemeral storage (MB)',
    range: { min: LAMBDA_EPHEMERAL_MIB.free, max: LAMBDA_EPHEMERAL_MIB.max, int: true },
    unit: 'MB',
    default: S.ephemeralStorageMiB,
    help: `storage above the free ${LAMBDA_EPHEMERAL_MIB.free} MB is billed`,
  },
  'services[].serverless.provisionedConcurrency': {
    kind: 'shape',
    type: 'number or curve',
    label: 'Provisioned concurrency',
    default: S.provisionedConcurrency,
    help: `environments kept warm: one whole number (≥ 0 and ≤ ${L.maxProvisionedConcurrency.toLocaleString('en-US')}) for every hour, or a curve of 24/168 such levels`,
  },
  'services[].fargate': {
    kind: 'shape',
    type: 'object',
    since: 2,
    label: 'Serverless containers (Fargate)',
    default: { rule: 'the smallest valid task size that holds the service' },
    help:
      'one Fargate task of this service (ECS; on EKS, the pod’s request, billed 256 MB larger and rounded up to ' +
      'the next valid size); a size left out is the smallest valid one that holds the service’s `memoryMiB` and ' +
      'its pod CPU request (`container.cpuMillicores`):',
  },
  'services[].fargate.cpu': {
    kind: 'number',
    label: 'Task vCPU',
    range: { min: 0, minExclusive: true, max: 16 },
    unit: 'vCPU',
    default: { rule: 'derived (see above)' },
    help: 'vCPU of one task: 0.25, 0.5, 1, 2, 4, 8 or 16 (a size the catalog does not list cannot be costed)',
  },
  'services[].fargate.memoryGiB': {
    kind: 'number',
    label: 'Task memory (GiB)',
    range: { min: 0, minExclusive: true, max: 120 },
    unit: 'GiB',
    default: { rule: 'derived (see above)' },
    help: 'memory of one task; with `cpu`, a valid Fargate combination (0.25 vCPU: 0.5, 1 or 2 GiB; 1 vCPU: 2–8 GiB; …)',
  },
  'services[].fargate.ephemeralStorageGiB': {
    kind: 'number',
    label: `Ephemeral storage (GiB, ${FARGATE_STORAGE_GIB.included}–${FARGATE_STORAGE_GIB.max})`,
    range: { min: FARGATE_STORAGE_GIB.included, max: FARGATE_STORAGE_GIB.max, int: true },
    unit: 'GiB',
    default: { rule: `${FARGATE_STORAGE_GIB.included} (what every task gets without charge)` },
    help: `each task’s ephemeral storage; above the included ${FARGATE_STORAGE_GIB.included} GiB it is billed per GiB-hour`,
  },
  'services[].uncertainty': {
    kind: 'shape',
    type: '[object](#uncertainty)',
    since: 2,
    label: 'Uncertainty',
    default: { rule: 'the plan’s `uncertainty`, input by input' },
    help: `${UNCERTAINTY_HELP}; an input this service leaves out takes the plan-wide range`,
  },
  'services[].uncertainty.trafficRps': rangeOf('trafficRps', 'Traffic'),
  'services[].uncertainty.trafficRps.low': RANGE_LOW,
  'services[].uncertainty.trafficRps.high': RANGE_HIGH,
  'services[].uncertainty.cpuMsPerRequest': rangeOf('cpuMsPerRequest', 'CPU ms per request'),
  'services[].uncertainty.cpuMsPerRequest.low': RANGE_LOW,
  'services[].uncertainty.cpuMsPerRequest.high': RANGE_HIGH,
  'services[].uncertainty.durationMs': rangeOf('durationMs', 'Duration ms'),
  'services[].uncertainty.durationMs.low': RANGE_LOW,
  'services[].uncertainty.durationMs.high': RANGE_HIGH,

  // Sizing for a latency target (issue 12 §3; docs/cost-model.md "Latency targets (Erlang C)").
  'services[].latency': {
    kind: 'shape',
    type: 'object',
    since: 2,
    label: 'Latency target',
    default: { rule: 'none: instances are sized for CPU alone' },
    help:
      'size VMs, pods, tasks and shared-pool instances for a wait as well as for CPU (Erlang C, each hour); Lambda ' +
      'warns when the concurrency it needs nears the account limit',
  },
  'services[].latency.targetWaitMs': {
    kind: 'number',
    label: 'Target wait (ms)',
    hint: 'before a request starts',
    range: { min: 0, max: L.maxDurationMs },
    unit: 'ms',
    default: { rule: `${DEFAULT_LATENCY.targetWaitMs} (when \`latency\` is given)` },
    help: 'how long a request may wait for a free instance before its service starts',
  },
  'services[].latency.percentile': {
    kind: 'percent',
    label: 'Share within the target',
    hint: 'e.g. 95% (p95)',
    range: { min: 0, minExclusive: true, max: 0.9999 },
    default: { rule: `${DEFAULT_LATENCY.percentile} (when \`latency\` is given)` },
    help: 'the share of requests that must start within `targetWaitMs` (0.95: p95)',
  },
  'services[].latency.concurrencyPerInstance': {
    kind: 'number',
    label: 'Requests at once per instance',
    range: { min: 1, max: 100_000, int: true },
    default: { rule: `${DEFAULT_LATENCY.concurrencyPerInstance} (when \`latency\` is given)` },
    help: 'requests one instance (VM, instance on a shared host, pod, task) serves at the same time',
  },

  'strategies.sharedHost.instanceType': {
    kind: 'instanceType',
    label: 'Host instance type',
    default: D.sharedHost.instanceType,
    help: 'a catalog instance type',
  },
  'strategies.sharedHost.targetUtilization': {
    kind: 'percent',
    label: 'Target utilization',
    hint: 'of paid CPU, e.g. 60%',
    range: UTILIZATION_RANGE,
    default: D.sharedHost.targetUtilization,
    help: 'the fraction of paid vCPU the pool is sized to use at the peak',
  },
  'strategies.sharedHost.minHosts': {
    kind: 'number',
    label: 'Minimum hosts',
    range: { min: 1, max: 100_000, int: true },
    default: D.sharedHost.minHosts,
  },
  'strategies.sharedHost.discount': { ...DISCOUNT, default: D.sharedHost.discount },

  'strategies.vmPerService.instanceType': {
    kind: 'instanceType',
    label: 'Instance type',
    extra: { value: 'auto', label: 'auto — cheapest type for each service' },
    default: D.vmPerService.instanceType,
    help:
      '`"auto"` (per service, the cheapest catalog type that fits its memory; the report says which) or a catalog ' +
      'instance type',
  },
  'strategies.vmPerService.targetUtilization': {
    kind: 'percent',
    label: 'Target utilization',
    hint: 'of paid CPU',
    range: UTILIZATION_RANGE,
    default: D.vmPerService.targetUtilization,
    help: 'the fraction of paid vCPU each service’s VMs are sized to use at its peak',
  },
  'strategies.vmPerService.scaling': {
    kind: 'choice',
    label: 'Scaling',
    options: SCALING,
    default: D.vmPerService.scaling,
    help: SCALING_HELP,
  },
  'strategies.vmPerService.scaleAheadHours': {
    ...SCALE_AHEAD,
    since: 2,
    default: D.vmPerService.scaleAheadHours,
  },
  'strategies.vmPerService.discount': { ...DISCOUNT, default: D.vmPerService.discount },

  'strategies.containerCluster.nodeType': {
    kind: 'instanceType',
    label: 'Node type',
    default: D.containerCluster.nodeType,
    help: 'a catalog instance type',
  },
  'strategies.containerCluster.reservation': {
    kind: 'choice',
    label: 'Reserved for the node (kube-reserved)',
    options: [
      { value: 'eks', label: 'EKS formula' },
      { value: 'gke', label: 'GKE formula' },
      { value: 'aks', label: 'AKS formula' },
      { value: 'none', label: 'None' },
    ],
    default: D.containerCluster.reservation,
    help: 'kube-reserved formula (EKS needs the node type’s `maxPods`)',
  },
  'strategies.containerCluster.targetUtilization': {
    kind: 'percent',
    label: 'Target utilization',
    hint: 'of paid CPU',
    range: UTILIZATION_RANGE,
    default: D.containerCluster.targetUtilization,
    help: 'the fraction of a pod’s CPU request it is sized to use',
  },
  'strategies.containerCluster.overprovisioning': {
    kind: 'percent',
    label: 'Overprovisioning',
    hint: 'headroom on top of pod requests',
    range: { min: 0, max: 10 },
    default: D.containerCluster.overprovisioning,
    implausible: { above: 1, per: 'of pod requests' },
    help: 'headroom kept free, as a fraction of the packed pod requests',
  },
  'strategies.containerCluster.daemonSetCpuMillicores': {
    kind: 'number',
    label: 'DaemonSet CPU per node (millicores)',
    range: { min: 0, max: L.maxMillicores },
    unit: 'millicores',
    default: D.containerCluster.daemonSetCpuMillicores,
    help: 'per node',
  },
  'strategies.containerCluster.daemonSetMemoryMiB': {
    kind: 'number',
    label: 'DaemonSet memory per node (MiB)',
    range: { min: 0, max: L.maxMemoryMiB },
    unit: 'MiB',
    default: D.containerCluster.daemonSetMemoryMiB,
    help: 'per node',
  },
  'strategies.containerCluster.daemonSetPods': {
    kind: 'number',
    label: 'DaemonSet pods per node',
    range: { min: 0, max: 100, int: true },
    default: D.containerCluster.daemonSetPods,
    help: 'pods every node runs for its DaemonSets; they take pod slots out of the node type’s max pods (EKS: aws-node and kube-proxy; add e.g. a log shipper or node exporter if the cluster runs one)',
  },
  'strategies.containerCluster.scaling': {
    kind: 'choice',
    label: 'Scaling',
    options: SCALING,
    default: D.containerCluster.scaling,
    help: SCALING_HELP,
  },
  'strategies.containerCluster.scaleAheadHours': {
    ...SCALE_AHEAD,
    since: 2,
    default: D.containerCluster.scaleAheadHours,
  },
  'strategies.containerCluster.controlPlaneHourly': {
    kind: 'number',
    label: 'Control plane fee per hour',
    range: { min: 0, max: L.maxPrice },
    default: { rule: 'the catalog’s `kubernetes.controlPlaneHourly`' },
    help: 'per hour, in the catalog’s currency; EKS on extended support (a Kubernetes version past standard support): 0.60',
  },
  'strategies.containerCluster.discount': { ...DISCOUNT, default: D.containerCluster.discount },

  'strategies.serverless.freeTier': {
    kind: 'boolean',
    label: 'Include the monthly free tier',
    default: D.serverless.freeTier,
    help: 'apply Lambda’s monthly free tier (1M requests, 400,000 GB-s), once per plan',
  },
  'strategies.serverless.apiGateway': {
    kind: 'choice',
    label: 'API Gateway in front',
    options: [
      { value: 'none', label: 'None' },
      { value: 'http', label: 'HTTP API' },
      { value: 'rest', label: 'REST API' },
      { value: 'alb', label: 'Application Load Balancer' },
    ],
    valuesSince: { alb: 2 },
    default: D.serverless.apiGateway,
    help: 'the functions’ front door: `"http"` an API Gateway HTTP API, `"rest"` a REST API (per-request charges), `"alb"` an ALB with Lambda targets (hourly fee and LCUs)',
  },
  'strategies.serverless.inVpc': {
    kind: 'boolean',
    label: 'Functions in the VPC',
    since: 2,
    default: D.serverless.inVpc,
    help: 'functions attached to the VPC pay the plan’s NAT gateways like the other strategies',
  },
  'strategies.serverless.fallback': {
    kind: 'choice',
    label: 'Services Lambda cannot run',
    since: 2,
    options: [
      { value: 'none', label: 'Leave out (total incomplete)' },
      { value: 'vmPerService', label: 'On their own VMs' },
      { value: 'containerCluster', label: 'On a cluster of their own' },
      { value: 'sharedHost', label: 'On shared hosts of their own' },
    ],
    default: D.serverless.fallback,
    help: 'how the services Lambda cannot run (stateful, too long) are priced in its total; `"none"` leaves them out and the total is marked incomplete',
  },
  'strategies.serverless.discount': { ...DISCOUNT, default: D.serverless.discount },

  'strategies.serverlessContainers.platform': {
    kind: 'choice',
    label: 'Platform',
    since: 2,
    options: [
      { value: 'ecs', label: 'ECS tasks' },
      { value: 'eks', label: 'EKS pods' },
    ],
    default: D.serverlessContainers.platform,
    help:
      '`"ecs"`: each service’s tasks on ECS; `"eks"`: pods on EKS on Fargate (each pod billed 256 MB larger, rounded ' +
      'up to the next valid size, plus the control plane fee; x86_64 only)',
  },
  'strategies.serverlessContainers.architecture': {
    kind: 'choice',
    label: 'Architecture',
    since: 2,
    options: [
      { value: 'x86_64', label: 'x86_64' },
      { value: 'arm64', label: 'arm64 (Graviton, ECS only)' },
    ],
    default: D.serverlessContainers.architecture,
    help: 'the tasks’ CPU architecture; arm64 is ECS only',
  },
  'strategies.serverlessContainers.targetUtilization': {
    kind: 'percent',
    label: 'Target utilization',
    hint: 'of a task’s vCPU',
    since: 2,
    range: UTILIZATION_RANGE,
    default: D.serverlessContainers.targetUtilization,
    help: 'the fraction of a task’s vCPU it is sized to use',
  },
  'strategies.serverlessContainers.scaling': {
    kind: 'choice',
    label: 'Scaling',
    since: 2,
    options: SCALING,
    default: D.serverlessContainers.scaling,
    help: SCALING_HELP,
  },
  'strategies.serverlessContainers.scaleAheadHours': {
    ...SCALE_AHEAD,
    since: 2,
    default: D.serverlessContainers.scaleAheadHours,
  },
  'strategies.serverlessContainers.discount': {
    ...DISCOUNT,
    since: 2,
    default: D.serverlessContainers.discount,
    help: 'fraction taken off the tasks’ vCPU and memory prices (a negotiated discount, your own figure; Fargate Spot is `capacity`, a Compute Savings Plan `commitment`)',
  },
  'strategies.serverlessContainers.controlPlaneHourly': {
    kind: 'number',
    label: 'EKS control plane fee per hour',
    since: 2,
    range: { min: 0, max: L.maxPrice },
    default: { rule: 'the catalog’s `kubernetes.controlPlaneHourly`' },
    help: 'EKS only: per hour, in the catalog’s currency',
  },
  // Commitments and Spot (issue 13 §5): declared after each strategy's other settings, in a block of their own.
  'strategies.sharedHost.commitment': COMMITMENT,
  'strategies.sharedHost.commitment.hourlyCommitment': COMMITMENT_LEVEL,
  'strategies.sharedHost.commitment.discount': COMMITMENT_DISCOUNT,
  'strategies.vmPerService.commitment': COMMITMENT,
  'strategies.vmPerService.commitment.hourlyCommitment': COMMITMENT_LEVEL,
  'strategies.vmPerService.commitment.discount': COMMITMENT_DISCOUNT,
  'strategies.serverless.commitment': {
    ...COMMITMENT,
    help:
      COMMITMENT.help +
      ' (a Compute Savings Plan covers Lambda duration and provisioned concurrency; not requests or API Gateway)',
  },
  'strategies.serverless.commitment.hourlyCommitment': COMMITMENT_LEVEL,
  'strategies.serverless.commitment.discount': COMMITMENT_DISCOUNT,
  'strategies.containerCluster.capacity': {
    ...CAPACITY,
    help: '`"spot"`: the nodes are Spot Instances at `spotDiscount` off on-demand (interrupted with a two-minute notice; Savings Plans do not cover them)',
  },
  'strategies.containerCluster.spotDiscount': {
    ...SPOT_DISCOUNT,
    help: 'Spot only: your own figure of the discount off on-demand node prices (Spot prices vary by pool and hour)',
  },
  'strategies.containerCluster.commitment': COMMITMENT,
  'strategies.containerCluster.commitment.hourlyCommitment': COMMITMENT_LEVEL,
  'strategies.containerCluster.commitment.discount': COMMITMENT_DISCOUNT,
  'strategies.serverlessContainers.capacity': {
    ...CAPACITY,
    options: [
      { value: 'on-demand', label: 'On-demand' },
      { value: 'spot', label: 'Fargate Spot (ECS, interruptible)' },
    ],
    help: '`"spot"`: Fargate Spot tasks at `spotDiscount` off (ECS only; interrupted with a two-minute notice; Savings Plans do not cover them)',
  },
  'strategies.serverlessContainers.spotDiscount': {
    ...SPOT_DISCOUNT,
    help: 'Spot only: your own figure of the discount off the vCPU and memory prices (AWS states “up to 70%”; Fargate Spot prices are not published)',
  },
  'strategies.serverlessContainers.commitment': COMMITMENT,
  'strategies.serverlessContainers.commitment.hourlyCommitment': COMMITMENT_LEVEL,
  'strategies.serverlessContainers.commitment.discount': COMMITMENT_DISCOUNT,
  // Cloud Run and Container Apps (issue 13 §1; container-service-billing.ts): read only with a catalog's
  // `containerService`; Fargate ignores them. Absent: the catalog's own.
  'strategies.serverlessContainers.billing': {
    kind: 'choice',
    label: 'Billing (Cloud Run, Container Apps)',
    since: 2,
    options: [
      { value: 'request', label: 'Request-based (billed while serving)' },
      { value: 'instance', label: 'Instance-based (billed while running)' },
    ],
    default: { rule: 'the catalog’s `containerService.defaultBilling`' },
    help: 'Cloud Run and Container Apps catalogs only (Fargate ignores it): `"request"`: instances billed while they serve requests (minimum instances at the idle rate); `"instance"`: billed all the time they run',
  },
  'strategies.serverlessContainers.concurrency': {
    kind: 'number',
    label: 'Requests per instance at once (Cloud Run, Container Apps)',
    hint: 'concurrency',
    since: 2,
    range: { min: 1, max: 100_000, int: true },
    default: { rule: 'the catalog’s `containerService.concurrency.default` (Cloud Run 80)' },
    help: 'Cloud Run and Container Apps catalogs only (Fargate ignores it): requests one instance serves at once; at most the catalog’s `concurrency.max`',
  },
  'strategies.serverlessContainers.freeGrant': {
    kind: 'boolean',
    label: 'Apply the monthly free grant (Cloud Run, Container Apps)',
    since: 2,
    // Absent from the resolved settings when the plan leaves it out (reports keep the settings of before).
    default: { rule: '`true`: applied', value: true },
    help: 'Cloud Run and Container Apps catalogs only: take the catalog’s monthly free vCPU-seconds, GiB-seconds and requests off, once per plan (turn off when the billing account’s grant is used elsewhere)',
  },
} as const satisfies Record<string, FieldDecl>;

export type FieldKey = keyof typeof PLAN_FIELDS;

/** The declaration's key for a document path: `['services', 3, 'container', 'cpuMillicores']` → `services[].container.cpuMillicores`. */
export function fieldKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const seg of path) {
    if (typeof seg === 'number') key += '[]';
    else key += key === '' ? seg : `.${seg}`;
  }
  return key;
}

const byKey: ReadonlyMap<string, FieldDecl> = new Map(Object.entries(PLAN_FIELDS));

/** The declaration of the field at a document path, if the path is a declared field. */
export function fieldAt(path: readonly (string | number)[]): FieldDecl | undefined {
  return byKey.get(fieldKey(path));
}

/** The declaration of a field by key (typed: the key must exist). */
export function field<K extends FieldKey>(key: K): (typeof PLAN_FIELDS)[K] {
  return PLAN_FIELDS[key];
}

/**
 * The names of the fields directly inside `parent` (a declaration key such as `strategies.sharedHost` or
 * `services[].container`), in declaration order: a form that lists them shows a newly declared field by itself.
 */
export function fieldsUnder(parent: string): string[] {
  const prefix = `${parent}.`;
  return Object.keys(PLAN_FIELDS)
    .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('.'))
    .map((k) => k.slice(prefix.length));
}

/** A field or values that a version added (`since`, `valuesSince`), by the steps of its key (`[]`: every list item). */
export interface VersionGate {
  steps: string[];
  since: PlanVersion;
  valuesSince: Readonly<Record<string, PlanVersion>>;
}

/** Every field with a `since` above 1 or values with their own `valuesSince`: what an older file may not use. */
export const VERSION_GATES: readonly VersionGate[] = (Object.entries(PLAN_FIELDS) as [string, FieldDecl][])
  .filter(([, f]) => (f.since ?? 1) > 1 || f.valuesSince !== undefined)
  .map(([key, f]) => ({
    steps: key.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), '[]'] : [part])),
    since: f.since ?? 1,
    valuesSince: f.valuesSince ?? {},
  }));
