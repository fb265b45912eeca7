import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from './decode.ts';
import { TEXT_FIXTURES } from './fixtures.ts';

describe('decodeText', () => {
  it.each(TEXT_FIXTURES)('$name', ({ bytes, expect: want }) => {
    const r = decodeText(bytes);
    if ('text' in want) expect(r).toMatchObject({ ok: true, text: want.text });
    else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.message).toMatch(want.error);
      if (want.offset !== undefined) expect(r.offset).toBe(want.offset);
    }
  });

  it('decodes any string encoded as UTF-8 back to itself, and finds no invalid byte in it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const text = s.replaceAll('\0', '').replace(/^\ufeff/, '');
        const bytes = new TextEncoder().encode(text);
        expect(firstInvalidUtf8(bytes)).toBe(-1);
        expect(decodeText(bytes)).toEqual({ ok: true, text, encoding: 'utf-8' });
      }),
    );
  });

  it('agrees with the platform decoder on whether arbitrary bytes are UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });
});
