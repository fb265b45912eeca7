// `npm run bench:analysis`: how long the decision analyses of issue 11 take at 200 services (targets in the issue's
// "Performance"). Prints figures; a benchmark, not a test. Each analysis has its own block.
import { createEvaluator, type Plan } from '../src/model/index.ts';
import { simulate, uncertaintyBands } from '../src/analysis/uncertainty.ts';
import { benchPlan } from './bench.ts';

const SERVICES = 200;

function ms(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// ---- uncertainty (issue 11 §3): bands and 1,000 samples, target ≤ 2 s ----
function uncertaintyBlock(): void {
  const base = benchPlan(SERVICES);
  const plan: Plan = {
    ...base,
    uncertainty: {
      trafficRps: { low: 0.7, high: 1.5 },
      cpuMsPerRequest: { low: 0.8, high: 1.3 },
      durationMs: { low: 0.8, high: 1.5 },
    },
  };
  const bands = ms(() => uncertaintyBands(plan));
  const samples = 1000;
  const sim = ms(() => simulate(plan, { samples, seed: 1 }));
  // What one sample costs: every service changes, so the evaluator re-costs all of them (its memo is by service
  // object); compare with an evaluation in which no service changed.
  const ev = createEvaluator();
  ev.evaluate(base);
  const runs = 20;
  const fresh =
    ms(() => {
      for (let i = 0; i < runs; i += 1)
        ev.evaluate({ ...base, services: base.services.map((s) => ({ ...s })) });
    }) / runs;
  const same =
    ms(() => {
      for (let i = 0; i < runs; i += 1) ev.evaluate({ ...base, services: base.services.slice() });
    }) / runs;
  console.log(`uncertainty, ${SERVICES} services (168-hour curves), every input ranged:`);
  console.log(`  bands (low / typical / high): ${bands.toFixed(0)} ms`);
  console.log(
    `  simulate ${samples} samples: ${(sim / 1000).toFixed(2)} s (${(sim / samples).toFixed(1)} ms a sample; target ≤ 2 s)`,
  );
  console.log(
    `  one evaluation with every service changed: ${fresh.toFixed(1)} ms; with none changed: ${same.toFixed(1)} ms`,
  );
}

uncertaintyBlock();
