// axe (WCAG 2.2 AA rules) on every main screen, light and dark; each screen is also saved as a screenshot so it can
// be looked at.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, shot, SHOTS_DIR, test } from './fixtures.ts';

async function axe(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the plan editor, its curve editor and results', async ({ page }) => {
      await openApp(page);
      await axe(page, 'editor');
      if (scheme === 'light') {
        await shot(page, 'editor');
        // The README's picture: services and the four strategies' costs in one view.
        await page.screenshot({
          path: `${SHOTS_DIR}/overview.png`,
          fullPage: true,
          clip: { x: 0, y: 0, width: 1400, height: 1180 },
        });
      } else await shot(page, 'editor-dark');
      await page.getByRole('button', { name: 'Curve & details of order' }).click();
      await expect(page.getByRole('heading', { name: 'Traffic curve: order' })).toBeVisible();
      await axe(page, 'service details and curve');
      if (scheme === 'light') {
        await page
          .getByRole('heading', { name: 'Traffic curve: order' })
          .evaluate((el) => el.scrollIntoView());
        await shot(page, 'curve-editor');
        await page
          .getByRole('heading', { name: 'Results', exact: true })
          .evaluate((el) => el.scrollIntoView());
        await shot(page, 'results');
      }
    });

    test('strategy settings and what-if scenarios', async ({ page }) => {
      await openApp(page);
      await page.getByRole('tab', { name: 'Strategy settings' }).click();
      await axe(page, 'strategy settings');
      if (scheme === 'light') await shot(page, 'strategy-settings');
      await page.getByRole('tab', { name: 'What-if scenarios' }).click();
      await page.getByRole('button', { name: 'Create a what-if scenario' }).click();
      await page.getByRole('tab', { name: 'What-if scenarios' }).click();
      await expect(page.getByRole('heading', { name: 'Quick knobs' })).toBeVisible();
      await axe(page, 'what-if scenario');
      if (scheme === 'light') await shot(page, 'scenario');
      await page.getByLabel('Traffic × (every service, every hour)').fill('1.5');
      await page.getByRole('button', { name: 'Apply knobs' }).click();
      await page.getByRole('button', { name: 'Compare with base' }).click();
      await expect(page.getByRole('heading', { name: 'Compare plans and scenarios' })).toBeVisible();
      await axe(page, 'compare');
      if (scheme === 'light') await shot(page, 'compare', { fullPage: true });
    });

    test('plans list, data settings and an import error', async ({ page }) => {
      await openApp(page);
      await page.getByRole('button', { name: 'Plans', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Plans and scenarios' })).toBeVisible();
      await expect(page.locator('table.list tbody tr').first()).toContainText('$');
      await axe(page, 'plans');
      if (scheme === 'light') await shot(page, 'plans');
      await page.getByRole('button', { name: 'Data & backups' }).click();
      await expect(page.getByRole('heading', { name: 'Data & backups' })).toBeVisible();
      await axe(page, 'data settings');
      await page.getByRole('button', { name: 'Plans', exact: true }).click();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Import plan file…' }).click(),
      ]);
      await chooser.setFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"format":"x"}'),
      });
      await expect(page.getByRole('alert').filter({ hasText: 'was not imported' })).toBeVisible();
      await axe(page, 'import problems');
      await page.getByRole('button', { name: 'Help', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Getting started' })).toBeVisible();
      await axe(page, 'help');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });
  });
}
