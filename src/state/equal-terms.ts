// Scaling on equal terms (issue 10 §5): VM per service and containers are the elastic strategies (ELASTIC), and which of
// them is cheaper can depend more on their scaling settings than on the workload (VMs static and containers hourly,
// the version 1 defaults, put VMs 41% too high on a typical plan). When the report says they are priced on different
// terms, the results say so and offer one undoable edit that puts both on hourly scaling with the same scale-ahead.
// The modes are read from the report (`scaling`), never worked out again here.
import {
  NEW_PLAN_DEFAULTS,
  strategyEntry,
  STRATEGY_SHORT_NAMES,
  type Report,
  type StrategyKey,
  type StrategyReport,
} from '../model/index.ts';
import { scalingText } from '../report/index.ts';
import { setAt, type Doc } from './doc.ts';

export { scalingText };

export interface ScalingNotice {
  /** "VM per service: Static (peak all month); Containers: Hourly, no scale-ahead." */
  text: string;
  /** The button's words: "Scale both hourly, 1 h ahead", "Scale all 3 hourly, no scale-ahead". */
  action: string;
  /** The scale-ahead both get: the larger of those already hourly, else the one a new plan gets. */
  aheadHours: number;
  /** The settings keys of the strategies the change puts on hourly scaling. */
  keys: StrategyKey[];
  /** Those strategies' short names: "VM per service and Containers". */
  names: string;
}

/**
 * The elastic strategies of a report: those whose settings choose static or hourly scaling with a scale-ahead (read
 * from the settings each strategy states, so a strategy added with those settings joins them).
 */
function elasticOf(report: Report): StrategyReport[] {
  return report.strategies.filter((s) => 'scaleAheadHours' in s.settings);
}

/** "both" for two, "all three" for three … */
const all = (n: number) => (n === 2 ? 'both' : `all ${n}`);

/** The notice for a report whose elastic strategies are not on the same scaling terms; `null` when they are. */
export function scalingNotice(report: Report): ScalingNotice | null {
  const elastic = elasticOf(report);
  const [first, ...rest] = elastic;
  if (!first || rest.length === 0) return null;
  const same = rest.every(
    (s) => s.scaling.mode === first.scaling.mode && s.scaling.aheadHours === first.scaling.aheadHours,
  );
  if (same && first.scaling.mode === 'hourly') return null;
  const hourly = elastic.filter((s) => s.scaling.mode === 'hourly');
  const aheadHours = hourly.length
    ? Math.max(...hourly.map((s) => s.scaling.aheadHours))
    : NEW_PLAN_DEFAULTS.strategies.vmPerService.scaleAheadHours;
  const terms = (s: StrategyReport) => `${STRATEGY_SHORT_NAMES[s.id]}: ${scalingText(s.scaling)}`;
  const others = rest.map((s) => STRATEGY_SHORT_NAMES[s.id]).join(' and ');
  return {
    text: same
      ? `${terms(first)} and ${others} too: ${all(elastic.length)} are sized for the peak hour all month, so ${elastic.length === 2 ? 'neither follows' : 'none follows'} the traffic curve as an autoscaler would.`
      : `${elastic.map(terms).join('; ')}. The scaling settings, not the workload, may decide which of the ${elastic.length === 2 ? 'two' : elastic.length} is cheaper.`,
    action: `Scale ${all(elastic.length)} ${scalingText({ mode: 'hourly', aheadHours }).replace(/^Hourly/, 'hourly')}`,
    aheadHours,
    keys: elastic.map((s) => strategyEntry(s.id).settingsKey),
    names: elastic
      .map((s) => STRATEGY_SHORT_NAMES[s.id])
      .join(', ')
      .replace(/, ([^,]*)$/, ' and $1'),
  };
}

/** `doc` with the notice's strategies all scaling hourly, its `aheadHours` ahead (one edit, undone as one). */
export function equalScaling(
  doc: Doc,
  { keys, aheadHours }: Pick<ScalingNotice, 'keys' | 'aheadHours'>,
): Doc {
  let next = doc;
  for (const key of keys) {
    next = setAt(next, ['strategies', key, 'scaling'], 'hourly');
    next = setAt(next, ['strategies', key, 'scaleAheadHours'], aheadHours);
  }
  return next;
}
