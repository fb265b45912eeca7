// `npm run bench:analysis`: how long each decision analysis of issue 11 takes (200 services unless said). Prints
// figures; a benchmark, not a test (nothing here fails on timing). Each analysis has its own block.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bestMix } from '../src/analysis/mix.ts';
import { parsePlan, planToFile, withNewPlanDefaults } from '../src/plan/index.ts';
import { simulate, uncertaintyBands } from '../src/analysis/uncertainty.ts';
import { createEvaluator, evaluate, forecast, type Plan } from '../src/model/index.ts';
import { buildMeetingDocument, meetingToHtml, meetingToMarkdown } from '../src/report/index.ts';
import { breakEven } from '../src/analysis/breakeven.ts';
import type { Knob } from '../src/analysis/knobs.ts';
import { sensitivity } from '../src/analysis/sensitivity.ts';
import type { StrategyId } from '../src/model/index.ts';
import { benchPlan } from './bench.ts';

const SERVICES = 200;
const plan = benchPlan(SERVICES);

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

function measure(fn: () => void, runs: number): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

console.log(`Headroom decision analysis benchmark (Node ${process.version}), 168-hour curves`);

// First, in a fresh process as `headroom simulate` runs it: after the other blocks' plans of other shapes, the
// engine's code runs the simulation about half as fast again (its inline caches have seen those shapes).
uncertaintyBlock();

// The report for the meeting (issue 11 §5): the document and its two renderings, from a report and a 24-month
// forecast already computed (their own cost is the engine's, measured by npm run bench).
{
  const plan = benchPlan(200);
  const report = evaluate(plan);
  const f = forecast(plan, { months: 24, start: '2027-01' });
  const input = { report, forecast: f };
  const doc = buildMeetingDocument(input);
  const html = meetingToHtml(doc);
  console.log(
    `meeting report: document ${measure(() => buildMeetingDocument(input), 20).toFixed(2)} ms, ` +
      `HTML ${measure(() => meetingToHtml(doc), 20).toFixed(2)} ms (${Math.round(html.length / 1024)} KiB), ` +
      `Markdown ${measure(() => meetingToMarkdown(doc), 20).toFixed(2)} ms (median of 20)`,
  );
}

mixBlock();

function ms(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// ---- uncertainty (issue 11 §3): bands and 1,000 samples, target ≤ 2 s ----
/**
 * The bench plan as version 1 gives it (one zone, no front door or volumes, static VMs), and the same services with
 * what a plan made in the app starts with (plan/new-plan.ts: two zones, an ALB, root volumes, hourly scaling one hour
 * ahead, Lambda's stateful services on VMs): the second costs more to simulate (hourly VM fleets, two packings per
 * hour per zone layout), and is what a user's new plan is.
 */
function rangedPlans(): [string, Plan][] {
  const uncertainty = {
    trafficRps: { low: 0.7, high: 1.5 },
    cpuMsPerRequest: { low: 0.8, high: 1.3 },
    durationMs: { low: 0.8, high: 1.5 },
  };
  const base = benchPlan(SERVICES);
  const parsed = parsePlan(withNewPlanDefaults(planToFile(base) as unknown as Record<string, unknown>));
  if (!parsed.ok) throw new Error(`the new-plan variant does not parse: ${JSON.stringify(parsed.issues[0])}`);
  return [
    ['version 1 defaults', { ...base, uncertainty }],
    ["a new plan's defaults (version 2)", { ...parsed.plan, uncertainty }],
  ];
}

function uncertaintyBlock(): void {
  const samples = 1000;
  for (const [label, plan] of rangedPlans()) {
    const bands = ms(() => uncertaintyBands(plan));
    simulate(plan, { samples: 50, seed: 1 }); // warm-up
    const times = [0, 1, 2].map(() => ms(() => simulate(plan, { samples, seed: 1 })));
    const sim = median(times);
    console.log(`uncertainty, ${SERVICES} services (168-hour curves), every input ranged, ${label}:`);
    console.log(`  bands (low / typical / high): ${bands.toFixed(0)} ms`);
    console.log(
      `  simulate ${samples} samples in one thread: ${(sim / 1000).toFixed(2)} s, median of 3 ` +
        `(${(sim / samples).toFixed(1)} ms a sample; target ≤ 2 s)`,
    );
    cliSimulate(plan, samples);
  }
  // What one sample costs: every service changes, so the evaluator re-costs all of them (its memo is by service
  // object); compare with an evaluation in which no service changed.
  const base = benchPlan(SERVICES);
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
  console.log(
    `  one evaluation with every service changed: ${fresh.toFixed(1)} ms; with none changed: ${same.toFixed(1)} ms`,
  );
}

/**
 * `headroom simulate` as a user runs it: the CLI bundle (built here into a scratch folder), the whole process, on
 * one thread and split over worker threads (src/cli/simulate-threads.ts; the same figures, checked here too).
 */
function cliSimulate(plan: Plan, samples: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-simulate-'));
  try {
    const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--outdir', dir], {
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build-cli failed: ${build.stderr}`);
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ ...planToFile(plan), uncertainty: plan.uncertainty }));
    const outputs = new Set<string>();
    const run = (threads: number): number => {
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        [
          join(dir, 'headroom.mjs'),
          'simulate',
          file,
          '--samples',
          String(samples),
          '--threads',
          String(threads),
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`headroom simulate failed: ${r.stderr}`);
      outputs.add(r.stdout);
      return performance.now() - t0;
    };
    const figures = [1, 2].map((threads) => {
      const times = [run(threads), run(threads), run(threads)];
      return `--threads ${threads}: ${(median(times) / 1000).toFixed(2)} s`;
    });
    console.log(
      `  headroom simulate ${samples} samples, whole process (median of 3): ${figures.join(', ')}` +
        (outputs.size === 1 ? ' (the same output)' : ' — THE OUTPUTS DIFFER'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
console.log(`one evaluation of the plan (every strategy): median ${one.ms.toFixed(1)} ms`);

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
