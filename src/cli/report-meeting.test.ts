// `headroom report --format html|md`: the report for the meeting from the command line, in-process and through the
// bundled command (dist-cli/headroom.mjs, as users run it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorld } from './test-world.ts';

const FOOD = readFileSync('examples/food-delivery.json', 'utf8');

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

  it('refuses what does not apply to a meeting report: --table, --csv-style; forecast has no html or md', async () => {
    for (const argv of [
      ['report', 'food.json', '--format', 'html', '--table', 'services'],
      ['report', 'food.json', '--format', 'md', '--csv-style', 'plain'],
      ['forecast', 'food.json', '--months', '3', '--format', 'html'],
      ['report', 'food.json', '--format', 'pdf'],
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
