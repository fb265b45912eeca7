// The in-memory world CLI tests run `run()` in: files by path, captured output, written files. One copy for every
// CLI test file (tests only).
import { run, type CliIo } from './run.ts';

/** Files by path; a path under /readonly/ refuses writes (EACCES), as a directory without permission would. */
export function cliWorld(files: Record<string, string> = {}, now: Date = new Date(2026, 10, 30, 10, 0)) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    fileSize: async (p) => {
      if (!(p in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return Buffer.byteLength(files[p]!);
    },
    readFile: async (p) => files[p]!,
    writeFile: async (p, t) => {
      if (p.startsWith('/readonly/')) throw Object.assign(new Error('nope'), { code: 'EACCES' });
      written[p] = t;
    },
    version: '9.9.9',
    now: () => now,
  };
  const exec = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await run(argv, io);
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  return { exec, written };
}
