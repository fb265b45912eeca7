// Scaling on equal terms (issue 10 §5): VM per service and containers are the elastic strategies (ELASTIC), and which of
// them is cheaper can depend more on their scaling settings than on the workload (VMs static and containers hourly,
// the version 1 defaults, put VMs 41% too high on a typical plan). When the report says they are priced on different
// terms, the results say so and offer one undoable edit that puts both on hourly scaling with the same scale-ahead.
// The modes are read from the report (`scaling`), never worked out again here.
import {
  DEFAULT_STRATEGIES,
  NEW_PLAN_DEFAULTS,
  STRATEGIES,
  STRATEGY_SHORT_NAMES,
  type Report,
  type StrategyReport,
} from '../model/index.ts';
import { scalingText } from '../report/index.ts';
import { setAt, type Doc } from './doc.ts';

export { scalingText };

export interface ScalingNotice {
  /** "VM per service: Static (peak all month); Containers: Hourly, no scale-ahead." */
  text: string;
  /** The button's words: "Scale both hourly, 1 h ahead". */
  action: string;
  /** The scale-ahead both get: the larger of those already hourly, else the one a new plan gets. */
  aheadHours: number;
}

/**
 * The elastic strategies: those whose settings choose static or hourly scaling with a scale-ahead (from the
 * registry and the settings' defaults, so a strategy added with those settings joins them).
 */
const ELASTIC = STRATEGIES.filter((e) => 'scaleAheadHours' in DEFAULT_STRATEGIES[e.settingsKey]);

/** "both" for two, "all three" for three … */
const all = (n: number) => (n === 2 ? 'both' : `all ${n}`);

/** The notice for a report whose elastic strategies are not on the same scaling terms; `null` when they are. */
export function scalingNotice(report: Report): ScalingNotice | null {
  const elastic = ELASTIC.flatMap((e) => report.strategies.filter((s) => s.id === e.id));
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
  };
}

/** `doc` with every elastic strategy scaling hourly, `aheadHours` ahead (one edit, undone as one). */
export function equalScaling(doc: Doc, aheadHours: number): Doc {
  let next = doc;
  for (const { settingsKey: key } of ELASTIC) {
    next = setAt(next, ['strategies', key, 'scaling'], 'hourly');
    next = setAt(next, ['strategies', key, 'scaleAheadHours'], aheadHours);
  }
  return next;
}
