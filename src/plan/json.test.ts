import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKeys, countMembers, findDuplicateKey, findJsonSyntaxError, lineColumn } from './json.ts';
import { CPU_BOUND } from '../test-support/cpu-bound.ts';

describe('findJsonSyntaxError', CPU_BOUND, () => {
  it.each([
    ['', 1, 1, 'the file ends where a value was expected'],
    ['{"a": 1,}', 1, 9, 'found "}" where a field name was expected (a trailing comma is not allowed)'],
    ['[1, 2,]', 1, 7, 'found "]" where a value was expected (a trailing comma is not allowed)'],
    ['{"a" 1}', 1, 6, 'found "1" where ":" was expected after the field name'],
    [
      "{'a': 1}",
      1,
      2,
      'found a single quote (JSON text uses double quotes) where a field name in double quotes was expected',
    ],
    ['{"a": 1 "b": 2}', 1, 9, 'found a double quote where "," or "}" was expected'],
    ['{"a": [1, 2}', 1, 12, 'found "}" where "," or "]" was expected'],
    ['{"a": "x', 1, 7, 'this text has no closing double quote'],
    ['{"a": "\\q"}', 1, 8, 'invalid escape \\q in text'],
    ['{"a": "\\u12G4"}', 1, 8, 'a \\u escape needs four hex digits'],
    ['{\n"a": 01}', 2, 7, 'found "1" where "," or "}" was expected'],
    ['{"a": -}', 1, 7, 'this number is not written the JSON way (e.g. 12, -0.5, 1e9)'],
    ['{"a": NaN}', 1, 7, 'found "N" where a value was expected'],
    ['{"a": 1} x', 1, 10, 'found "x" after the end of the JSON value'],
    ['{"a": 1', 1, 8, 'the file ends where "," or "}" was expected'],
    ['{\n  "a":\ttru }', 2, 8, 'found "t" where a value was expected'],
  ])('%j', (text, line, column, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ line, column, message });
  });

  it('handles nesting far deeper than any recursive parser could', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeNull();
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ line: 1, column: 200_001 });
  });

  it('agrees with JSON.parse on valid JSON and on mutated JSON (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), fc.boolean(), (json, at, insert, del) => {
        expect(findJsonSyntaxError(json)).toBeNull();
        const i = at % (json.length + 1);
        const broken = del ? json.slice(0, i) + json.slice(i + 1) : json.slice(0, i) + insert + json.slice(i);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const err = findJsonSyntaxError(broken);
        expect(err === null).toBe(valid);
        if (err) {
          expect(err.line).toBeGreaterThanOrEqual(1);
          expect(err.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\n', 3)).toEqual({ line: 2, column: 1 });
  });
});

describe('duplicate keys', CPU_BOUND, () => {
  it.each([
    ['{"a":1,"a":2}', ['a'], 1, 1, 8],
    ['{"a":{"b":1},\n"x":[{"c":1},{"c":2,"d":[{"e":1,"e":2}]}]}', ['x', 1, 'd', 0, 'e'], 2, 2, 33],
    ['{"k\\"":1,"k\\u0022":2}', ['k"'], 1, 1, 10],
    ['{"\\"a:":{},"b":"\\\\","b":1}', ['b'], 1, 1, 21],
  ] as const)('%s', (text, path, firstLine, line, column) => {
    expect(countMembers(text)).toBeGreaterThan(countKeys(JSON.parse(text)));
    expect(findDuplicateKey(text)).toEqual({ path, firstLine, line, column });
  });

  it('counts one member per key in any JSON without repeats, and finds none (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(countMembers(text)).toBe(countKeys(JSON.parse(text)));
        expect(findDuplicateKey(text)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a key repeated anywhere (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.nat(), (value, key, pick) => {
        // Repeat the key of one object, chosen among all the objects of the value.
        const text = JSON.stringify({ wrap: value });
        const opens = [...text.matchAll(/\{/g)]
          .map((m) => m.index)
          .filter((i) => {
            // only braces outside strings: JSON.stringify escapes none, so check by parsing the prefix state
            let inString = false;
            for (let j = 0; j < i; j += 1) {
              if (text[j] === '\\') j += 1;
              else if (text[j] === '"') inString = !inString;
            }
            return !inString;
          });
        const at = opens[pick % opens.length]!;
        const k = JSON.stringify(key);
        const dup = `${text.slice(0, at + 1)}${k}:1,${k}:2${text[at + 1] === '}' ? '' : ','}${text.slice(at + 1)}`;
        expect(() => JSON.parse(dup)).not.toThrow();
        expect(countMembers(dup)).toBeGreaterThan(countKeys(JSON.parse(dup)));
        expect(findDuplicateKey(dup)?.path.at(-1)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});
