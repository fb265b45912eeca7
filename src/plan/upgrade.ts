// Plan documents of version 1 → version 2 with the same figures (issue 10 §1): what the IndexedDB migration (data
// format 4), an older backup or data export being restored, and the app's own stored rows go through. Version 2
// changed one default only: a pod CPU request left out follows the pod's memory instead of 250 millicores. So the
// upgrade writes 250 where a service left it out, bumps the version, and adds nothing else (every component version
// 2 added stays absent, which is off). Pure, and total: any JSON comes back, unchanged unless it is a version 1 plan
// document (a draft with problems is upgraded as far as its shape allows, never refused).
import { V1_POD_MILLICORES } from '../model/index.ts';
import { PLAN_FORMAT } from './limits.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A version 1 service with its pod CPU request written out (the same object when it already was). */
function withPodRequest(service: unknown): unknown {
  if (!isObj(service)) return service;
  const container = service.container;
  if (container === undefined) return { ...service, container: { cpuMillicores: V1_POD_MILLICORES } };
  if (!isObj(container) || container.cpuMillicores !== undefined) return service;
  return { ...service, container: { ...container, cpuMillicores: V1_POD_MILLICORES } };
}

/** True for a plan document of version 1 (valid or not). */
export function isVersion1Plan(doc: unknown): doc is Obj {
  return isObj(doc) && doc.format === PLAN_FORMAT && doc.version === 1;
}

/**
 * A version 1 plan document as version 2 with the same figures; anything else (a version 2 document, JSON that is
 * not a plan) is returned as it is, the same object.
 */
export function upgradePlanDocument(doc: unknown): unknown {
  if (!isVersion1Plan(doc)) return doc;
  const services = Array.isArray(doc.services) ? doc.services.map(withPodRequest) : doc.services;
  return { ...doc, version: 2, services };
}

/**
 * A scenario's recorded changes, as they read against a version 2 base with the same figures: a change that takes a
 * pod request back to its default (version 1: 250) or adds a service without one now says 250. Total like
 * upgradePlanDocument (a stored list is checked after, not before): an entry that is not a change stays as it is.
 * Unchanged entries are the same objects; the list is the same object when nothing changed.
 */
export function upgradeScenarioChanges<T>(changes: T[]): T[] {
  let changed = false;
  const out = changes.map((c): T => {
    const next = upgradeChange(c);
    if (next === c) return c;
    changed = true;
    return next as T;
  });
  return changed ? out : changes;
}

function upgradeChange(c: unknown): unknown {
  if (!isObj(c)) return c;
  if (c.kind === 'add-service') {
    const service = withPodRequest(c.service);
    return service === c.service ? c : { ...c, service };
  }
  const path = c.path;
  if (c.kind !== 'service' || !Array.isArray(path) || path[0] !== 'container') return c;
  if (path.length === 1) {
    // The whole pod request object: removed (back to its defaults) or replaced without a CPU request.
    const value = c.value === undefined ? {} : c.value;
    const container = isObj(value) ? (withPodRequest({ container: value }) as Obj).container : value;
    return container === c.value ? c : { ...c, value: container };
  }
  if (path.length === 2 && path[1] === 'cpuMillicores' && c.value === undefined) {
    return { ...c, value: V1_POD_MILLICORES };
  }
  return c;
}
