// The real command, spawned: `npx tsx src/cli/main.ts`, the `headroom` bin and `npm run --silent cli`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function cli(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 100_000 });
  // npm may print its own configuration warnings on stderr; they are not the CLI's output.
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
  return { code: r.status, stdout: r.stdout, stderr };
}

describe('the real command', { timeout: 120_000 }, () => {
  it('npx tsx src/cli/main.ts report … --format csv', () => {
    const r = cli('npx', [
      'tsx',
      'src/cli/main.ts',
      'report',
      'examples/food-delivery.json',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('strategy,service,component,unit,quantity,unit_price,cost,currency\r\n')).toBe(
      true,
    );
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('bin/headroom.mjs validates from standard input and exits 2 listing every problem', () => {
    const r = cli(
      process.execPath,
      ['bin/headroom.mjs', 'validate', '-'],
      '{"format":"headroom-plan","version":1}',
    );
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'name: is required\ncatalog: is required\nservices: is required\n',
    });
  });

  it('npm run --silent cli -- report … --out writes the file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'headroom-spawn-')), 'report.json');
    const r = cli('npm', [
      'run',
      '--silent',
      'cli',
      '--',
      'report',
      'examples/internal-tools.json',
      '--months',
      '3',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { strategies: unknown[]; forecast: unknown[] };
    expect(json.strategies).toHaveLength(4);
    expect(json.forecast).toHaveLength(3);
  });

  it('exits 2 on usage errors and 0 on --version', () => {
    expect(cli(process.execPath, ['bin/headroom.mjs', 'report']).code).toBe(2);
    const v = cli(process.execPath, ['bin/headroom.mjs', '--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^headroom \d+\.\d+\.\d+\n$/);
  });
});
