// `headroom simulate` over worker threads (issue 11 "Performance": 1,000 samples of 200 services ≤ 2 s). The samples
// are split into contiguous batches, one per thread (this thread costs one of them); each batch draws exactly the
// random numbers it draws in a single run (simulateBatch), so the figures are the same for any number of threads.
// The worker is this same file (the CLI bundle, dist-cli/headroom.mjs, when run as the `headroom` command): main.ts
// starts the command only on the main thread and otherwise serves one batch.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  simulateBatch,
  simulateOptions,
  summarizeSimulation,
  uncertaintyBands,
  type SampleBatch,
  type SimulateOptions,
  type Simulation,
} from '../analysis/uncertainty.ts';
import type { Plan } from '../model/index.ts';
import { defaultThreads as threadsForCores, splitSamples } from '../analysis/batches.ts';

/** What a simulation worker is given: the plan, the options and its samples. */
interface Job {
  headroomSimulation: true;
  plan: Plan;
  options: SimulateOptions;
  from: number;
  to: number;
}

function isJob(x: unknown): x is Job {
  return typeof x === 'object' && x !== null && (x as Partial<Job>).headroomSimulation === true;
}

/** Whether this thread is a simulation worker (then it serves its batch and runs no command). */
export function isSimulationWorker(): boolean {
  return !isMainThread && isJob(workerData);
}

/** In a simulation worker: costs its batch and posts it back (plain arrays of numbers: cloned as they are). */
export function serveSimulation(): void {
  const job = workerData as Job;
  parentPort!.postMessage(simulateBatch(job.plan, job.options, job.from, job.to));
}

/** Threads used by default: the machine's cores, at most 4 (src/analysis/batches.ts, as the app's workers). */
export function defaultThreads(): number {
  return threadsForCores(availableParallelism());
}

function runWorker(job: Job, started: Worker[]): Promise<SampleBatch> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    started.push(worker);
    worker.once('message', (batch: SampleBatch) => {
      resolve(batch);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a simulation worker stopped with exit code ${code}`));
    });
  });
}

/**
 * `simulate(plan, options)` with its samples split over `threads` threads (this one included): the same figures
 * (SampleBatch, summarizeSimulation). One thread, or too few samples to be worth another: all in this thread.
 */
export async function simulateInThreads(
  plan: Plan,
  options: SimulateOptions,
  threads = defaultThreads(),
): Promise<Simulation> {
  // Checked here, before any thread starts (a RangeError is the user's to read).
  const settled = simulateOptions(options);
  const { samples } = settled;
  // One batch per thread, none under MIN_SAMPLES_PER_THREAD (src/analysis/batches.ts): the app splits alike.
  const [mine, ...rest] = splitSamples(samples, threads);
  // Started first, so they run while this thread costs the first batch and the bands.
  const started: Worker[] = [];
  const others = Promise.all(
    rest.map(({ from, to }) =>
      runWorker({ headroomSimulation: true, plan, options: settled, from, to }, started),
    ),
  );
  try {
    const first = simulateBatch(plan, settled, mine!.from, mine!.to);
    const bands = uncertaintyBands(plan);
    return summarizeSimulation(settled, bands, [first, ...(await others)]);
  } catch (e) {
    // Nothing is left running (the process would wait for the other threads) and no rejection goes unheard.
    others.catch(() => undefined);
    await Promise.all(started.map((w) => w.terminate()));
    throw e;
  }
}
