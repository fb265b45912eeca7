import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addRecentFile,
  DEFAULT_WINDOW_SIZE,
  loadShellState,
  MAX_RECENT_FILES,
  MIN_WINDOW_SIZE,
  parseShellState,
  restoreWindowBounds,
  saveShellState,
  saveShellStateSync,
  type Rectangle,
} from './shell-state.ts';

const primary: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
const second: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreWindowBounds', () => {
  it('centres the default size on the primary display when nothing was saved', () => {
    expect(restoreWindowBounds(undefined, [primary], primary)).toEqual({
      x: (1920 - DEFAULT_WINDOW_SIZE.width) / 2,
      y: (1040 - DEFAULT_WINDOW_SIZE.height) / 2,
      ...DEFAULT_WINDOW_SIZE,
    });
  });

  it('keeps saved bounds that fit a connected display', () => {
    const saved = { x: 2000, y: 100, width: 1400, height: 900 };
    expect(restoreWindowBounds(saved, [primary, second], primary)).toEqual(saved);
  });

  it('falls back when the display the window was on is gone', () => {
    const saved = { x: 2000, y: 100, width: 1400, height: 900 };
    expect(restoreWindowBounds(saved, [primary], primary)).toEqual(
      restoreWindowBounds(undefined, [primary], primary),
    );
  });

  it('enforces the minimum size and keeps the window on screen (thousands of saved rectangles)', () => {
    const int = (min: number, max: number) => fc.integer({ min, max });
    fc.assert(
      fc.property(
        fc.record({ x: int(-5000, 8000), y: int(-5000, 5000), width: int(1, 9000), height: int(1, 9000) }),
        (saved) => {
          const r = restoreWindowBounds(saved, [primary, second], primary);
          expect(r.width).toBeGreaterThanOrEqual(MIN_WINDOW_SIZE.width);
          expect(r.height).toBeGreaterThanOrEqual(MIN_WINDOW_SIZE.height);
          const onScreen = [primary, second].some(
            (a) =>
              r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height,
          );
          expect(onScreen).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('shell state file', () => {
  it('round-trips and ignores anything malformed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'headroom-state-'));
    try {
      const file = path.join(dir, 'shell-state.json');
      expect(await loadShellState(file)).toEqual({ version: 1, recentFiles: [] });
      const state = {
        version: 1 as const,
        window: { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true },
        recentFiles: ['/a/plan.json'],
      };
      expect(await saveShellState(file, state)).toBe(true);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
      expect(await loadShellState(file)).toEqual(state);
      writeFileSync(file, '{"version":2,"recentFiles":[]}');
      expect(await loadShellState(file)).toEqual({ version: 1, recentFiles: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('saves synchronously and atomically too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'headroom-state-'));
    try {
      const file = path.join(dir, 'shell-state.json');
      const state = { version: 1 as const, recentFiles: ['/p.json'] };
      expect(saveShellStateSync(file, state)).toBe(true);
      expect(parseShellState(readFileSync(file, 'utf8'))).toEqual(state);
      expect(saveShellStateSync(path.join(dir, 'missing', 'x.json'), state)).toBe(false);
      expect(readdirSync(dir)).toEqual(['shell-state.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const state = parseShellState(text);
        expect(state.version).toBe(1);
        expect(Array.isArray(state.recentFiles)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('addRecentFile', () => {
  it('puts the file first, once, and caps the list', () => {
    expect(addRecentFile(['/b', '/a'], '/a')).toEqual(['/a', '/b']);
    const many = Array.from({ length: 20 }, (_, i) => `/f${i}`);
    const next = addRecentFile(many, '/new');
    expect(next).toHaveLength(MAX_RECENT_FILES);
    expect(next[0]).toBe('/new');
  });
});
