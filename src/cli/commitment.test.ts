// `headroom commitment` and the report table's commitments (issue 13 §5; docs/cli.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliWorld } from './test-world.ts';

const FOOD = readFileSync('examples/food-delivery.json', 'utf8');
/** The food-delivery plan as version 2 with a commitment on the container cluster. */
const COMMITTED = (() => {
  const doc = JSON.parse(FOOD) as {
    version: number;
    strategies: { containerCluster: Record<string, unknown> };
  };
  doc.version = 2;
  doc.strategies.containerCluster.commitment = { hourlyCommitment: 0.5, discount: 0.28 };
  return JSON.stringify(doc);
})();

describe('headroom commitment', () => {
  it('a plan without commitments needs --discount, and says so', async () => {
    const { exec } = cliWorld({ 'food.json': FOOD });
    const r = await exec('commitment', 'food.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--discount');
  });

  it('--discount finds the best level of every strategy a savings plan covers, with the cost curve', async () => {
    const { exec } = cliWorld({ 'food.json': FOOD });
    const r = await exec('commitment', 'food.json', '--discount', '0.28');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      strategies: {
        id: string;
        commitment: {
          best: { hourlyCommitment: number; saves: number };
          curve: unknown[];
          committed: number;
        };
      }[];
    };
    expect(out.strategies.map((s) => s.id)).toEqual([
      'shared-host',
      'vm-per-service',
      'container-cluster',
      'serverless',
      'serverless-containers',
    ]);
    for (const s of out.strategies) {
      expect(s.commitment.committed).toBe(0);
      expect(s.commitment.best.hourlyCommitment).toBeGreaterThan(0);
      expect(s.commitment.best.saves).toBeGreaterThan(0);
      expect(s.commitment.curve.length).toBeGreaterThan(10);
    }
  });

  it('--strategy shows one; a strategy a savings plan does not cover here is refused', async () => {
    const { exec } = cliWorld({ 'food.json': FOOD });
    const one = await exec(
      'commitment',
      'food.json',
      '--discount',
      '0.3',
      '--strategy',
      'vm-per-service',
      '--format',
      'table',
    );
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Service instance per VM: Best commitment:');
    expect(one.stdout).not.toContain('Multiple services per host');
    const bad = await exec('commitment', 'food.json', '--discount', '0.3', '--strategy', 'lambda');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--strategy must be one of');
    const badDiscount = await exec('commitment', 'food.json', '--discount', '28');
    expect(badDiscount.code).toBe(2);
  });

  it('the report table lists the plan’s commitments: committed, used, wasted and the best level', async () => {
    const { exec } = cliWorld({ 'c.json': COMMITTED });
    const r = await exec('report', 'c.json', '--format', 'table');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Savings plan commitments');
    expect(r.stdout).toMatch(/Service instance per container\s+0\.5000 USD\/h\s+28\.0%\s+262\.80/);
    expect(r.stdout).toContain('covers the nodes’ instance-hours (headroom included)');
  });
});
