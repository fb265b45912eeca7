// Where a plan problem is shown: which section of the editor holds its field, and for a service whether the field
// is in the table or under "Curve & details". Fields carry their path (`data-path`), so a problem in the summary can
// move focus to its field once its section is open.
import type { PlanIssue } from '../../model/index.ts';

/** Service fields edited in the services table; every other service field is under "Curve & details". */
export const TABLE_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'growthPerMonth',
  'cpuMsPerRequest',
  'durationMs',
  'memoryMiB',
  'minInstances',
  'stateful',
]);

/**
 * The plan-wide components (issue 10 §2–§4) and the plan-wide uncertainty ranges (issue 11 §3), edited in the
 * "Plan-wide" section, in its order.
 */
export const PLAN_WIDE = [
  'frontDoor',
  'resilience',
  'storage',
  'network',
  'logs',
  'operations',
  'uncertainty',
] as const;

export type Section = 'plan' | 'services' | 'strategies' | 'planWide';

export interface ProblemPlace {
  section: Section;
  /** The service the problem is in (its index), if any. */
  service: number | null;
  /** True when the field is under the service's "Curve & details". */
  details: boolean;
}

export function problemPlace(path: string): ProblemPlace {
  const m = /^services\[(\d+)\](?:\.([A-Za-z_$][\w$]*))?/.exec(path);
  if (m) {
    const field = m[2];
    return {
      section: 'services',
      service: Number(m[1]),
      details: field !== undefined && !TABLE_FIELDS.has(field),
    };
  }
  if (/^services\b/.test(path)) return { section: 'services', service: null, details: false };
  if (/^strategies\b/.test(path)) return { section: 'strategies', service: null, details: false };
  const head = /^[A-Za-z_$][\w$]*/.exec(path)?.[0];
  if (PLAN_WIDE.some((k) => k === head)) return { section: 'planWide', service: null, details: false };
  return { section: 'plan', service: null, details: false };
}

/** The path, then each enclosing path (`a.b[2].c` → `a.b[2]` → `a.b` → `a`): where to look for a field. */
export function pathAndAncestors(path: string): string[] {
  const out = [path];
  let cur = path;
  for (;;) {
    const next = cur.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (next === cur || next === '') break;
    out.push(next);
    cur = next;
  }
  return out;
}

/** The first service with a problem under its "Curve & details", so that section opens to show it. */
export function serviceWithHiddenProblem(issues: readonly PlanIssue[]): number | null {
  for (const i of issues) {
    const place = problemPlace(i.path);
    if (place.details && place.service !== null) return place.service;
  }
  return null;
}

/** A person's name for where a problem is: `Service “db” › container.memoryMiB`, `Strategies › …`, `Plan › name`. */
export function problemWhere(path: string, serviceName: (index: number) => string | undefined): string {
  const m = /^services\[(\d+)\]\.?(.*)$/.exec(path);
  if (m) {
    const name = serviceName(Number(m[1]));
    const who = name ? `Service “${name}”` : `Service ${Number(m[1]) + 1}`;
    return m[2] ? `${who} › ${m[2]}` : who;
  }
  if (path.startsWith('strategies.')) return `Strategy settings › ${path.slice('strategies.'.length)}`;
  if (problemPlace(path).section === 'planWide') return `Plan-wide › ${path}`;
  return `Plan › ${path}`;
}

/**
 * Focuses the field of `path` (or, failing that, of the nearest enclosing path that has one), waiting a few frames
 * for a section that was just opened to render it. Returns whether a field was focused.
 */
export async function focusField(path: string, root: ParentNode = document, frames = 30): Promise<boolean> {
  const find = (p: string) => root.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
  const focus = (el: HTMLElement) => {
    el.scrollIntoView?.({ block: 'center' });
    el.focus();
    return true;
  };
  for (let f = 0; f <= frames; f++) {
    const el = find(path);
    if (el) return focus(el);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
  for (const p of pathAndAncestors(path).slice(1)) {
    const el = find(p);
    if (el) return focus(el);
  }
  return false;
}
