// The one list of strategies (issue 12 §1). Every layer that shows, exports or iterates strategies reads this list:
// the engine runs `evaluate` in this order, the report, CSV, CLI table, app and analyses take ids, names, short
// names, settings keys and capacity figures from it. Adding a strategy is one entry here plus its file (and its
// settings, declared as every plan field is: types.ts, defaults.ts, src/plan/fields.ts). docs/cost-model.md
// "The strategy registry" describes an entry.
//
// The strategy files import the engine's helpers (prepare.ts, terms.ts), which read this list back at call time:
// `evaluate` is wrapped in an arrow so an entry never reads a strategy function before its module has run.
import { containerCluster } from './container-cluster.ts';
import type { Prepared } from './prepare.ts';
import { serverless } from './serverless.ts';
import { serverlessContainers } from './serverless-containers.ts';
import { sharedHost } from './shared-host.ts';
import type { Figure, Plan, ScalingMode, StrategyKey, StrategyReport, StrategySettings } from './types.ts';
import { vmPerService } from './vm-per-service.ts';

/**
 * What a capacity figure counts, which decides how it is written (one place: src/report/figures.ts):
 * `count` (hosts, nodes, pods, services), `hours` (instance- or node-hours a month), `vCPU`, `GiB`, `MiB`,
 * `millicores`, `money` (a monthly amount in the report's currency), `share` (a fraction shown as a percent),
 * `requests` (a month's), `GB-seconds` (a month's), `concurrency` (executions at once).
 */
export type FigureUnit =
  | 'count'
  | 'hours'
  | 'vCPU'
  | 'GiB'
  | 'MiB'
  | 'millicores'
  | 'money'
  | 'share'
  | 'requests'
  | 'GB-seconds'
  | 'concurrency';

/** A capacity figure a strategy reports, declared once: its key in `StrategyReport.capacity`, label and unit. */
export interface FigureSpec {
  key: string;
  label: string;
  unit: FigureUnit;
  /** Shown on the strategy's card at once (the others sit behind "More figures"). */
  primary?: boolean;
}

/** One entry of the registry. */
export interface StrategyEntry {
  /** Stable id in reports, CSV and the CLI (`--strategy`), e.g. `vm-per-service`. */
  id: string;
  /** Its settings in a plan: `strategies.<settingsKey>`. */
  settingsKey: StrategyKey;
  /** Full name, on cards and in reports ("Service instance per VM"). */
  name: string;
  /** Short name for a column heading, a strip of totals or a sentence ("VM per service"). */
  shortName: string;
  /** One sentence on what the strategy is, above its settings. */
  about: string;
  /** Lower-case words for a sentence about a mix of strategies ("VMs", "shared hosts"). */
  phrase: string;
  /** How a sentence about a change of its settings names it: "VM discount 30%", "cluster overprovisioning 10%". */
  settingsWord: string;
  /** What one unit of its capacity is, for the hourly table's column ("Hosts", "Nodes"). */
  unit: string;
  /** What its week's demand and capacity count ("vCPU", "concurrent executions"). */
  weekUnit: string;
  /** How its capacity follows demand under the plan's settings, and hours ahead for hourly scaling. */
  scaling: (plan: Plan) => { mode: ScalingMode; aheadHours: number };
  /** The strategy's sizing and pricing: the plan's groundwork in, its report out. */
  evaluate: (p: Prepared) => StrategyReport;
  /** Its capacity figures, in the order they are shown. */
  figures: readonly FigureSpec[];
  /** The two figures the terminal table and the meeting report show first (keys of `figures`). */
  headline: readonly string[];
}

/** Figures every instance-based strategy reports when the plan spreads over zones. */
const ZONES: FigureSpec = { key: 'zones', label: 'Zones', unit: 'count' };

const hourly = (s: { scaling: 'static' | 'hourly'; scaleAheadHours: number }) =>
  s.scaling === 'hourly'
    ? { mode: 'hourly' as const, aheadHours: s.scaleAheadHours }
    : { mode: 'static' as const, aheadHours: 0 };

export const STRATEGIES = [
  {
    id: 'shared-host',
    settingsKey: 'sharedHost',
    name: 'Multiple services per host',
    shortName: 'Shared hosts',
    about: 'Services packed together onto a pool of identical hosts.',
    phrase: 'shared hosts',
    settingsWord: 'shared-host',
    unit: 'Hosts',
    weekUnit: 'vCPU',
    // The pool is sized for the peak hour and runs all period (docs/cost-model.md "Shared hosts").
    scaling: () => ({ mode: 'static', aheadHours: 0 }),
    evaluate: (p) => sharedHost(p),
    figures: [
      { key: 'hosts', label: 'Hosts', unit: 'count', primary: true },
      { key: 'hostsForCpu', label: 'Hosts needed for CPU', unit: 'count' },
      { key: 'hostsForMemory', label: 'Hosts needed for memory', unit: 'count' },
      { key: 'instanceHours', label: 'Instance-hours / month', unit: 'hours', primary: true },
      { key: 'paidVcpu', label: 'Paid vCPU', unit: 'vCPU', primary: true },
      { key: 'peakDemandVcpu', label: 'Peak demand (vCPU)', unit: 'vCPU', primary: true },
      { key: 'memoryGiB', label: 'Memory (GiB)', unit: 'GiB' },
      { key: 'memoryNeededGiB', label: 'Memory needed (GiB)', unit: 'GiB' },
      ZONES,
    ],
    headline: ['hosts', 'instanceHours'],
  },
  {
    id: 'vm-per-service',
    settingsKey: 'vmPerService',
    name: 'Service instance per VM',
    shortName: 'VM per service',
    about: 'Each service on its own VMs; “auto” picks the cheapest type per service.',
    phrase: 'VMs',
    settingsWord: 'VM',
    unit: 'Instances',
    weekUnit: 'vCPU',
    scaling: (plan) => hourly(plan.strategies.vmPerService),
    evaluate: (p) => vmPerService(p),
    figures: [
      { key: 'instances', label: 'Peak instances', unit: 'count', primary: true },
      { key: 'averageInstances', label: 'Average instances', unit: 'count', primary: true },
      { key: 'instanceHours', label: 'Instance-hours / month', unit: 'hours', primary: true },
      { key: 'peakPaidVcpu', label: 'Peak paid vCPU', unit: 'vCPU' },
      ZONES,
    ],
    headline: ['instances', 'instanceHours'],
  },
  {
    id: 'container-cluster',
    settingsKey: 'containerCluster',
    name: 'Service instance per container',
    shortName: 'Containers',
    about: 'Pods bin-packed onto cluster nodes, with overprovisioning headroom.',
    phrase: 'containers',
    settingsWord: 'cluster',
    unit: 'Nodes',
    weekUnit: 'vCPU',
    scaling: (plan) => hourly(plan.strategies.containerCluster),
    evaluate: (p) => containerCluster(p),
    figures: [
      { key: 'peakNodes', label: 'Peak nodes', unit: 'count', primary: true },
      { key: 'averageNodes', label: 'Average nodes', unit: 'count', primary: true },
      { key: 'nodeHours', label: 'Node-hours / month', unit: 'hours', primary: true },
      { key: 'headroomNodeHours', label: 'Headroom node-hours / month', unit: 'hours' },
      { key: 'headroomMonthlyCost', label: 'Cost of headroom / month', unit: 'money', primary: true },
      { key: 'peakPods', label: 'Peak pods', unit: 'count' },
      { key: 'cpuAllocation', label: 'CPU allocated to pods', unit: 'share', primary: true },
      { key: 'memoryAllocation', label: 'Memory allocated to pods', unit: 'share' },
      {
        key: 'allocatableMillicoresPerNode',
        label: 'Allocatable CPU per node (millicores)',
        unit: 'millicores',
      },
      { key: 'allocatableMiBPerNode', label: 'Allocatable memory per node (MiB)', unit: 'MiB' },
      { key: 'maxPodsPerNode', label: 'Max pods per node', unit: 'count' },
      ZONES,
    ],
    headline: ['peakNodes', 'nodeHours'],
  },
  {
    id: 'serverless',
    settingsKey: 'serverless',
    name: 'Serverless (Lambda)',
    shortName: 'Serverless',
    about: 'Functions billed per request and GB-second; stateful services cannot run here.',
    phrase: 'Lambda',
    settingsWord: 'Lambda',
    unit: 'Executions in use (peak)',
    weekUnit: 'concurrent executions',
    scaling: () => ({ mode: 'per-request', aheadHours: 0 }),
    evaluate: (p) => serverless(p),
    figures: [
      { key: 'requests', label: 'Requests / month', unit: 'requests', primary: true },
      { key: 'gbSeconds', label: 'GB-seconds / month', unit: 'GB-seconds', primary: true },
      { key: 'peakConcurrency', label: 'Peak concurrency', unit: 'concurrency' },
      { key: 'averageConcurrency', label: 'Average concurrency', unit: 'concurrency' },
      {
        key: 'peakProvisionedConcurrency',
        label: 'Peak provisioned concurrency',
        unit: 'concurrency',
        primary: true,
      },
      { key: 'servicesIncluded', label: 'Services run', unit: 'count' },
      { key: 'servicesExcluded', label: 'Services not run', unit: 'count' },
      // Added by the fallback (fallback.ts) when another strategy prices the services Lambda cannot run.
      { key: 'servicesOnFallback', label: 'Services on the fallback', unit: 'count' },
    ],
    headline: ['peakConcurrency', 'requests'],
  },
  {
    id: 'serverless-containers',
    settingsKey: 'serverlessContainers',
    name: 'Serverless containers (Fargate)',
    shortName: 'Fargate',
    about:
      'Each service as tasks (ECS) or pods (EKS) on AWS Fargate: billed per task for vCPU and memory, no nodes.',
    phrase: 'Fargate',
    settingsWord: 'Fargate',
    unit: 'Tasks',
    weekUnit: 'vCPU',
    scaling: (plan) => hourly(plan.strategies.serverlessContainers),
    evaluate: (p) => serverlessContainers(p),
    figures: [
      { key: 'peakTasks', label: 'Peak tasks', unit: 'count', primary: true },
      { key: 'averageTasks', label: 'Average tasks', unit: 'count', primary: true },
      { key: 'taskHours', label: 'Task-hours / month', unit: 'hours', primary: true },
      { key: 'peakPaidVcpu', label: 'Peak paid vCPU', unit: 'vCPU' },
      ZONES,
    ],
    headline: ['peakTasks', 'taskHours'],
  },
] as const satisfies readonly StrategyEntry[];

/** A strategy's id, one per registry entry, in registry order. */
export type StrategyId = (typeof STRATEGIES)[number]['id'];

/**
 * Everything the rest of Headroom reads from a list of entries. The module's exports are this for STRATEGIES; a test
 * builds it for STRATEGIES plus a made-up fifth entry to show that nothing else needs a list (registry.test.ts).
 */
export function registryOf<E extends StrategyEntry>(entries: readonly E[]) {
  type Id = E['id'];
  const ids: readonly Id[] = entries.map((e) => e.id);

  /** The registry entry of a strategy. */
  const byId = new Map<string, E>(entries.map((e) => [e.id, e]));
  function strategyEntry(id: Id): E {
    const entry = byId.get(id);
    if (!entry) throw new RangeError(`"${id}" is not a strategy (${ids.join(', ')})`);
    return entry;
  }

  /** One value per strategy, keyed by id, in registry order. */
  function perStrategy<T>(value: (id: Id) => T): Record<Id, T> {
    // Object.fromEntries types its keys as string; they are exactly `ids`.
    return Object.fromEntries(ids.map((id) => [id, value(id)])) as Record<Id, T>;
  }

  return {
    STRATEGIES: entries,
    /** Every strategy id, in registry order (the order of reports, columns and cards). */
    STRATEGY_IDS: ids,
    strategyEntry,
    perStrategy,
    /** The strategy whose settings are `strategies.<key>`. */
    strategyOfKey(key: StrategyKey): Id {
      const entry = entries.find((e) => e.settingsKey === key);
      if (!entry) throw new RangeError(`no strategy has settings "${key}"`);
      return entry.id;
    },
    /** A string that is a strategy id, narrowed (`undefined` when it is none). */
    asStrategyId(s: string): Id | undefined {
      return ids.find((id) => id === s);
    },
    /** Full names by id ("Service instance per VM"). */
    STRATEGY_NAMES: perStrategy((id) => strategyEntry(id).name),
    /** Short names by id, for a strip of totals, a column or a sentence ("12% below VM per service"). */
    STRATEGY_SHORT_NAMES: perStrategy((id) => strategyEntry(id).shortName),
    /** Each strategy in a sentence ("5 services on containers"), by id. */
    STRATEGY_PHRASES: perStrategy((id) => strategyEntry(id).phrase),
    /** Settings keys in registry order (`strategies.<key>` of a plan). */
    STRATEGY_KEYS: entries.map((e) => e.settingsKey),
    /**
     * A strategy's capacity map as typed figures, in the order the strategy reported them: label, unit and whether
     * it is primary from its declaration. A key it did not declare is labelled from its camelCase words, as a count
     * (a test keeps every strategy's keys declared: registry.test.ts).
     */
    figuresOf(id: Id, capacity: Readonly<Record<string, number>>): Figure[] {
      const specs: readonly FigureSpec[] = strategyEntry(id).figures;
      return Object.entries(capacity).map(([key, value]) => {
        const spec = specs.find((f) => f.key === key);
        return {
          key,
          label: spec?.label ?? keyWords(key),
          value,
          unit: spec?.unit ?? 'count',
          primary: spec?.primary ?? false,
        };
      });
    },
    /** The resolved settings a strategy was priced with: `strategies.<settingsKey>` of the plan. */
    settingsOf(plan: Plan, id: Id): StrategySettings[StrategyKey] {
      return plan.strategies[strategyEntry(id).settingsKey];
    },
  };
}

/** "instanceHours" → "Instance hours". */
function keyWords(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const registry = registryOf<(typeof STRATEGIES)[number]>(STRATEGIES);
export const {
  STRATEGY_IDS,
  strategyEntry,
  perStrategy,
  strategyOfKey,
  asStrategyId,
  STRATEGY_NAMES,
  STRATEGY_SHORT_NAMES,
  STRATEGY_PHRASES,
  STRATEGY_KEYS,
  figuresOf,
  settingsOf,
} = registry;
