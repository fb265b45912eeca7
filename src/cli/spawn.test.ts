// The real command, spawned: the bundle (dist-cli/headroom.mjs, built here from the current source by the same
// script `npm ci` runs), the `headroom` bin and `npm run --silent cli`.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function cli(cmd: string, args: string[], input?: string | Buffer, cwd?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 100_000, cwd });
  // npm may print its own configuration warnings on stderr; they are not the CLI's output.
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
  return { code: r.status, stdout: r.stdout, stderr };
}

const BUNDLE = 'dist-cli/headroom.mjs';
let scratch: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
  scratch = mkdtempSync(join(tmpdir(), 'headroom-spawn-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the real command', { timeout: 120_000 }, () => {
  it('the bundle imports nothing but Node built-ins and runs from a folder without node_modules', () => {
    const source = readFileSync(BUNDLE, 'utf8');
    // A module specifier has no spaces, commas or brackets: text that merely ends in "from" is not an import.
    const imports = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)"([^"\s,()[\]]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports) expect(name.startsWith('node:'), name).toBe(true);
    const copy = join(scratch, 'headroom.mjs');
    copyFileSync(BUNDLE, copy);
    copyFileSync('examples/food-delivery.json', join(scratch, 'plan.json'));
    const r = cli(process.execPath, [copy, 'report', 'plan.json', '--format', 'csv'], undefined, scratch);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith(
        'strategy,strategy_name,service,component,unit,quantity,unit_price,cost,currency\r\n',
      ),
    ).toBe(true);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('nothing the user runs needs tsx: npm run cli and the bin run the bundle with plain Node', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(pkg.scripts.cli).toBe('node bin/headroom.mjs');
    expect(pkg.bin.headroom).toBe('bin/headroom.mjs');
    expect(pkg.scripts.prepare).toBe('node scripts/build-cli.mjs');
    expect(readFileSync('bin/headroom.mjs', 'utf8')).not.toMatch(/tsx/);
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

  it('reads a plan saved as UTF-16 with a byte order mark, and --out - prints instead of making a file "-"', () => {
    const text = readFileSync('examples/internal-tools.json', 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = cli(process.execPath, [BUNDLE, 'validate', '-'], utf16);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-: valid plan/);
    const out = cli(
      process.execPath,
      [join(process.cwd(), BUNDLE), 'schema', '--out', '-'],
      undefined,
      scratch,
    );
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toHaveProperty('$schema');
    expect(existsSync(join(scratch, '-'))).toBe(false);
  });

  it('npm run --silent cli -- report … --out writes the file', () => {
    const out = join(scratch, 'report.json');
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
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      strategies: unknown[];
      forecast: { months: unknown[] };
    };
    expect(json.strategies).toHaveLength(5);
    expect(json.forecast.months).toHaveLength(3);
  });

  it('exits 2 on usage errors and 0 on --version', () => {
    expect(cli(process.execPath, ['bin/headroom.mjs', 'report']).code).toBe(2);
    const v = cli(process.execPath, ['bin/headroom.mjs', '--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^headroom \d+\.\d+\.\d+\n$/);
  });
});
