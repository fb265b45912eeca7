// UI benchmarks on the built renderer in Chromium (prints figures; not a pass/fail test):
//   load to interactive, edit → updated results (median, p95) at 50 and 300 services (issue 9 targets: p95 ≤ 16 ms
//   and ≤ 50 ms), opening a 2,000-service plan, the renderer bundle size, and a 1,000-sample simulation of a
//   200-service ranged plan in one worker and split over 2 and 4 (issue 11 "Performance": ≤ 2 s). Run with
//   `npm run bench:ui` (builds first; `npm run bench:ui -- --simulate` runs the simulation block alone); BENCH_PORT
//   picks the preview server's port (several worktrees may run it at once).
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import { presetCurve, PRESETS } from '../src/curves/presets.ts';
import { planToFile, withNewPlanDefaults } from '../src/plan/index.ts';
import { benchPlan } from './bench.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4179);
const URL_ = `http://127.0.0.1:${PORT}/`;

function planFile(name: string, services: number): string {
  return JSON.stringify({
    format: 'headroom-plan',
    version: 1,
    name,
    catalog: 'aws-us-east-1',
    services: Array.from({ length: services }, (_, i) => ({
      name: `svc-${i}`,
      trafficRps: presetCurve(PRESETS[i % PRESETS.length]!.id, 168, {
        by: 'peak',
        peakRps: 20 + (i % 37) * 5,
      }),
      cpuMsPerRequest: 5 + (i % 11) * 3,
      durationMs: 30 + (i % 7) * 20,
      memoryMiB: [256, 512, 1024, 2048][i % 4],
      stateful: i % 29 === 0,
    })),
  });
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function waitReady(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Monthly cost by strategy', exact: true }).waitFor();
}

async function importPlan(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import…', exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

function bundleSize(): { files: number; raw: number; gzip: number } {
  const dir = 'dist/assets';
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const f of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(f)) continue;
    const p = join(dir, f);
    raw += statSync(p).size;
    gzip += gzipSync(readFileSync(p)).length;
    files += 1;
  }
  return { files, raw, gzip };
}

type EditTiming = { dom: number; frame: number; handler: number };

/** 40 edits of svc-1's duration, 120 ms apart like fast typing, each timed from its input event (see main). */
async function timeEdits(page: Page): Promise<EditTiming[]> {
  await page.getByLabel('Duration ms of svc-1', { exact: true }).waitFor();
  await page.locator('article[data-strategy="serverless"] [data-testid="monthly-cost"]').waitFor();
  // In-page code is passed as text: tsx would otherwise add helpers the page does not have.
  return (await page.evaluate(`(async () => {
    const input = [...document.querySelectorAll('input')].find(
      (i) => i.labels?.[0]?.textContent?.trim() === 'Duration ms of svc-1');
    const cost = () =>
      document.querySelector('article[data-strategy="serverless"] [data-testid="monthly-cost"]').textContent;
    const out = [];
    for (let i = 0; i < 40; i++) {
      const before = cost();
      const t0 = performance.now();
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (cost() !== before) { obs.disconnect(); resolve(performance.now()); }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
      });
      input.value = String(i % 2 === 0 ? 400 : 30);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const handler = performance.now() - t0;
      const t1 = await changed;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      out.push({ dom: t1 - t0, frame: performance.now() - t0, handler });
      await new Promise((r) => setTimeout(r, 120));
    }
    return out;
  })()`)) as EditTiming[];
}

/** Prints the timings of one plan size's edits. */
function printEdits(services: number, edits: readonly EditTiming[], where: string): void {
  const dom = edits.map((e) => e.dom).filter(Number.isFinite);
  if (dom.length < edits.length) console.log(`${edits.length - dom.length} edits did not change the results`);
  const frame = edits.map((e) => e.frame);
  const handler = edits.map((e) => e.handler);
  console.log(
    `edit → results on screen, ${services} services (${dom.length} edits, 120 ms apart like fast typing): median ${ms(quantile(dom, 0.5))}, p95 ${ms(quantile(dom, 0.95))}`,
  );
  console.log(
    `  of which the input handler (${where}): median ${ms(quantile(handler, 0.5))}, p95 ${ms(quantile(handler, 0.95))}`,
  );
  console.log(
    `  edit → next frame after the update: median ${ms(quantile(frame, 0.5))}, p95 ${ms(quantile(frame, 0.95))}`,
  );
}

/**
 * The plan of `npm run bench:analysis`'s uncertainty block: benchPlan(200) (168-hour curves) with every input ranged
 * plan-wide.
 */
function rangedPlanFile(name: string, newPlan = false): string {
  const plan = benchPlan(200);
  const file = planToFile({ ...plan, name }) as unknown as Record<string, unknown>;
  // The same services with what a plan made in the app starts with (bench:analysis measures both).
  return JSON.stringify({
    ...(newPlan ? withNewPlanDefaults(file) : file),
    uncertainty: {
      trafficRps: { low: 0.7, high: 1.5 },
      cpuMsPerRequest: { low: 0.8, high: 1.3 },
      durationMs: { low: 0.8, high: 1.5 },
    },
  });
}

/**
 * A page on the 200-service ranged plan whose navigator.hardwareConcurrency is `cores` (so the app splits a
 * simulation over min(cores, 4) workers).
 */
async function simulationPage(browser: Browser, cores: number, newPlan: boolean): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error', e.message));
  // As text, like the in-page code below (tsx would add helpers the page does not have).
  await page.addInitScript(
    `Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => ${cores}, configurable: true });`,
  );
  await page.goto(URL_);
  await waitReady(page);
  await importPlan(page, 'ranged.json', rangedPlanFile('Ranged services', newPlan));
  await page.getByText('Ranged services · prices').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'How sure is the cheapest? (simulate the ranges)' }).waitFor();
  return page;
}

/** "How sure is the cheapest?" (1,000 samples): from the click to the button enabled again, timed in the page. */
async function timeSimulation(page: Page): Promise<number> {
  return (await page.evaluate(`(async () => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent.trim() === 'How sure is the cheapest? (simulate the ranges)');
    const t0 = performance.now();
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    if (!button.disabled) return NaN;
    while (button.disabled) await new Promise((r) => setTimeout(r, 2));
    return performance.now() - t0;
  })()`)) as number;
}

/**
 * Prints the simulation's times in one worker and split over 2 and 4, the runs interleaved (so a change in the
 * machine's load falls on each alike); the answers must be the same.
 */
async function simulationBlock(browser: Browser, newPlan: boolean, cores: number[]): Promise<void> {
  const runs = 5;
  const pages = [];
  for (const n of cores) pages.push(await simulationPage(browser, n, newPlan));
  const times = cores.map((): number[] => []);
  for (let r = 0; r < runs; r++)
    for (const [i, page] of pages.entries()) times[i]!.push(await timeSimulation(page));
  const answers = new Set<string>();
  for (const page of pages) answers.add((await page.getByTestId('simulation-answer').textContent()) ?? '');
  console.log(
    `simulation in the app, 1,000 samples of 200 services, every input ranged, ${newPlan ? "a new plan's defaults (version 2)" : 'version 1 defaults'} (click → answer, ${runs} runs each, interleaved):`,
  );
  cores.forEach((n, i) => {
    const t = times[i]!;
    console.log(
      `  ${n} worker${n === 1 ? '' : 's'}: median ${(quantile(t, 0.5) / 1000).toFixed(2)} s (${t.map((x) => (x / 1000).toFixed(2)).join(', ')})`,
    );
  });
  console.log(
    answers.size === 1
      ? `  the same answer: ${[...answers][0]}`
      : `  THE ANSWERS DIFFER: ${[...answers].join(' | ')}`,
  );
  for (const page of pages) await page.context().close();
}

async function main(): Promise<void> {
  const build = spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  if (build.status !== 0) throw new Error('vite build failed');
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(URL_);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (process.argv.includes('--simulate')) {
      await simulationBlock(browser, false, [1, 2, 4]);
      await simulationBlock(browser, true, [1, 2]);
      return;
    }

    // 1. Page load to interactive (results on screen, plan name editable), first run and a warm reload.
    const firstRun: number[] = [];
    const reloads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      let t = Date.now();
      await page.goto(URL_);
      await waitReady(page);
      await page.getByLabel('Plan name').isEditable();
      firstRun.push(Date.now() - t);
      t = Date.now();
      await page.reload();
      await waitReady(page);
      reloads.push(Date.now() - t);
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('crash', () => console.error('page crashed'));
    page.on('pageerror', (e) => console.error('page error', e.message));
    await page.goto(URL_);
    await waitReady(page);

    // 2. Edit → updated results on a 50-service plan (evaluated on this thread) and a 300-service one (in the
    // worker), timed in the page: from the input event to the serverless card showing a new cost, and to the next
    // frame after that.
    await importPlan(page, 'fifty.json', planFile('Fifty services', 50));
    await page.getByText('Fifty services · prices').waitFor();
    const edits = await timeEdits(page);
    await importPlan(page, 'three-hundred.json', planFile('Three hundred services', 300));
    await page.getByText('Three hundred services · prices').waitFor({ timeout: 60_000 });
    const edits300 = await timeEdits(page);

    // 3. A 2,000-service plan: import, then open it from the plans list (evaluated in the worker).
    const big = planFile('Two thousand services', 2000);
    let t = Date.now();
    await importPlan(page, 'big.json', big);
    await page.getByText('Two thousand services · prices').waitFor({ timeout: 60_000 });
    const importMs = Date.now() - t;
    const opens: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Plans', exact: true }).click();
      await page.getByRole('button', { name: 'Open Fifty services' }).click();
      await page.getByText('Fifty services · prices').waitFor();
      await page.getByRole('button', { name: 'Plans', exact: true }).click();
      t = Date.now();
      await page.getByRole('button', { name: 'Open Two thousand services' }).click();
      await page.getByText('Two thousand services · prices').waitFor({ timeout: 60_000 });
      await page.locator('article[data-strategy="serverless"] [data-testid="monthly-cost"]').waitFor();
      opens.push(Date.now() - t);
    }
    const bigEdit = (await page.evaluate(`(() => {
      const input = [...document.querySelectorAll('input')].find(
        (i) => i.labels?.[0]?.textContent?.trim() === 'Duration ms of svc-2');
      const t0 = performance.now();
      input.value = '777';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return { inputHandler: performance.now() - t0 };
    })()`)) as { inputHandler: number };
    await context.close();

    const size = bundleSize();
    console.log('Headroom UI benchmarks (Chromium, built renderer, this machine)');
    console.log(
      `load to interactive, first run (seeds the example): median ${ms(quantile(firstRun, 0.5))}, max ${ms(Math.max(...firstRun))}`,
    );
    console.log(
      `load to interactive, reload: median ${ms(quantile(reloads, 0.5))}, max ${ms(Math.max(...reloads))}`,
    );
    printEdits(50, edits, 'validation + engine on this thread');
    printEdits(300, edits300, 'the engine runs in the worker');
    console.log(
      `2,000-service plan: import ${ms(importMs)}; open from the plans list: median ${ms(quantile(opens, 0.5))}, max ${ms(Math.max(...opens))}`,
    );
    console.log(
      `2,000-service plan: input handler of one edit (engine in the worker) ${ms(bigEdit.inputHandler)}`,
    );
    console.log(
      `renderer bundle: ${size.files} files, ${(size.raw / 1024).toFixed(0)} KiB (${(size.gzip / 1024).toFixed(0)} KiB gzip)`,
    );
    await simulationBlock(browser, false, [1, 2, 4]);
    await simulationBlock(browser, true, [1, 2]);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

await main();
