// Scaling on equal terms (issue 10 §5): VM per service and containers are the two elastic strategies, and which of
// them is cheaper can depend more on their scaling settings than on the workload (VMs static and containers hourly,
// the version 1 defaults, put VMs 41% too high on a typical plan). When the report says they are priced on different
// terms, the results say so and offer one undoable edit that puts both on hourly scaling with the same scale-ahead.
// The modes are read from the report (`scaling`), never worked out again here.
import { NEW_PLAN_DEFAULTS, STRATEGY_SHORT_NAMES, type Report, type StrategyReport } from '../model/index.ts';
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

const ELASTIC = ['vm-per-service', 'container-cluster'] as const;

/** The notice for a report whose elastic strategies are not on the same scaling terms; `null` when they are. */
export function scalingNotice(report: Report): ScalingNotice | null {
  const [vm, containers] = ELASTIC.map((id) => report.strategies.find((s) => s.id === id));
  if (!vm || !containers) return null;
  const same =
    vm.scaling.mode === containers.scaling.mode && vm.scaling.aheadHours === containers.scaling.aheadHours;
  if (same && vm.scaling.mode === 'hourly') return null;
  const hourly = [vm, containers].filter((s) => s.scaling.mode === 'hourly');
  const aheadHours = hourly.length
    ? Math.max(...hourly.map((s) => s.scaling.aheadHours))
    : NEW_PLAN_DEFAULTS.strategies.vmPerService.scaleAheadHours;
  const terms = (s: StrategyReport) => `${STRATEGY_SHORT_NAMES[s.id]}: ${scalingText(s.scaling)}`;
  return {
    text: same
      ? `${terms(vm)} and ${STRATEGY_SHORT_NAMES[containers.id]} too: both are sized for the peak hour all month, so neither follows the traffic curve as an autoscaler would.`
      : `${terms(vm)}; ${terms(containers)}. The scaling settings, not the workload, may decide which of the two is cheaper.`,
    action: `Scale both ${scalingText({ mode: 'hourly', aheadHours }).replace(/^Hourly/, 'hourly')}`,
    aheadHours,
  };
}

/** `doc` with VM per service and containers both scaling hourly, `aheadHours` ahead (one edit, undone as one). */
export function equalScaling(doc: Doc, aheadHours: number): Doc {
  let next = doc;
  for (const key of ['vmPerService', 'containerCluster'] as const) {
    next = setAt(next, ['strategies', key, 'scaling'], 'hourly');
    next = setAt(next, ['strategies', key, 'scaleAheadHours'], aheadHours);
  }
  return next;
}
