// Browser check of Chart.svelte (`npm run check:chart-component`): the component is the only owner of Chart.js
// instances, so prove its life cycle in Chromium: created on mount with an accessible canvas, updated in place when
// the config changes, re-themed when the OS switches to dark, no animation under reduced motion, destroyed on
// unmount. Runs a throwaway Vite dev server on a free port with a harness page in a temporary folder.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer } from 'vite';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'headroom-chart-check-'));
symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');

writeFileSync(
  join(dir, 'index.html'),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart check</title>
<link rel="icon" href="data:,"></head><body><main id="app"></main><script type="module" src="/main.svelte.ts"></script></body></html>`,
);
writeFileSync(
  join(dir, 'main.svelte.ts'),
  `import '${repo}/src/ui/theme.css';
import { flushSync, mount, unmount } from 'svelte';
import { Chart } from 'chart.js';
import ChartComponent from '${repo}/src/ui/charts/Chart.svelte';
import { themeColor } from '${repo}/src/ui/charts/configs.ts';

const config = (data: number[]) => ({
  type: 'bar' as const,
  data: { labels: data.map((_, i) => 'bar ' + i), datasets: [{ label: 'cost', data, backgroundColor: themeColor('--strategy-1') }] },
  options: { responsive: true, maintainAspectRatio: false, scales: { x: {}, y: {} } },
});
// Counts Chart.js updates per instance, to prove coalescing and skipped no-op updates.
const updates = new Map<number, number>();
Chart.register({ id: 'updateCounter', afterUpdate(c: Chart) { updates.set(c.id, (updates.get(c.id) ?? 0) + 1); } });
const props = $state({ config: config([1, 2, 3]), label: 'Test chart of three bars' });
let component: ReturnType<typeof mount> | undefined;
const canvas = () => document.querySelector('canvas');
const chart = () => { const c = canvas(); return c ? Chart.getChart(c) : undefined; };
(window as unknown as Record<string, unknown>).harness = {
  mount() { component = mount(ChartComponent, { target: document.getElementById('app')!, props }); flushSync(); },
  setData(data: number[]) { props.config = config(data); flushSync(); },
  // Several edits in one task: returns the data Chart.js holds right after them (before the next frame).
  burst(sets: number[][]) {
    for (const data of sets) { props.config = config(data); flushSync(); }
    const c = chart();
    return c ? [...(c.data.datasets[0]!.data as number[])] : null;
  },
  updates() { const c = chart(); return c ? (updates.get(c.id) ?? 0) : 0; },
  frame() { return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))); },
  unmount() { if (component) unmount(component); flushSync(); },
  state() {
    const c = chart();
    const x = c?.options.scales?.x as { ticks?: { color?: unknown } } | undefined;
    return {
      instances: Object.keys(Chart.instances).length,
      id: c?.id ?? null,
      role: canvas()?.getAttribute('role') ?? null,
      label: canvas()?.getAttribute('aria-label') ?? null,
      data: c ? (c.data.datasets[0]!.data as number[]) : null,
      background: c ? String(c.data.datasets[0]!.backgroundColor) : null,
      tickColor: x?.ticks?.color ?? null,
      animation: c ? c.options.animation : null,
    };
  },
};
`,
);

const server = await createServer({
  root: dir,
  configFile: false,
  logLevel: 'error',
  plugins: [svelte()],
  server: { host: '127.0.0.1', port: 0, fs: { allow: [dir, repo] } },
});
await server.listen();
const url = server.resolvedUrls?.local[0];

let failures = 0;
const expect = (what, ok, detail = '') => {
  console.log(`${ok ? '✓' : '✗'} ${what}${ok ? '' : ` — ${detail}`}`);
  if (!ok) failures += 1;
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ colorScheme: 'light', reducedMotion: 'no-preference' });
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => 'harness' in window, null, { timeout: 30_000 });
  const state = () => page.evaluate(() => window.harness.state());

  expect('no instance before mount', (await state()).instances === 0);
  await page.evaluate(() => window.harness.mount());
  const s1 = await state();
  expect('one instance on mount', s1.instances === 1 && s1.id !== null, JSON.stringify(s1));
  expect('canvas is role="img" with the label', s1.role === 'img' && s1.label === 'Test chart of three bars');
  expect('theme colour resolved from --strategy-1', s1.background === '#1f77b4', s1.background);
  expect('light tick colour from --muted', s1.tickColor === '#566473', String(s1.tickColor));
  expect('animates when motion is welcome', s1.animation !== false);

  await page.evaluate(() => window.harness.setData([5, 6, 7, 8]));
  // Updates are drawn on the next animation frame (coalesced), not synchronously.
  await page
    .waitForFunction(() => JSON.stringify(window.harness.state().data) === '[5,6,7,8]', null, {
      timeout: 5_000,
    })
    .catch(() => {});
  const s2 = await state();
  expect(
    'config change updates the same instance',
    s2.id === s1.id && s2.instances === 1,
    JSON.stringify(s2),
  );
  expect('updated data reaches Chart.js', JSON.stringify(s2.data) === '[5,6,7,8]', JSON.stringify(s2.data));

  const before = await page.evaluate(() => window.harness.updates());
  const during = await page.evaluate(() => window.harness.burst([[1], [2, 2], [9, 9, 9]]));
  expect('updates wait for the next frame', JSON.stringify(during) === '[5,6,7,8]', JSON.stringify(during));
  await page.evaluate(() => window.harness.frame());
  const s2b = await state();
  const afterBurst = await page.evaluate(() => window.harness.updates());
  expect('the last of several edits in one frame is drawn', JSON.stringify(s2b.data) === '[9,9,9]');
  expect('several edits in one frame make one update', afterBurst - before === 1, `${afterBurst - before}`);
  await page.evaluate(() => window.harness.setData([9, 9, 9]));
  await page.evaluate(() => window.harness.frame());
  const afterSame = await page.evaluate(() => window.harness.updates());
  expect('an unchanged config is not redrawn', afterSame === afterBurst, `${afterSame - afterBurst}`);

  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page
    .waitForFunction(() => window.harness.state().tickColor === '#9aa7b5', null, { timeout: 5_000 })
    .catch(() => {});
  const s3 = await state();
  expect('dark scheme re-themes the ticks from --muted', s3.tickColor === '#9aa7b5', String(s3.tickColor));
  expect('reduced motion turns animation off', s3.animation === false, JSON.stringify(s3.animation));
  expect('re-theming keeps the instance', s3.id === s1.id && s3.instances === 1);

  await page.evaluate(() => window.harness.unmount());
  const s4 = await state();
  expect('unmount destroys the instance', s4.instances === 0 && s4.id === null, JSON.stringify(s4));
  expect('no console errors or warnings', problems.length === 0, problems.join(' | '));
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

if (failures) {
  console.error(`check:chart-component FAILED: ${failures} expectation(s)`);
  process.exit(1);
}
console.log('check:chart-component OK');
