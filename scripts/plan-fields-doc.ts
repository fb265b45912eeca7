// After changing or adding a plan field in src/plan/fields.ts, run `npx tsx scripts/plan-fields-doc.ts`: it rewrites
// the field tables of docs/plan-format.md and docs/plan.schema.json from the declarations. src/plan/docs.test.ts and
// src/plan/schema.test.ts fail until both are regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import { withFieldTables } from '../src/plan/fields-doc.ts';
import { planJsonSchemaText } from '../src/plan/schema.ts';

function update(file: string, next: (text: string) => string, what: string): void {
  const before = readFileSync(file, 'utf8');
  const after = next(before);
  if (after === before) console.log(`${file}: ${what} up to date`);
  else {
    writeFileSync(file, after);
    console.log(`${file}: ${what} rewritten from src/plan/fields.ts`);
  }
}

update('docs/plan-format.md', withFieldTables, 'field tables');
update('docs/plan.schema.json', () => planJsonSchemaText(), 'JSON Schema');
