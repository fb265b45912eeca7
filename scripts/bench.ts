// `npm run bench`: how long the engine takes to evaluate all four strategies, by plan size. Prints figures; it is a
// benchmark, not a test (nothing here can fail on timing).
import { awsUsEast1 } from '../src/catalog/aws-us-east-1.ts';
import { evaluate, forecast } from '../src/model/index.ts';
import { testPlan, testService } from '../src/model/testing.ts';
import type { Plan } from '../src/model/types.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same plans. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchPlan(services: number, seed = 1): Plan {
  const r = rng(seed);
  const list = Array.from({ length: services }, (_, i) => {
    const peak = 1 + r() * 300;
    const curve = Array.from({ length: 168 }, (_, h) => {
      const hour = h % 24;
      const weekend = h >= 120 ? 0.6 : 1;
      const daytime = 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI));
      return peak * daytime * weekend * (0.9 + 0.2 * r());
    });
    const memoryMiB = [256, 512, 1024, 2048][Math.floor(r() * 4)]!;
    return testService({
      name: `service-${i}`,
      trafficRps: curve,
      cpuMsPerRequest: 2 + r() * 30,
      durationMs: 20 + r() * 400,
      memoryMiB,
      minInstances: 1 + Math.floor(r() * 3),
      stateful: r() < 0.1,
      growthPerMonth: r() * 0.05,
      container: { cpuMillicores: [100, 250, 500][Math.floor(r() * 3)]!, memoryMiB },
    });
  });
  return testPlan(structuredClone(awsUsEast1), list, { containerCluster: { nodeType: 'm6i.2xlarge' } });
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function measure(fn: () => void, minRuns: number, minMs: number): { median: number; runs: number } {
  fn(); // warm-up
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    if (times.length >= 200) break;
  }
  return { median: median(times), runs: times.length };
}

if (process.argv[1]?.endsWith('bench.ts')) main();
function main(): void {
  console.log(`Headroom engine benchmark (Node ${process.version}), all four strategies, 168-hour curves`);
  console.log('services  hours  median ms  runs  µs per service-hour');
  let perUnit: number[] = [];
  for (const n of [10, 200, 2000]) {
    const plan = benchPlan(n);
    const m = measure(() => evaluate(plan), 5, 1000);
    const unit = (m.median * 1000) / (n * 168);
    perUnit.push(unit);
    console.log(
      `${String(n).padStart(8)}  ${'168'.padStart(5)}  ${m.median.toFixed(2).padStart(9)}  ${String(m.runs).padStart(4)}  ${unit.toFixed(3).padStart(19)}`,
    );
  }
  const plan200 = benchPlan(200);
  const f = measure(() => forecast(plan200, 12), 3, 1000);
  console.log(`12-month forecast of 200 services: median ${f.median.toFixed(2)} ms (${f.runs} runs)`);
  console.log(
    '500 services × 8,760 hours: not supported — plan format version 1 carries 24- or 168-hour curves (a year is ' +
      'modelled as a week scaled by hoursPerMonth ÷ 168).',
  );
  perUnit = perUnit.slice(1);
  console.log(
    `Scaling 200 → 2,000 services: ${(perUnit[1]! / perUnit[0]!).toFixed(2)}× the cost per service-hour (1.00 = linear).`,
  );
}
