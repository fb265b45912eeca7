// `npm run bench:analysis`: how long each decision analysis of issue 11 takes on a 200-service plan (the benchmark
// plan of scripts/bench.ts). Prints figures; a benchmark, not a test (nothing here can fail on timing). Each helper's
// analysis has its own block.
import { benchPlan } from './bench.ts';
import { bestMix } from '../src/analysis/mix.ts';
import { createEvaluator } from '../src/model/index.ts';

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// ---- The best mix (issue 11 §4): one createEvaluator per run, as the CLI and the app use it. ----
function mixBlock(): void {
  for (const services of [7, 50, 200]) {
    const times: number[] = [];
    let last: ReturnType<typeof bestMix> | null = null;
    for (const seed of [1, 2, 3]) {
      const plan = benchPlan(services, seed);
      const t0 = performance.now();
      last = bestMix(plan, { evaluator: createEvaluator() });
      times.push(performance.now() - t0);
    }
    const m = last!;
    console.log(
      `mix, ${services} services: median ${median(times).toFixed(0)} ms over 3 plans (${m.search.method}, ` +
        `${m.search.evaluations} sub-plans; last plan ${m.savingsVsCheapestPure?.toFixed(2)} ${m.currency} ` +
        `below ${m.cheapestPure?.strategy})`,
    );
  }
}

mixBlock();
