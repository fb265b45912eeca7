// Entry of `npm run cli -- <command>` and the `headroom` bin: wires run() to the real process.
import pkg from '../../package.json' with { type: 'json' };
import { writeFileSafely } from '../node/write-file.ts';
import { fileSize, readFileCapped, readTextChunks } from './fs.ts';
import { EXIT_INTERNAL, run } from './run.ts';
import { isSimulationWorker, serveSimulation, simulateInThreads } from './simulate-threads.ts';

// A worker thread of `simulate` (simulate-threads.ts) loads this same file: it costs its samples and runs no command.
const worker = isSimulationWorker();
if (worker) serveSimulation();

// A closed pipe (`headroom schema | head`) is not an error worth a stack trace.
for (const stream of worker ? [] : [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

if (!worker) runCommand();

function runCommand(): void {
  run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    fileSize,
    readFile: (path, max) => readFileCapped(path, max),
    readChunks: (path) => readTextChunks(path),
    // A shell's `>` writes devices and FIFOs; so does --out.
    writeFile: async (path, text) => {
      await writeFileSafely(path, text, { devices: 'write' });
    },
    version: pkg.version,
    now: () => new Date(),
    simulate: simulateInThreads,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`headroom: internal error: ${String(e)}\n`);
      process.exitCode = EXIT_INTERNAL;
    },
  );
}
