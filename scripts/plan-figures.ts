// The figures of every plan file the repository ships (examples/ and the stored-data fixtures of src/db/fixtures),
// pinned for src/plan/catalog-versions.test.ts: a plan file gives the same figures in every later Headroom unless
// it opts in (issue 13, "v1 plans keep their numbers"; catalog versions, src/catalog/snapshots.ts). Recorded from
// the code before catalog versions existed. `npx tsx scripts/plan-figures.ts` re-records src/plan/plan-figures.json:
// only when a figure is meant to change (or a plan file is added), reviewed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { evaluate } from '../src/model/index.ts';
import { formatIssue, parsePlan } from '../src/plan/index.ts';
import { PLAN_FORMAT } from '../src/plan/limits.ts';

/** One strategy's figures: its monthly total and each line item (service or null for a shared item, component, quantity, unit price, cost). */
export interface StrategyFigures {
  monthlyCost: number | null;
  lineItems: [string | null, string, number, number, number][];
}

/** Every plan document in the shipped files, by where it is (`file` or `file path.to.document`), deduplicated. */
export function shippedPlans(): Map<string, unknown> {
  const files = [
    ...readdirSync('examples')
      .filter((f) => f.endsWith('.json'))
      .map((f) => `examples/${f}`),
    ...readdirSync('src/db/fixtures')
      .filter((f) => f.endsWith('.json'))
      .map((f) => `src/db/fixtures/${f}`),
  ].sort();
  const out = new Map<string, unknown>();
  const seen = new Set<string>();
  for (const file of files) {
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (typeof v === 'object' && v !== null) {
        if ((v as { format?: unknown }).format === PLAN_FORMAT) {
          const key = JSON.stringify(v);
          if (!seen.has(key)) out.set(path === '' ? file : `${file} ${path.slice(1)}`, v);
          seen.add(key);
          return;
        }
        for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      }
    };
    walk(JSON.parse(readFileSync(file, 'utf8')), '');
  }
  return out;
}

/** The figures of one plan document, by strategy id. */
export function planFigures(doc: unknown): Record<string, StrategyFigures> {
  const r = parsePlan(doc);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  const out: Record<string, StrategyFigures> = {};
  for (const s of evaluate(r.plan).strategies) {
    out[s.id] = {
      monthlyCost: s.monthlyCost,
      lineItems: s.lineItems.map((l) => [l.service, l.component, l.quantity, l.unitPrice, l.cost]),
    };
  }
  return out;
}

/** The figures of every shipped plan, by where it is. */
export function allPlanFigures(): Record<string, Record<string, StrategyFigures>> {
  const all: Record<string, Record<string, StrategyFigures>> = {};
  for (const [where, doc] of shippedPlans()) all[where] = planFigures(doc);
  return all;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(
    new URL('../src/plan/plan-figures.json', import.meta.url),
    `${JSON.stringify(allPlanFigures(), null, 1)}\n`,
  );
}
