// Rewrites the field tables of docs/plan-format.md from the declarations in src/plan/fields.ts (run after changing
// a field: `npx tsx scripts/plan-fields-doc.ts`). src/plan/docs.test.ts fails until the doc is regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import { withFieldTables } from '../src/plan/fields-doc.ts';

const file = 'docs/plan-format.md';
const before = readFileSync(file, 'utf8');
const after = withFieldTables(before);
if (after === before) console.log(`${file}: field tables up to date`);
else {
  writeFileSync(file, after);
  console.log(`${file}: field tables rewritten from src/plan/fields.ts`);
}
