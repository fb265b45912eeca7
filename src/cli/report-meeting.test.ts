// `headroom report --format html|md`: the report for the meeting from the command line, in-process and through the
// bundled command (dist-cli/headroom.mjs, as users run it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorld } from './test-world.ts';

const FOOD = readFileSync('examples/food-delivery.json', 'utf8');
const TOOLS = readFileSync('examples/internal-tools.json', 'utf8');
/** Internal tools with plan-wide uncertainty ranges: the bands and the simulation have something to say. */
const RANGED = JSON.stringify({
  ...(JSON.parse(TOOLS) as Record<string, unknown>),
  version: 2,
  uncertainty: { trafficRps: { low: 0.6, high: 1.8 } },
});

const world = (files: Record<string, string>) => cliWorld(files, new Date(Date.UTC(2026, 10, 30, 10, 0)));

describe('headroom report --format html|md', () => {
  const { exec, written } = world({ 'food.json': FOOD });

  it('writes one self-contained HTML file with --out, the forecast with --months', async () => {
    const r = await exec(
      'report',
      'food.json',
      '--format',
      'html',
      '--months',
      '12',
      '--start',
      '2027-01',
      '--out',
      'r.html',
    );
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const html = written['r.html']!;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg")/i);
    expect(html).toContain('<section id="forecast">');
    expect(html).toContain('2027-12');
    expect(html).toContain('made 2026-11-30 10:00 UTC');
    expect(html).toContain('Headroom 9.9.9');
  });

  it('prints Markdown tables on standard output', async () => {
    const r = await exec('report', 'food.json', '--format', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Food delivery platform: cost and capacity\n/);
    expect(r.stdout).toContain('| Serverless containers (Fargate) | 322.82 | cheapest |');
    expect(r.stdout).not.toContain('## Forecast');
  });

  it('includes the analyses: break-even, tornado, bands and simulation, best mix (HTML and Markdown)', async () => {
    const { exec: run2, written: out } = world({ 'tools.json': RANGED });
    expect(await run2('report', 'tools.json', '--format', 'html', '--out', 'r.html')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const html = out['r.html']!;
    for (const id of ['break-even', 'tornado', 'bands', 'best-mix'])
      expect(html, id).toContain(`<section id="${id}">`);
    expect(html).toContain(
      'Multiple services per host becomes cheaper than Serverless (Lambda) at all traffic ×1.28.',
    );
    expect(html).toContain('1,000 samples (seed 1)');
    expect(html).toMatch(/Run (all )?\d+ services? on /);
    const md = await run2('report', 'tools.json', '--format', 'md', '--samples', '200', '--seed', '7');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Break-even');
    expect(md.stdout).toContain('## The best mix');
    expect(md.stdout).toContain('200 samples (seed 7)');
  });

  it('--no-analysis leaves the analyses out; a plan without ranges says so', async () => {
    const plain = await exec('report', 'food.json', '--format', 'md');
    expect(plain.stdout).toContain('The plan gives no "uncertainty" ranges');
    const r = await exec('report', 'food.json', '--format', 'md', '--no-analysis');
    expect(r.code).toBe(0);
    for (const h of ['## Break-even', '## Tornado', '## Uncertainty', '## The best mix'])
      expect(r.stdout).not.toContain(h);
    expect(r.stdout).toContain('## Strategies');
  });

  it('--compare adds other plan files (a scenario saved as a plan file) to "Scenarios compared"', async () => {
    const busy = JSON.stringify({ ...(JSON.parse(FOOD) as Record<string, unknown>), name: 'Black Friday' });
    const { exec: run3 } = world({ 'food.json': FOOD, 'busy.json': busy });
    const r = await run3('report', 'food.json', '--format', 'md', '--no-analysis', '--compare', 'busy.json');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('## Scenarios compared');
    expect(r.stdout).toContain('| Strategy | Food delivery platform (base) | Black Friday |');
  });

  it('refuses what does not apply to a meeting report: --table, --csv-style; forecast has no html or md', async () => {
    for (const argv of [
      ['report', 'food.json', '--format', 'html', '--table', 'services'],
      ['report', 'food.json', '--format', 'md', '--csv-style', 'plain'],
      ['forecast', 'food.json', '--months', '3', '--format', 'html'],
      ['report', 'food.json', '--format', 'pdf'],
      ['report', 'food.json', '--no-analysis'],
      ['report', 'food.json', '--format', 'table', '--compare', 'food.json'],
      ['report', 'food.json', '--format', 'html', '--compare', 'missing.json'],
      ['report', 'food.json', '--format', 'html', '--no-analysis', '--samples', '10'],
    ]) {
      const r = await exec(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect((await exec('forecast', 'food.json', '--months', '3', '--format', 'md')).stderr).toContain(
      'headroom report PLAN --months N --format md',
    );
    expect((await exec('report', 'food.json', '--format', 'pdf')).stderr).toContain(
      '--format must be json, csv, table, html or md, not "pdf"',
    );
  });
});

describe('the bundled command', { timeout: 120_000 }, () => {
  let scratch: string;
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
    scratch = mkdtempSync(join(tmpdir(), 'headroom-meeting-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('headroom report PLAN --format html --out report.html writes the file', () => {
    const out = join(scratch, 'report.html');
    const r = spawnSync(
      process.execPath,
      ['dist-cli/headroom.mjs', 'report', 'examples/food-delivery.json', '--format', 'html', '--out', out],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Cheapest strategy that runs every service: Serverless containers (Fargate)');
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});
