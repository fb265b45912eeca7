import type { Tier } from './types.ts';

export interface TierSlice {
  index: number;
  /** Cumulative quantity where this tier starts and ends (`null` = no end). */
  from: number;
  upTo: number | null;
  quantity: number;
  price: number;
}

/** Splits a monthly quantity over cumulative tiers; slices with no quantity are left out. */
export function applyTiers(quantity: number, tiers: readonly Tier[]): TierSlice[] {
  const slices: TierSlice[] = [];
  let from = 0;
  for (let i = 0; i < tiers.length && quantity > from; i++) {
    const t = tiers[i]!;
    const end = t.upTo === null ? quantity : Math.min(quantity, t.upTo);
    if (end > from) slices.push({ index: i, from, upTo: t.upTo, quantity: end - from, price: t.price });
    if (t.upTo === null) break;
    from = t.upTo;
  }
  return slices;
}

/** 6e9 → "6B", 333e6 → "333M", 1500 → "1.5K". */
export function shortQuantity(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (n >= size) return `${Number((n / size).toPrecision(6))}${suffix}`;
  }
  return String(n);
}

/** "first 6B", "6B–15B", "over 15B" (or "all" for a single open tier). */
export function tierLabel(slice: Pick<TierSlice, 'from' | 'upTo'>): string {
  if (slice.from === 0 && slice.upTo === null) return 'all';
  if (slice.from === 0) return `first ${shortQuantity(slice.upTo!)}`;
  if (slice.upTo === null) return `over ${shortQuantity(slice.from)}`;
  return `${shortQuantity(slice.from)}–${shortQuantity(slice.upTo)}`;
}
