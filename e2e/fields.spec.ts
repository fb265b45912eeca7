// The editor's forms against the plan's field declarations (src/plan/fields.ts, issue 9 §10): every declared field
// is on screen at its path with the declared label, hint, unit and choices, and nothing undeclared is, so a form
// that drifts from the declarations (a label typed by hand, a field left out, a range or warning of its own) fails.
import type { Locator } from '@playwright/test';
import { STRATEGY_NAMES } from '../src/model/index.ts';
import { fieldsUnder, PLAN_FIELDS, type FieldDecl } from '../src/plan/fields.ts';
import { axeClean, expect, openApp, shot, test } from './fixtures.ts';

const decl = (key: string): FieldDecl => (PLAN_FIELDS as Record<string, FieldDecl>)[key]!;

/** Checks the input at `path` inside `scope` against the declaration `key`. */
async function agrees(scope: Locator, path: string, key: string): Promise<void> {
  const f = decl(key);
  const input = scope.locator(`[data-path="${path}"]`);
  await expect(input, `${path} is on screen`).toHaveCount(1);
  await expect(input, `${path}: declared label`).toHaveAccessibleName(f.label);
  if (f.hint !== undefined)
    await expect(input, `${path}: declared hint`).toHaveAccessibleDescription(
      f.kind === 'percent' ? `percent ${f.hint}` : f.hint,
    );
  if (f.kind === 'percent') {
    // Fractions are shown as percents: the unit is beside the input and announced with it.
    await expect(input.locator('xpath=following-sibling::*[1]')).toHaveText('%');
  }
  if (f.kind === 'choice') {
    await expect(input.locator('option:not([disabled])')).toHaveText(f.options.map((o) => o.label));
  }
  if (f.kind === 'instanceType' && f.extra) {
    await expect(input.locator('option').first()).toHaveText(f.extra.label);
  }
}

const STRATEGIES = [
  ['sharedHost', STRATEGY_NAMES['shared-host']],
  ['vmPerService', STRATEGY_NAMES['vm-per-service']],
  ['containerCluster', STRATEGY_NAMES['container-cluster']],
  ['serverless', STRATEGY_NAMES.serverless],
] as const;

test('strategy settings show every declared field, as declared, and nothing else', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  for (const [key, name] of STRATEGIES) {
    const group = page.getByRole('group', { name });
    // A declared object inside (a commitment, issue 13 §5) is a group of its own fields.
    const names = fieldsUnder(`strategies.${key}`).flatMap((f) =>
      decl(`strategies.${key}.${f}`).kind === 'shape'
        ? fieldsUnder(`strategies.${key}.${f}`).map((inner) => `${f}.${inner}`)
        : [f],
    );
    expect(names.length).toBeGreaterThan(2);
    for (const f of names) await agrees(group, `strategies.${key}.${f}`, `strategies.${key}.${f}`);
    await expect(group.locator('input, select'), `${name}: only declared fields`).toHaveCount(names.length);
  }
  await axeClean(page, 'strategy settings from the declarations');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, 'fields-strategy-settings-1440');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, 'fields-strategy-settings-1024');
});

test('the services table and a service’s details read their labels and columns from the declarations', async ({
  page,
}) => {
  await openApp(page);
  const table = page.locator('table.services');
  for (const key of [
    'trafficRps',
    'growthPerMonth',
    'cpuMsPerRequest',
    'durationMs',
    'memoryMiB',
    'minInstances',
  ]) {
    const f = decl(`services[].${key}`);
    await expect(table.getByRole('columnheader', { name: f.column ?? f.label, exact: true })).toHaveCount(1);
  }
  const name = (await table.locator('[data-path="services[0].name"]').inputValue()).trim();
  for (const key of ['growthPerMonth', 'cpuMsPerRequest', 'durationMs', 'memoryMiB', 'minInstances']) {
    await expect(table.locator(`[data-path="services[0].${key}"]`)).toHaveAccessibleName(
      `${decl(`services[].${key}`).label} of ${name}`,
    );
  }

  // Growth is declared a percent: the table shows it as one.
  const growth = table.locator('[data-path="services[0].growthPerMonth"]');
  await expect(growth.locator('xpath=following-sibling::*[1]')).toHaveText('%');

  await page.getByRole('button', { name: `Curve & details of ${name}`, exact: true }).click();
  const details = page.getByRole('dialog', { name: `Service details: ${name}` });
  await agrees(details, 'services[0].vmInstanceType', 'services[].vmInstanceType');
  for (const obj of ['container', 'serverless'] as const) {
    const group = details.getByRole('group', { name: decl(`services[].${obj}`).label });
    for (const f of fieldsUnder(`services[].${obj}`)) {
      await agrees(group, `services[0].${obj}.${f}`, `services[].${obj}.${f}`);
    }
  }
  await axeClean(page, 'service details from the declarations');
  await page.setViewportSize({ width: 1440, height: 900 });
  await details.scrollIntoViewIfNeeded();
  await shot(page, 'fields-service-details-1440');
});

test('a declared "did you mean" threshold is what the field warns above', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Strategy settings' }).click();
  const f = decl('strategies.containerCluster.overprovisioning');
  if (f.kind !== 'percent' || !f.implausible) throw new Error('overprovisioning declares a threshold');
  const input = page.locator('[data-path="strategies.containerCluster.overprovisioning"]');
  const above = f.implausible.above * 100;
  await input.fill(String(above));
  await expect(page.getByText('Did you mean')).toHaveCount(0);
  await input.fill(String(above * 1.5));
  await expect(
    page.getByText(`${above * 1.5}% ${f.implausible.per} is a lot. Did you mean ${(above * 1.5) / 100}%?`),
  ).toBeVisible();
  await axeClean(page, 'overprovisioning hint');
});
