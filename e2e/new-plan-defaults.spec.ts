// A plan started in the app is written as plan format version 2 with the new-plan defaults in its file (issue 10 §1:
// docs/plan-format.md "Defaults of a new plan"), and a service added to it gets version 2's pod request.
import { mkdir } from 'node:fs/promises';
import { axeClean, downloadText, expect, openApp, shot, test, waitSaved } from './fixtures.ts';

const SHOTS = process.env.HELPER_SHOTS_DIR;

test('a new plan’s saved file has every new-plan default written out', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('button', { name: 'New empty plan' }).click();
  await page.getByLabel('Plan name').fill('Equal terms');
  await page.getByLabel('New service name').fill('batch');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByLabel('Name of service 1')).toHaveValue('batch');
  await waitSaved(page);
  await axeClean(page, 'a new plan with one service');
  await shot(page, 'new-plan-defaults');
  if (SHOTS) {
    // For review at the two window sizes (HELPER_SHOTS_DIR); the usual artifact is above.
    await mkdir(SHOTS, { recursive: true });
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
      await page.screenshot({ path: `${SHOTS}/D-new-plan-${width}.png` });
    }
  }

  const saved = await downloadText(page, () => page.getByRole('button', { name: 'Save as JSON' }).click());
  const doc = JSON.parse(saved.text) as Record<string, unknown> & {
    strategies: Record<string, Record<string, unknown>>;
    services: unknown[];
  };
  expect(doc.version).toBe(2);
  expect(doc.frontDoor).toMatchObject({ kind: 'alb', perService: false });
  expect(doc.resilience).toEqual({ zones: 2, surviveZoneLoss: false });
  expect(doc.storage).toEqual({ rootVolumeGiB: 20, type: 'gp3' });
  expect(doc.strategies.vmPerService).toMatchObject({ scaling: 'hourly', scaleAheadHours: 1 });
  expect(doc.strategies.containerCluster).toMatchObject({ scaling: 'hourly', scaleAheadHours: 1 });
  expect(doc.strategies.serverless).toMatchObject({ apiGateway: 'http', fallback: 'vmPerService' });
  // The added service leaves its pod request out or writes version 2's rule (1 vCPU per 4 GiB, at least 250): in a
  // version 2 file both mean the same.
  const [service] = doc.services as { memoryMiB: number; container?: { cpuMillicores?: number } }[];
  const rule = Math.max(250, Math.ceil((service!.memoryMiB * 1000) / 4096));
  expect(service!.container?.cpuMillicores ?? rule).toBe(rule);
});
