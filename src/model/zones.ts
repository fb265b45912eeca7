// Zones and surviving the loss of one (issue 10 §3). A fleet is the set of members (hosts, VM instances of one
// service, nodes, pods of one service, tasks) that serve one purpose in one hour. docs/cost-model.md "Zones".
import { ceilClean } from './money.ts';
import type { Resilience } from './types.ts';

export const SINGLE_ZONE: Resilience = { zones: 1, surviveZoneLoss: false };

/** The most members any one zone holds when `count` members are spread evenly over `zones`. */
export function fullestZone(count: number, zones: number): number {
  return Math.ceil(count / zones);
}

/**
 * Members a fleet runs when it needs `need` (a whole number) to meet demand at its target utilization.
 * - A fleet that does not run in this hour (need 0) stays at 0.
 * - Otherwise at least one member per zone.
 * - With `surviveZoneLoss`, the smallest count c, spread evenly, with c − ⌈c ÷ N⌉ ≥ need: what is left after losing
 *   the fullest zone still meets demand (need 4 over 3 zones → 6).
 */
export function fleetSize(need: number, r: Resilience): number {
  if (!Number.isInteger(need) || need < 0)
    throw new Error(`a fleet needs a whole number of members, not ${need}`);
  if (!Number.isInteger(r.zones) || r.zones < 1)
    throw new Error(`zones must be a whole number ≥ 1, not ${r.zones}`);
  if (need === 0) return 0;
  const floor = Math.max(need, r.zones);
  if (!r.surviveZoneLoss) return floor;
  if (r.zones < 2) throw new Error('surviving the loss of a zone needs at least 2 zones');
  // c − ⌈c/N⌉ grows by 0 or 1 per step, so the first c from the lower bound ⌈need·N/(N−1)⌉ that holds is the smallest.
  let c = Math.max(floor, Math.ceil((need * r.zones) / (r.zones - 1)));
  while (c - fullestZone(c, r.zones) < need) c++;
  return c;
}

/**
 * Members a fleet with a floor runs (minHosts, minInstances): the members demand needs, sized by `fleetSize` (so
 * they survive a zone loss when asked), and never fewer than the floor spread over the zones. A floor is not demand:
 * it is spread (at least one member per zone) but not made to survive a zone loss, so a service whose demand needs
 * nothing but which keeps `minInstances` 1 runs one member per zone. One zone: max(floor, need), the version 1 count.
 */
export function fleetWithFloor(need: number, floor: number, r: Resilience): number {
  const zones = r.zones;
  const spread = floor > 0 ? Math.max(floor, zones) : 0;
  // Hot path (every service's every hour under every strategy, in every simulation sample): without surviving a
  // zone loss, fleetSize of a whole need ≥ 0 over a whole number of zones ≥ 1 is 0 or max(need, zones), computed
  // here without its checks; anything else goes through fleetSize, which checks it.
  if (!r.surviveZoneLoss && isCount(need) && isCount(zones) && zones >= 1)
    return Math.max(need === 0 ? 0 : Math.max(need, zones), spread);
  return Math.max(fleetSize(need, r), spread);
}

/**
 * Member-hours of a fleet over a week: Σₕ fleetWithFloor(max(⌈demand[h] ÷ perMember⌉, latency[h]), floor, r), with
 * ⌈⌉ ignoring float noise (money.ts `ceilClean`) and `latency` the members a latency target asks for each hour (null:
 * none). The one loop behind a VM fleet's and a Fargate service's hours (a simulation sums them for every service of
 * every sample): small, so the engine compiles it on its own, with fleetWithFloor inlined. Whole numbers: exact.
 */
export function weekMembers(
  demand: readonly number[],
  perMember: number,
  floor: number,
  r: Resilience,
  latency: readonly number[] | null,
): number {
  let sum = 0;
  if (latency === null) {
    for (let h = 0; h < demand.length; h++)
      sum += fleetWithFloor(ceilClean(demand[h]! / perMember), floor, r);
  } else {
    for (let h = 0; h < demand.length; h++) {
      sum += fleetWithFloor(Math.max(ceilClean(demand[h]! / perMember), latency[h]!), floor, r);
    }
  }
  return sum;
}

/** A whole number ≥ 0 (Number.isInteger and not negative, in comparisons only). */
function isCount(x: number): boolean {
  return x >= 0 && x < Infinity && Math.floor(x) === x;
}

/** Whether zones can change any fleet: more than one zone (surviving a zone loss needs two or more). */
export function zonesMatter(r: Resilience): boolean {
  return r.zones > 1;
}

/** How a zones note opens: "3 zones, surviving the loss of one". */
export function zonesPhrase(r: Resilience): string {
  return `${r.zones} zones${r.surviveZoneLoss ? ', surviving the loss of one' : ''}`;
}

/** Hours a zones note adds, as a planner reads them: whole hours with thousands separators (a fraction under 1). */
export function addedHours(hours: number): string {
  return hours >= 1 ? Math.round(hours).toLocaleString('en-US') : String(Math.round(hours * 100) / 100);
}
