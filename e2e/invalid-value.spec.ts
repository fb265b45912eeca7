// Issue 9 §1, the user's own story: a 16 GiB database typed into a new service's memory must never freeze the plan or
// lose an edit. The strategies that can be costed are; the cluster says why it cannot be and how to fix it; a value
// with a problem is saved as a draft and every later edit survives a reload; each problem is at its field.
import type { Page } from '@playwright/test';
import { axeClean, cardCosts, expect, openApp, shot, test, waitSaved } from './fixtures.ts';

const MONEY = /^\$[\d,]+\.\d\d$/;

const saveState = (page: Page) => page.locator('.save-state');

async function expectThreeCostedAndClusterNot(page: Page): Promise<void> {
  const cluster = page.locator('article[data-strategy="container-cluster"]');
  await expect(cluster.getByTestId('cannot-cost')).toContainText(
    'Cannot be costed: a pod request of 16384 MiB is more than a m6i.xlarge node can allocate',
  );
  await expect(cluster.getByTestId('cannot-cost')).toContainText(
    /Fix: choose a larger node type \(e\.g\. \S+\)/,
  );
  const costs = await cardCosts(page);
  for (const id of ['shared-host', 'vm-per-service', 'serverless']) expect(costs[id]).toMatch(MONEY);
  expect(costs['container-cluster']).toBe('—');
}

test('an invalid value never freezes the plan or loses edits: typed, kept editing, reloaded — every edit is there', async ({
  page,
}) => {
  await openApp(page);
  // A new service, as a planner building a plan from scratch adds one: its pod memory request follows its memory.
  await page.getByLabel('New service name').fill('db');
  await page.getByRole('button', { name: 'Add service' }).click();
  await expect(page.getByLabel('Memory MiB of db')).toBeVisible();
  await page.getByLabel('Memory MiB of db').fill('16384');

  // Not a plan problem: three strategies are costed, the cluster cannot be, and says how to fix it.
  await expectThreeCostedAndClusterNot(page);
  await expect(page.getByText(/problems? in this plan/)).toHaveCount(0);
  // The field the reason is about is shown, with the reason, in the section that was hidden (now opened).
  await expect(page.getByRole('heading', { name: 'Service details: db' })).toBeVisible();
  const podMemory = page.getByLabel('Memory request (MiB)');
  await expect(podMemory).toHaveAttribute('aria-invalid', 'true');
  // Version 2: a pod CPU request left out follows its memory (1 vCPU per 4 GiB: 4,000 m here), too big for the node
  // as well, and said at its own field.
  await expect(page.getByLabel('CPU request (millicores)')).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Service instance per container cannot be costed' }),
  ).toHaveCount(2);
  await waitSaved(page);
  await axeClean(page, 'a strategy that cannot be costed');

  // Keep editing, including a value that is a plan problem: everything is saved, as a draft while it has problems.
  await page.getByLabel('CPU ms per request of db').fill('3x');
  await expect(page.getByRole('heading', { name: '1 problem in this plan' })).toBeVisible();
  await page.getByLabel('Duration ms of db').fill('123');
  await page.getByLabel('Plan name').fill('Capacity meeting');
  await expect(saveState(page)).toHaveText('Draft saved: fix the problems');
  await axeClean(page, 'a plan problem shown at its field and in the summary');
  await shot(page, 'invalid-value-draft');

  // Exports say why they are refused rather than exporting the last valid version silently.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText(/^Not exported: this plan has 1 problem/)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Plan name')).toHaveValue('Capacity meeting');
  await expect(page.getByLabel('Memory MiB of db')).toHaveValue('16384');
  await expect(page.getByLabel('CPU ms per request of db')).toHaveValue('3x');
  await expect(page.getByLabel('Duration ms of db')).toHaveValue('123');
  await expect(page.getByLabel('CPU ms per request of db')).toHaveAttribute('aria-invalid', 'true');
  await expect(saveState(page)).toHaveText('Draft saved: fix the problems');
  await expect(page.getByText('From the last valid version of this plan')).toBeVisible();
  await expectThreeCostedAndClusterNot(page);

  // The summary lists the problem as a link to its field: focus moves there.
  await page.getByRole('button', { name: 'Service “db” › cpuMsPerRequest' }).click();
  await expect(page.getByLabel('CPU ms per request of db')).toBeFocused();
  await axeClean(page, 'a reloaded draft');

  // Fixing it saves the plan itself; the cluster's reason leads to its field (in the opened details).
  await page.getByLabel('CPU ms per request of db').fill('30');
  await waitSaved(page);
  await expect(page.getByText('From the last valid version of this plan')).toHaveCount(0);
  await expectThreeCostedAndClusterNot(page);
  await page
    .locator('article[data-strategy="container-cluster"]')
    .getByRole('button', { name: /Go to the field.*container\.memoryMiB/ })
    .click();
  await expect(podMemory).toBeFocused();
  await shot(page, 'invalid-value-cannot-cost');
  await page.reload();
  await expect(page.getByLabel('CPU ms per request of db')).toHaveValue('30');
  await expect(page.getByLabel('Duration ms of db')).toHaveValue('123');
  await expect(saveState(page)).toHaveText('All changes saved');
});
