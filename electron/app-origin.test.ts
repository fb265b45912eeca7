import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_HOST, APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, isAppUrl } from './app-origin.ts';
import { CPU_BOUND } from '../src/test-support/cpu-bound.ts';

describe('the app origin', () => {
  it('is fixed forever: app://headroom (IndexedDB data belongs to it)', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('headroom');
    expect(APP_ORIGIN).toBe('app://headroom');
    expect(APP_INDEX_URL).toBe('app://headroom/index.html');
  });
});

describe('isAppUrl', CPU_BOUND, () => {
  it.each([
    'app://headroom/',
    'app://headroom/index.html',
    'app://headroom/assets/index-abc.js?x=1#y',
    'app://headroom',
    'APP://headroom/index.html',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://headroom.evil/',
    'app://headroom.evil.com/index.html',
    'app://evil.headroom/',
    'app://headroom@evil/',
    'app://evil@headroom/',
    'app://user:pass@headroom/',
    'app://headroom:8080/',
    'app://headroom%2eevil/',
    'app:headroom/index.html',
    'app:///headroom/index.html',
    'app://',
    'apps://headroom/',
    'ap://headroom/',
    'file:///etc/passwd',
    'file://headroom/index.html',
    'javascript:alert(1)',
    'javascript://headroom/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://headroom/1234',
    'http://headroom/',
    'https://headroom/',
    'https://app://headroom/',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    ' app://headroom.evil/',
    '',
    'app://head room/',
    'headroom',
    '/index.html',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 1, {}, [], new URL('app://headroom/')])
      expect(isAppUrl(value)).toBe(false);
  });

  it('never accepts a generated URL whose parsed protocol or host differ (thousands of web URLs)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isAppUrl(url)).toBe(false);
        const swapped = url.replace(/^https?:/, 'app:');
        const parsed = new URL(swapped);
        const expected =
          parsed.protocol === 'app:' &&
          parsed.host === 'headroom' &&
          parsed.username === '' &&
          parsed.password === '';
        expect(isAppUrl(swapped)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts any path, query and fragment on the app host, and rejects any other host (thousands)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), fc.domain(), (segments, domain) => {
        const pathPart = `/${segments.join('/')}`;
        expect(isAppUrl(`app://headroom${pathPart}`)).toBe(true);
        if (domain !== 'headroom') {
          expect(isAppUrl(`app://${domain}${pathPart}`)).toBe(false);
          expect(isAppUrl(`app://headroom@${domain}${pathPart}`)).toBe(false);
          expect(isAppUrl(`app://headroom.${domain}${pathPart}`)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects arbitrary strings unless they parse to the app host (thousands)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        let expected = false;
        try {
          const u = new URL(s);
          expected = u.protocol === 'app:' && u.host === 'headroom' && u.username === '' && u.password === '';
        } catch {
          expected = false;
        }
        expect(isAppUrl(s)).toBe(expected);
        expect(isAppUrl(`app://headroom.evil/${s}`)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
