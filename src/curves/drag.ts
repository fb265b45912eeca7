// Drawing a curve with the pointer: pure steps, so the editor only turns pointer positions into hours and values.

/** How far above the curve's peak a drag may draw: 1.25× the peak when the drag started (1.25 req/s on a flat zero). */
export const DRAG_HEADROOM = 1.25;

/**
 * The highest value a drag can set on this curve: 1.25× its peak, and at least 1.25 so an all-zero curve can be
 * drawn. The ceiling is taken when the drag starts and kept until it ends, so one drag cannot raise itself; to go
 * higher, drag again or type the value.
 */
export function dragCeiling(curve: readonly number[]): number {
  return Math.max(1, ...curve.filter((v) => Number.isFinite(v) && v > 0)) * DRAG_HEADROOM;
}

/** A dragged value for a person: at most 3 significant digits (drawing is for shape, typing for exact figures). */
export function roundDragged(value: number): number {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return Number(value.toFixed(digits));
}

/**
 * Paints the line from one pointer sample to the next into `draft` (in place): every hour between the two gets a
 * value on the straight line between them, so a fast drag that skips hours leaves no gap. Values are rounded by
 * `roundDragged` and kept within [0, ceiling].
 */
export function paintSegment(
  draft: number[],
  from: { hour: number; value: number } | null,
  to: { hour: number; value: number },
  ceiling: number,
): void {
  // Rounded first, then clamped: rounding 72.25 to 72.3 must not lift a value over the ceiling.
  const clamp = (v: number) => Math.min(ceiling, roundDragged(Math.max(0, v)));
  const last = draft.length - 1;
  const toHour = Math.min(last, Math.max(0, to.hour));
  if (!from) {
    draft[toHour] = clamp(to.value);
    return;
  }
  const fromHour = Math.min(last, Math.max(0, from.hour));
  const span = toHour - fromHour;
  if (span === 0) {
    draft[toHour] = clamp(to.value);
    return;
  }
  const step = span > 0 ? 1 : -1;
  for (let h = fromHour; h !== toHour + step; h += step) {
    const t = (h - fromHour) / span;
    draft[h] = clamp(from.value + (to.value - from.value) * t);
  }
}
