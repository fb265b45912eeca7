import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, NEW_PLAN_DEFAULTS, podMillicoresFor, type Plan, type StrategyId } from '../model/index.ts';
import { formatIssue, parsePlanText } from './index.ts';

function load(name: string): Plan {
  const r = parsePlanText(readFileSync(`examples/${name}`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.plan;
}

/** Warning codes each example is expected to raise, per strategy; anything else fails the test. */
const EXPECTED: Record<string, Partial<Record<StrategyId, string[]>>> = {
  // accounting is stateful, so Lambda leaves it out and says so; Fargate runs it and warns.
  'food-delivery.json': { serverless: ['not-eligible'], 'serverless-containers': ['stateful-task'] },
  // sso-auth needs 4 CPU-ms per 25 ms request at 256 MB, which gives 14% of a vCPU (issue 10 §7.6).
  'internal-tools.json': { serverless: ['cpu-stretched'] },
};

describe.each(Object.keys(EXPECTED))('examples/%s', (file) => {
  const plan = load(file);
  const report = evaluate(plan);

  it('validates, evaluates, and raises only the expected warnings', () => {
    for (const s of report.strategies) {
      expect([...new Set(s.warnings.map((w) => w.code))].sort(), s.id).toEqual(EXPECTED[file]![s.id] ?? []);
    }
  });

  it('costs between tens and thousands of dollars a month under every strategy its catalog prices', () => {
    for (const s of report.strategies) {
      // internal-tools' own catalog has no Fargate prices: that strategy says so instead of a total.
      if (file === 'internal-tools.json' && s.id === 'serverless-containers') {
        expect(s.cannotCost?.map((p) => p.path)).toEqual(['catalog']);
        continue;
      }
      expect(s.monthlyCost, s.id).toBeGreaterThan(50);
      expect(s.monthlyCost, s.id).toBeLessThan(10_000);
    }
  });
});

describe('examples/food-delivery.json', () => {
  const plan = load('food-delivery.json');

  it('models the seven food-delivery services with week-long curves', () => {
    expect(plan.services.map((s) => s.name)).toEqual([
      'api-gateway',
      'consumer',
      'restaurant',
      'order',
      'kitchen',
      'delivery',
      'accounting',
    ]);
    for (const s of plan.services) expect(s.trafficRps).toHaveLength(168);
    expect(plan.services.find((s) => s.name === 'accounting')!.stateful).toBe(true);
  });

  it('has lunch and dinner peaks and a busier weekend evening', () => {
    const order = plan.services.find((s) => s.name === 'order')!.trafficRps;
    const monday = (h: number) => order[h]!;
    const saturday = (h: number) => order[5 * 24 + h]!;
    expect(monday(12)).toBeGreaterThan(2 * monday(16) * 0.9);
    expect(monday(19)).toBeGreaterThan(monday(16));
    expect(monday(4)).toBeLessThan(monday(12) / 10);
    expect(saturday(19)).toBeGreaterThan(monday(19));
  });
});

describe('examples/internal-tools.json', () => {
  const plan = load('internal-tools.json');

  it('shows an inline catalog, arm64 Lambdas, HTTP APIs and hourly VM scaling on business-hours days', () => {
    expect(plan.catalog.id).toBe('aws-us-east-1-acme-2026');
    expect(plan.strategies.serverless.apiGateway).toBe('http');
    expect(plan.strategies.vmPerService.scaling).toBe('hourly');
    for (const s of plan.services) {
      expect(s.trafficRps).toHaveLength(24);
      expect(s.serverless.architecture).toBe('arm64');
      expect(s.trafficRps[11]!).toBeGreaterThan(10 * s.trafficRps[2]!);
    }
  });
});

describe('examples/equal-terms.json', () => {
  const file = JSON.parse(readFileSync('examples/equal-terms.json', 'utf8')) as Record<string, unknown>;
  const plan = load('equal-terms.json');
  const food = load('food-delivery.json');

  it('is version 2 with every new-plan default written out (src/model/defaults.ts NEW_PLAN_DEFAULTS)', () => {
    expect(file.version).toBe(2);
    const d = NEW_PLAN_DEFAULTS;
    for (const key of ['frontDoor', 'resilience', 'storage', 'network', 'logs', 'operations'] as const) {
      expect(file[key], key).toEqual(d[key]);
      expect(plan[key], key).toEqual(d[key]);
    }
    for (const [strategy, settings] of Object.entries(d.strategies)) {
      expect(plan.strategies[strategy as keyof Plan['strategies']], strategy).toMatchObject(settings);
    }
  });

  it('is the food-delivery plan otherwise; a pod request it leaves out follows version 2’s rule', () => {
    expect(plan.services.map((s) => s.trafficRps)).toEqual(food.services.map((s) => s.trafficRps));
    const raw = (file.services as { name: string; container?: { cpuMillicores?: number } }[]).map((s) => s);
    for (const s of plan.services) {
      const own = raw.find((r) => r.name === s.name)!.container?.cpuMillicores;
      expect(s.container.cpuMillicores, s.name).toBe(own ?? podMillicoresFor(s.container.memoryMiB));
    }
    const report = evaluate(plan);
    for (const s of report.strategies) expect(s.monthlyCost, s.id).toBeGreaterThan(0);
  });
});
