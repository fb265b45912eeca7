// `headroom mix` (issue 11 §4): in process through run(), and once through the bundled command.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateMix } from '../analysis/mix.ts';
import { parsePlanText } from '../plan/index.ts';
import { cliWorld } from './test-world.ts';

const FOOD = readFileSync('examples/food-delivery.json', 'utf8');

/** The food-delivery example with a webhook that is called a few times a day: cheaper on Lambda than in the cluster. */
const WITH_WEBHOOK = (() => {
  const plan = JSON.parse(FOOD) as { services: unknown[] };
  plan.services.push({
    name: 'webhook',
    trafficRps: new Array<number>(24).fill(0.01),
    cpuMsPerRequest: 5,
    durationMs: 40,
    memoryMiB: 256,
  });
  return JSON.stringify(plan);
})();

const world = (files: Record<string, string>) => cliWorld(files).exec;

interface MixJson {
  assignment: Record<string, string>;
  monthlyCost: number;
  lineItems: { strategy: string; cost: number }[];
  savingsVsCheapestPure: number;
  cheapestPure: { strategy: string; monthlyCost: number };
  reasons: { service: string; text: string }[];
}

describe('headroom mix', { timeout: 60_000 }, () => {
  const exec = world({ 'food.json': FOOD, 'webhook.json': WITH_WEBHOOK });

  it('finds the mix: the webhook on Lambda, the rest on Fargate, below Fargate alone', async () => {
    const r = await exec('mix', 'webhook.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as MixJson;
    expect(m.assignment.webhook).toBe('serverless');
    expect(m.assignment.kitchen).toBe('serverless-containers');
    expect(m.cheapestPure.strategy).toBe('serverless-containers');
    expect(m.savingsVsCheapestPure).toBeGreaterThan(0);
    expect(m.monthlyCost).toBeCloseTo(m.cheapestPure.monthlyCost - m.savingsVsCheapestPure, 2);
    expect(new Set(m.lineItems.map((l) => l.strategy))).toEqual(
      new Set(['serverless-containers', 'serverless']),
    );
    expect(m.reasons.find((x) => x.service === 'webhook')!.text).toMatch(
      /^webhook on Lambda: \$[\d.]+ a month less than on Fargate$/,
    );
  });

  it('--assign of the found mix costs the same; services not named stay on the cheapest pure strategy', async () => {
    const found = JSON.parse((await exec('mix', 'webhook.json')).stdout) as MixJson;
    const given = Object.entries(found.assignment)
      .map(([s, id]) => `${s}=${id}`)
      .join(',');
    const again = JSON.parse((await exec('mix', 'webhook.json', '--assign', given)).stdout) as MixJson;
    expect(again.monthlyCost).toBe(found.monthlyCost);
    const one = JSON.parse(
      (await exec('mix', 'webhook.json', '--assign', 'webhook=serverless')).stdout,
    ) as MixJson;
    expect(one.assignment).toEqual(found.assignment);
    expect(one.monthlyCost).toBe(found.monthlyCost);
    const parsed = parsePlanText(WITH_WEBHOOK);
    if (!parsed.ok) throw new Error('invalid');
    expect(evaluateMix(parsed.plan, { kitchen: 'serverless' }).monthlyCost).toBe(
      (JSON.parse((await exec('mix', 'webhook.json', '--assign=kitchen=serverless')).stdout) as MixJson)
        .monthlyCost,
    );
  });

  it('prints a table: the total, the saving against the cheapest pure strategy, each part, each reason', async () => {
    const r = await exec('mix', 'webhook.json', '--format', 'table');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Mix for Food delivery platform \(heuristic search\): [\d,.]+ USD a month$/);
    expect(lines[1]).toMatch(/^[\d,.]+ USD \([\d.]+%\) below serverless-containers alone \([\d,.]+ USD\)$/);
    expect(r.stdout).toMatch(/serverless +1 service {2}0\.00 USD/);
    expect(r.stdout).toContain('webhook on Lambda: $');
    const pure = await exec('mix', 'food.json', '--format', 'table');
    expect(pure.stdout.split('\n')[1]).toMatch(
      /^the same as serverless-containers alone \([\d,.]+ USD\): no mix is cheaper$/,
    );
  });

  it('refuses what it cannot do, with exit code 2 and nothing on stdout', async () => {
    const cases: [string[], RegExp][] = [
      [['mix', 'food.json', '--assign', 'nope=serverless'], /no service named "nope"/],
      [['mix', 'food.json', '--assign', 'kitchen=mainframe'], /"mainframe" is not a strategy/],
      [['mix', 'food.json', '--assign', 'kitchen'], /--assign takes service=strategyId pairs/],
      [['mix', 'food.json', '--assign', 'kitchen=serverless,kitchen=serverless'], /names "kitchen" twice/],
      [['mix', 'food.json', '--format', 'csv'], /mix writes --format json or table/],
      [['mix', 'food.json', '--months', '3'], /unknown option "--months"/],
      [['mix'], /mix needs a plan file/],
    ];
    for (const [argv, message] of cases) {
      const r = await exec(...argv);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
    // A stateful service never runs on Lambda: accounting is stateful in the example.
    const stateful = (JSON.parse(FOOD) as { services: { name: string; stateful?: boolean }[] }).services.find(
      (s) => s.stateful === true,
    );
    if (stateful !== undefined) {
      const r = await exec('mix', 'food.json', '--assign', `${stateful.name}=serverless`);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot run ${stateful.name}`);
    }
  });
});

describe('the bundled command', { timeout: 120_000 }, () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
  });

  it('headroom mix prints the mix as JSON', () => {
    const r = spawnSync(process.execPath, ['dist-cli/headroom.mjs', 'mix', 'examples/food-delivery.json'], {
      encoding: 'utf8',
      timeout: 100_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as MixJson;
    expect(Object.keys(m.assignment)).toHaveLength(7);
    expect(m.savingsVsCheapestPure).toBeGreaterThanOrEqual(0);
  });
});
