// `headroom simulate` (issue 11 §3): the JSON shape, the same figures for the same seed, the table, usage
// errors, and the bundled command.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../analysis/uncertainty.ts';
import { evaluate, STRATEGY_IDS } from '../model/index.ts';
import { parsePlanText } from '../plan/index.ts';
import { cliWorld } from './test-world.ts';

/** The food delivery example as a version 2 plan with plan-wide ranges of traffic and CPU. */
const RANGED = JSON.stringify({
  ...JSON.parse(readFileSync('examples/food-delivery.json', 'utf8')),
  version: 2,
  uncertainty: { trafficRps: { low: 0.7, high: 1.5 }, cpuMsPerRequest: { low: 0.8, high: 1.3 } },
});
const PLAIN = readFileSync('examples/food-delivery.json', 'utf8');

const { exec } = cliWorld({ 'ranged.json': RANGED, 'plain.json': PLAIN }, new Date(2026, 10, 30));

describe('headroom simulate', { timeout: 60_000 }, () => {
  it('prints the issue’s JSON: samples, seed, P10/P50/P90 per strategy, chances of being cheapest summing to 1', async () => {
    const r = await exec('simulate', 'ranged.json', '--samples', '200', '--seed', '5');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ReturnType<typeof simulate>;
    expect(json).toMatchObject({ samples: 200, seed: 5 });
    for (const id of STRATEGY_IDS) {
      expect(Object.keys(json.strategies[id])).toEqual(expect.arrayContaining(['p10', 'p50', 'p90']));
    }
    const sum = Object.values(json.cheapestProbability).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    const parsed = parsePlanText(RANGED);
    if (!parsed.ok) throw new Error('example invalid');
    expect(json).toEqual(JSON.parse(JSON.stringify(simulate(parsed.plan, { samples: 200, seed: 5 }))));
  });

  it('the same seed gives the same output; the defaults are 1,000 samples and seed 1', async () => {
    const a = await exec('simulate', 'ranged.json', '--samples', '50', '--seed', '9');
    const b = await exec('simulate', 'ranged.json', '--samples=50', '--seed=9');
    expect(a.stdout).toBe(b.stdout);
    const d = await exec('simulate', 'plain.json');
    expect(JSON.parse(d.stdout)).toMatchObject({ samples: 1000, seed: 1, correlation: 'independent' });
    const w = await exec('simulate', 'ranged.json', '--samples', '20', '--correlation', 'plan-wide');
    expect(JSON.parse(w.stdout)).toMatchObject({ correlation: 'plan-wide' });
  });

  it('a plan without ranges: every percentile is the report’s figure', async () => {
    const r = await exec('simulate', 'plain.json', '--samples', '20', '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gives no "uncertainty" ranges');
    const parsed = parsePlanText(PLAIN);
    if (!parsed.ok) throw new Error('example invalid');
    const report = evaluate(parsed.plan);
    const json = JSON.parse((await exec('simulate', 'plain.json', '--samples', '20')).stdout) as ReturnType<
      typeof simulate
    >;
    for (const s of report.strategies) {
      expect(json.strategies[s.id]).toMatchObject({
        p10: s.monthlyCost,
        p50: s.monthlyCost,
        p90: s.monthlyCost,
      });
    }
  });

  it('the table shows the bands, the percentiles and the chances', async () => {
    const r = await exec('simulate', 'ranged.json', '--samples', '100', '--format', 'table');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Food delivery platform: monthly cost in USD under uncertainty');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Strategy +Low +Typical +High +P10 +P50 +P90 +Cheapest in$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Serverless containers \(Fargate\) .* 100%$/));
  });

  it('refuses bad options with exit code 2 and nothing on stdout', async () => {
    for (const args of [
      ['--samples', '0'],
      ['--samples', '100001'],
      ['--samples', '1.5'],
      ['--seed', '-1'],
      ['--seed', '4294967296'],
      ['--format', 'csv'],
      ['--correlation', 'some'],
      ['--months', '3'],
    ]) {
      const r = await exec('simulate', 'ranged.json', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect((await exec('simulate')).stderr).toContain('simulate needs a plan file');
    expect((await exec('report', 'plain.json', '--seed', '1')).code).toBe(2);
  });

  it('the bundled command runs it', () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
    const r = spawnSync(
      process.execPath,
      ['dist-cli/headroom.mjs', 'simulate', '-', '--samples', '30', '--seed', '2'],
      { encoding: 'utf8', input: RANGED, timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ samples: 30, seed: 2 });
  });

  it('the bundled command splits the samples over --threads worker threads: the same figures for any number', () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
    const run = (threads: string) =>
      spawnSync(
        process.execPath,
        ['dist-cli/headroom.mjs', 'simulate', '-', '--samples', '150', '--seed', '4', '--threads', threads],
        { encoding: 'utf8', input: RANGED, timeout: 60_000 },
      );
    const parsed = parsePlanText(RANGED);
    if (!parsed.ok) throw new Error('example invalid');
    const expected = JSON.parse(JSON.stringify(simulate(parsed.plan, { samples: 150, seed: 4 })));
    for (const threads of ['1', '2', '3']) {
      const r = run(threads);
      expect(r.stderr, threads).toBe('');
      expect(r.status, threads).toBe(0);
      expect(JSON.parse(r.stdout), threads).toEqual(expected);
    }
    expect(run('0').status).toBe(2);
  });
});
