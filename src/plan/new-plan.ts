// What a plan created in the app starts with (issue 10 §1): NEW_PLAN_DEFAULTS (src/model/defaults.ts) written
// explicitly into the file, so the file says what it assumes and keeps giving the same figures in every later
// Headroom (a default the file leaves out is version 1's, and those never change). Used by "New plan" in the app
// (src/state/doc.ts) and for examples/equal-terms.json.
import { NEW_PLAN_DEFAULTS } from '../model/index.ts';
import { PLAN_VERSION } from './limits.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `doc` as a version 2 document with every new-plan default written in: the components (front door, zones, storage,
 * network, logs, operations) replaced by the defaults, and the defaulted strategy settings set over the document's
 * own. Services are left as they are (a pod request they leave out follows version 2's rule).
 */
export function withNewPlanDefaults(doc: Obj): Obj {
  const d: typeof NEW_PLAN_DEFAULTS = structuredClone(NEW_PLAN_DEFAULTS);
  const own = isObj(doc.strategies) ? doc.strategies : {};
  const strategies: Obj = { ...own };
  for (const [key, settings] of Object.entries(d.strategies)) {
    strategies[key] = { ...(isObj(own[key]) ? own[key] : {}), ...settings };
  }
  return {
    ...doc,
    version: PLAN_VERSION,
    strategies,
    frontDoor: d.frontDoor,
    resilience: d.resilience,
    storage: d.storage,
    network: d.network,
    logs: d.logs,
    operations: d.operations,
  };
}
