// The example plan opened on first run: examples/food-delivery.json, the same file the CLI docs use.
import example from '../../examples/food-delivery.json';
import type { Doc } from './doc.ts';

export function examplePlanDocument(): Doc {
  return structuredClone(example) as Doc;
}
