import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  createExternalOpener,
  EXTERNAL_LINKS,
  externalLinkIdForUrl,
  isExternalLinkId,
} from './external-links.ts';

describe('external links', () => {
  it('are fixed https URLs', () => {
    for (const url of Object.values(EXTERNAL_LINKS)) {
      const parsed = new URL(url);
      expect(parsed.protocol).toBe('https:');
      expect(parsed.username + parsed.password).toBe('');
    }
    expect(Object.isFrozen(EXTERNAL_LINKS)).toBe(true);
  });

  it('open only known ids', async () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const open = createExternalOpener(openExternal);
    for (const bad of ['https://evil.example/', 'constructor', '__proto__', 'toString', '', null, 3, {}]) {
      expect(await open(bad)).toBe(false);
    }
    expect(openExternal).not.toHaveBeenCalled();
    expect(await open('aws-ec2-pricing')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(EXTERNAL_LINKS['aws-ec2-pricing']);
    expect(isExternalLinkId('hasOwnProperty')).toBe(false);
    expect(externalLinkIdForUrl('https://aws.amazon.com/lambda/pricing/')).toBe('aws-lambda-pricing');
    expect(externalLinkIdForUrl('https://aws.amazon.com/lambda/pricing/?x')).toBeUndefined();
  });

  it('shell.openExternal appears only where the opener is created (electron/main.ts) and nowhere in src/', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|svelte|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          const uses = (readFileSync(full, 'utf8').match(/openExternal\s*\(/g) ?? []).length;
          if (uses > 0) offenders.push(`${full}:${uses}`);
        }
      }
    };
    walk('electron');
    walk('src');
    expect(offenders).toEqual(['electron/main.ts:1']);
    expect(readFileSync('electron/main.ts', 'utf8')).toContain(
      'createExternalOpener((url) => shell.openExternal(url))',
    );
  });
});
