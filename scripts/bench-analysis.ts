// `npm run bench:analysis`: how long the decision analyses of issue 11 take on a 200-service plan (the issue's
// targets: a tornado ≤ 300 ms, a break-even ≤ 200 ms). Prints figures; a benchmark, not a test. Each analysis has
// its own block below.
import { breakEven } from '../src/analysis/breakeven.ts';
import type { Knob } from '../src/analysis/knobs.ts';
import { sensitivity } from '../src/analysis/sensitivity.ts';
import { evaluate, type StrategyId } from '../src/model/index.ts';
import { benchPlan } from './bench.ts';

const SERVICES = 200;
const plan = benchPlan(SERVICES);

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time of `runs` calls after one warm-up call. */
function time<T>(runs: number, f: () => T): { ms: number; last: T } {
  let last = f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = f();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), last };
}

console.log(`Decision analysis benchmark (Node ${process.version}), ${SERVICES} services, 168-hour curves`);
const one = time(5, () => evaluate(plan));
console.log(`one evaluation of the plan (all four strategies): median ${one.ms.toFixed(1)} ms`);

// ---- Break-even and sensitivity (issue 11 §1, §2) ----
{
  const cases: [StrategyId, StrategyId, Knob][] = [
    ['container-cluster', 'vm-per-service', 'traffic'],
    ['shared-host', 'container-cluster', 'traffic'],
    ['container-cluster', 'vm-per-service', 'traffic:service-0'],
    ['container-cluster', 'vm-per-service', 'cpuMsPerRequest'],
    ['container-cluster', 'vm-per-service', 'discount:vm-per-service'],
    ['shared-host', 'container-cluster', 'month'],
  ];
  for (const [a, b, knob] of cases) {
    const r = time(3, () => breakEven(plan, { a, b, knob }));
    const found =
      r.last.value === null ? `none (${r.last.reason})` : `at ${Number(r.last.value.toPrecision(4))}`;
    console.log(
      `break-even ${a} / ${b}, ${knob}: median ${r.ms.toFixed(0)} ms, ${r.last.evaluations} evaluations, ` +
        `${found} (target ≤ 200 ms)`,
    );
  }
  const t = time(3, () => sensitivity(plan));
  console.log(
    `tornado (±25%, ${t.last.rows.length} rows, ${t.last.rows.length * 2 + 1} evaluations): median ` +
      `${t.ms.toFixed(0)} ms (target ≤ 300 ms)`,
  );
}
// ---- end of break-even and sensitivity ----
