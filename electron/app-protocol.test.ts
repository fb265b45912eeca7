import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeTypeFor,
  resolveAppPath,
} from './app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { CPU_BOUND } from '../src/test-support/cpu-bound.ts';

const root = path.resolve('/srv/headroom/dist');
const inside = (p: string | null): boolean => p === null || p.startsWith(root + path.sep);

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers app:// as a standard, secure, fetch-capable scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      bypassCSP: false,
      corsEnabled: false,
      allowServiceWorkers: false,
    });
  });
});

describe('resolveAppPath', CPU_BOUND, () => {
  it('maps app URLs to files in the folder', () => {
    expect(resolveAppPath(root, 'app://headroom/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://headroom')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://headroom/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://headroom/assets/index-C1.js?v=2#x')).toBe(
      path.join(root, 'assets', 'index-C1.js'),
    );
    expect(resolveAppPath(root, 'app://headroom/assets/a%20b.css')).toBe(
      path.join(root, 'assets', 'a b.css'),
    );
  });

  it.each([
    'app://headroom/..%2fetc%2fpasswd',
    'app://headroom/..%2Fetc%2Fpasswd',
    'app://headroom/..%5cetc%5cpasswd',
    'app://headroom/..\\..\\etc\\passwd',
    'app://headroom/assets%2f..%2f..%2fsecret',
    'app://headroom/%2fetc%2fpasswd',
    'app://headroom//etc/passwd',
    'app://headroom/index.html%00.png',
    'app://headroom/C:%5cWindows%5cwin.ini',
    'app://headroom/c:/windows/win.ini',
    'app://headroom/%c0%ae%c0%ae/etc/passwd',
    'app://headroom/%',
    'app://headroom/assets/',
    'app://evil/index.html',
    'app://headroom.evil/index.html',
    'app://headroom@evil/index.html',
    'app://u:p@headroom/index.html',
    'file:///etc/passwd',
    'http://headroom/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  // The URL parser (Node's and Chromium's alike) removes dot segments, encoded ones included, before the handler
  // sees the path: these can only reach files inside the folder.
  it.each([
    ['app://headroom/../etc/passwd', 'etc/passwd'],
    ['app://headroom/assets/../../etc/passwd', 'etc/passwd'],
    ['app://headroom/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://headroom/%2E%2E/%2E%2E/etc/passwd', 'etc/passwd'],
    ['app://headroom/./index.html', 'index.html'],
    ['app://headroom/%2e/index.html', 'index.html'],
  ])('keeps %s inside the folder', (url, relative) => {
    expect(resolveAppPath(root, url)).toBe(path.join(root, relative));
  });

  it('never leaves the folder for thousands of generated traversal attempts', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E',
      '%2e',
      '.%2e',
      '%2e.',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '\\',
      '/',
      '//',
      '%00',
      '\0',
      'C:',
      'c%3a',
      '~',
      'etc',
      'passwd',
      'index.html',
      'assets',
      '%c0%ae',
      '\u2025',
      '\uff0e\uff0e',
      '%e2%80%a5',
      '..;',
      '%252e%252e',
      '?',
      '#',
      ' ',
      '%20',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 }), (pieces) => {
        const url = `app://headroom/${pieces.join('')}`;
        const resolved = resolveAppPath(root, url);
        expect(inside(resolved)).toBe(true);
        if (resolved !== null) {
          expect(path.relative(root, resolved).split(path.sep)).not.toContain('..');
          expect(resolved.includes('\0')).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('never leaves the folder for thousands of arbitrary unicode paths', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(inside(resolveAppPath(root, `app://headroom/${s}`))).toBe(true);
        expect(inside(resolveAppPath(root, `app://headroom/${encodeURIComponent(s)}`))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer build output and nothing executable', () => {
    expect(mimeTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/x/a.exe')).toBeUndefined();
    expect(mimeTypeFor('/x/a')).toBeUndefined();
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let dist: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'headroom-protocol-'));
    dist = path.join(dir, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Headroom</title>');
    writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'assets', 'tool.exe'), 'MZ');
    writeFileSync(path.join(dir, 'secret.json'), '{"secret":true}');
    symlinkSync(path.join(dir, 'secret.json'), path.join(dist, 'link.json'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET'): Promise<Response> =>
    createAppProtocolHandler(dist)(new Request(url, { method }));

  it('serves index.html with the CSP header and a content type', async () => {
    const response = await get('app://headroom/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Headroom</title>');
  });

  it('serves assets', async () => {
    const response = await get('app://headroom/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 with the CSP header for missing, unknown-type, escaping and symlinked files', async () => {
    for (const url of [
      'app://headroom/missing.js',
      'app://headroom/assets/tool.exe',
      'app://headroom/%2e%2e/secret.json',
      'app://headroom/link.json',
      'app://headroom/assets',
      'app://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://headroom/index.html', 'POST')).status).toBe(405);
    expect((await get('app://headroom/index.html', 'HEAD')).status).toBe(200);
  });
});
