// Byte fixtures for text decoding, shared by decode.test.ts and readers.test.ts (the CLI, desktop and browser readers
// must agree on every one of them).

const utf8 = (s: string) => Array.from(new TextEncoder().encode(s));
const utf16 = (s: string, littleEndian: boolean) => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    const u = s.charCodeAt(i);
    if (littleEndian) out.push(u & 0xff, u >> 8);
    else out.push(u >> 8, u & 0xff);
  }
  return out;
};

export interface TextFixture {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** The decoded text, or a pattern the refusal's message must match. */
  expect: { text: string } | { error: RegExp; offset?: number };
}

const f = (name: string, bytes: number[], expect: TextFixture['expect']): TextFixture => ({
  name,
  bytes: Uint8Array.from(bytes),
  expect,
});

export const TEXT_FIXTURES: readonly TextFixture[] = [
  f('plain UTF-8', utf8('{"name":"café ✓ 𝄞"}\n'), { text: '{"name":"café ✓ 𝄞"}\n' }),
  f('empty file', [], { text: '' }),
  f('UTF-8 with a byte order mark', [0xef, 0xbb, 0xbf, ...utf8('{"a":1}')], { text: '{"a":1}' }),
  f('a second byte order mark is content', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...utf8('x')], {
    text: '\ufeffx',
  }),
  f('invalid UTF-8 byte on line 2', [...utf8('{\n"a":"'), 0xff, ...utf8('"}')], {
    error:
      /^is not UTF-8 text: the byte 0xFF at offset 7 \(line 2\) is not valid UTF-8; save the file as UTF-8$/,
    offset: 7,
  }),
  f('Latin-1 é', [...utf8('caf'), 0xe9], { error: /byte 0xE9 at offset 3 \(line 1\)/, offset: 3 }),
  f('truncated sequence at the end', [...utf8('ab'), 0xe2, 0x9c], {
    error: /byte 0xE2 at offset 2/,
    offset: 2,
  }),
  f('overlong encoding', [0x41, 0xc0, 0x80], { error: /byte 0xC0 at offset 1/, offset: 1 }),
  f('UTF-8-encoded surrogate', [0xed, 0xa0, 0x80], { error: /byte 0xED at offset 0/, offset: 0 }),
  f('invalid byte after a BOM', [0xef, 0xbb, 0xbf, 0x80], { error: /byte 0x80 at offset 3/, offset: 3 }),
  f('NUL byte', [...utf8('a\nb'), 0, ...utf8('c')], {
    error: /^is not a text file: it holds a NUL character at byte offset 3 \(line 2\)$/,
    offset: 3,
  }),
  f('UTF-16 LE with BOM', [0xff, 0xfe, ...utf16('{"name":"café 𝄞"}\r\n', true)], {
    text: '{"name":"café 𝄞"}\r\n',
  }),
  f('UTF-16 BE with BOM', [0xfe, 0xff, ...utf16('{"name":"café 𝄞"}', false)], { text: '{"name":"café 𝄞"}' }),
  f('UTF-16 LE with an odd byte count', [0xff, 0xfe, ...utf16('ab', true), 0x63], {
    error: /^is not valid UTF-16 LE text: it has an odd number of bytes/,
    offset: 6,
  }),
  f('UTF-16 BE with an unpaired surrogate', [0xfe, 0xff, ...utf16('a\n', false), 0xd8, 0x34, 0x00, 0x41], {
    error: /^is not valid UTF-16 BE text: an unpaired surrogate at byte offset 6 \(line 2\)$/,
    offset: 6,
  }),
  f('UTF-16 LE holding a NUL', [0xff, 0xfe, ...utf16('a', true), 0, 0], {
    error: /NUL character at byte offset 4/,
    offset: 4,
  }),
  f('UTF-16 LE without a BOM', utf16('{"a":1}', true), {
    error: /looks like UTF-16 without a byte order mark/,
  }),
  f('UTF-16 BE without a BOM', utf16('{"a":1}', false), {
    error: /looks like UTF-16 without a byte order mark/,
  }),
  f('UTF-32 LE with BOM', [0xff, 0xfe, 0, 0, 0x41, 0, 0, 0], { error: /^is UTF-32 text/ }),
  f('binary (PNG header)', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], {
    error: /byte 0x89 at offset 0/,
  }),
];
