// The shell's own small state (window placement, recent plan files), kept in userData/shell-state.json.
// Plans themselves live in the renderer's IndexedDB; the main process stores nothing else.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './file-io.ts';

export const MIN_WINDOW_SIZE = Object.freeze({ width: 960, height: 640 });
export const DEFAULT_WINDOW_SIZE = Object.freeze({ width: 1280, height: 860 });
export const MAX_RECENT_FILES = 10;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const RectangleSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
});

const ShellStateSchema = z.strictObject({
  version: z.literal(1),
  window: z.strictObject({ bounds: RectangleSchema, maximized: z.boolean() }).optional(),
  recentFiles: z.array(z.string().min(1).max(4096)).max(MAX_RECENT_FILES),
});

export type ShellState = z.infer<typeof ShellStateSchema>;

export const EMPTY_SHELL_STATE: ShellState = Object.freeze({ version: 1, recentFiles: [] }) as ShellState;

export function parseShellState(text: string): ShellState {
  try {
    const parsed = ShellStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { ...EMPTY_SHELL_STATE, recentFiles: [] };
  } catch {
    return { ...EMPTY_SHELL_STATE, recentFiles: [] };
  }
}

export async function loadShellState(file: string): Promise<ShellState> {
  try {
    return parseShellState(await readFile(file, 'utf8'));
  } catch {
    return { ...EMPTY_SHELL_STATE, recentFiles: [] };
  }
}

export async function saveShellState(file: string, state: ShellState): Promise<boolean> {
  return (await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`)).saved;
}

/**
 * The same, synchronously: used when the window closes, because the app may quit right after and an unfinished
 * asynchronous write would be lost. Still atomic (temporary file, then rename).
 */
export function saveShellStateSync(file: string, state: ShellState): boolean {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { flag: 'wx' });
    renameSync(temp, file);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

/** Puts `file` first in the recent list, without duplicates, at most MAX_RECENT_FILES long. */
export function addRecentFile(recent: readonly string[], file: string): string[] {
  return [file, ...recent.filter((f) => f !== file)].slice(0, MAX_RECENT_FILES);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: the remembered bounds when they still fit a connected display (clamped to at least the
 * minimum size and at most the display's work area), otherwise the default size centred on the primary display.
 */
export function restoreWindowBounds(
  saved: Rectangle | undefined,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): Rectangle {
  const centred = (area: Rectangle): Rectangle => {
    const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(DEFAULT_WINDOW_SIZE.width, area.width));
    const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(DEFAULT_WINDOW_SIZE.height, area.height));
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
  };
  if (saved === undefined) return centred(primary);
  let best: Rectangle | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(saved, area);
    if (o > bestOverlap) {
      best = area;
      bestOverlap = o;
    }
  }
  // At least a quarter of the window (or 200×100 px) must be on screen, or it could not be grabbed.
  if (best === undefined || bestOverlap < Math.min(200 * 100, (saved.width * saved.height) / 4))
    return centred(primary);
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(saved.width, best.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(saved.height, best.height));
  const x = Math.min(Math.max(saved.x, best.x), best.x + Math.max(0, best.width - width));
  const y = Math.min(Math.max(saved.y, best.y), best.y + Math.max(0, best.height - height));
  return { x, y, width, height };
}
