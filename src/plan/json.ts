// Locating a JSON syntax error. JSON.parse's messages differ between engines (Node, Chromium) and often carry no
// position, so when it fails this small scanner finds the first error itself and says where, in plain words.
// It is iterative (no recursion), so deeply nested input cannot overflow the stack.

export interface JsonSyntaxError {
  /** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
  line: number;
  column: number;
  message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  if (c === '"') return 'a double quote';
  if (c === "'") return 'a single quote (JSON text uses double quotes)';
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Scans a string starting at the opening quote; returns the index after the closing quote, or an error. */
function scanString(text: string, start: number): number | { at: number; message: string } {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { at: start, message: 'this text has no closing double quote' };
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6)))
          return { at: i, message: 'a \\u escape needs four hex digits' };
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
      } else {
        return { at: i, message: `invalid escape ${e === undefined ? '\\' : `\\${e}`} in text` };
      }
      continue;
    }
    if (c.charCodeAt(0) < 0x20) {
      return { at: i, message: `${describe(c)} inside text (write line breaks as \\n, tabs as \\t)` };
    }
    i += 1;
  }
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: string[] = []; // expected closers
  type State = 'value' | 'key' | 'after';
  let state: State = 'value';
  let justOpened = false; // inside a container with no element yet
  let i = 0;
  const fail = (at: number, message: string): JsonSyntaxError => ({ ...lineColumn(text, at), message });

  for (;;) {
    while (isWs(text[i])) i += 1;
    const c = text[i];
    if (state === 'value') {
      if (c === '{' || c === '[') {
        stack.push(c === '{' ? '}' : ']');
        i += 1;
        state = c === '{' ? 'key' : 'value';
        justOpened = true;
        continue;
      }
      if (c === ']' && justOpened && stack[stack.length - 1] === ']') {
        stack.pop();
        i += 1;
        state = 'after';
        justOpened = false;
        continue;
      }
      justOpened = false;
      if (c === '"') {
        const r = scanString(text, i);
        if (typeof r !== 'number') return fail(r.at, r.message);
        i = r;
        state = 'after';
        continue;
      }
      if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m === null) return fail(i, 'this number is not written the JSON way (e.g. 12, -0.5, 1e9)');
        i += m[0].length;
        state = 'after';
        continue;
      }
      const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      if (word !== undefined) {
        i += word.length;
        state = 'after';
        continue;
      }
      if (c === undefined) return fail(i, 'the file ends where a value was expected');
      if ((c === ']' || c === '}') && stack.length > 0) {
        return fail(i, `found ${describe(c)} where a value was expected (a trailing comma is not allowed)`);
      }
      return fail(i, `found ${describe(c)} where a value was expected`);
    }
    if (state === 'key') {
      if (c === '}' && justOpened) {
        stack.pop();
        i += 1;
        state = 'after';
        justOpened = false;
        continue;
      }
      if (c !== '"') {
        if (c === '}')
          return fail(i, 'found "}" where a field name was expected (a trailing comma is not allowed)');
        if (c === undefined) return fail(i, 'the file ends where a field name was expected');
        return fail(i, `found ${describe(c)} where a field name in double quotes was expected`);
      }
      const r = scanString(text, i);
      if (typeof r !== 'number') return fail(r.at, r.message);
      i = r;
      while (isWs(text[i])) i += 1;
      if (text[i] !== ':')
        return fail(i, `found ${describe(text[i])} where ":" was expected after the field name`);
      i += 1;
      state = 'value';
      justOpened = false;
      continue;
    }
    // state === 'after': a value just ended
    const closer = stack[stack.length - 1];
    if (closer === undefined) {
      if (c === undefined) return null;
      return fail(i, `found ${describe(c)} after the end of the JSON value`);
    }
    if (c === ',') {
      i += 1;
      state = closer === '}' ? 'key' : 'value';
      justOpened = false;
      continue;
    }
    if (c === closer) {
      stack.pop();
      i += 1;
      continue;
    }
    if (c === undefined) return fail(i, `the file ends where "," or "${closer}" was expected`);
    return fail(i, `found ${describe(c)} where "," or "${closer}" was expected`);
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Duplicate keys. JSON.parse keeps the last of two equal keys in one object without a word, so `{"name":"a",
// "name":"b"}` would open as "b" here and as "a" in a reader that keeps the first. Finding them costs two cheap
// counts on every file and a full scan only on a file that has one.

/**
 * Number of `:` outside strings in valid JSON text: one per object member. Jumps with indexOf (native speed) from
 * quote to quote, so a 32 MiB file takes a few milliseconds.
 */
export function countMembers(text: string): number {
  let count = 0;
  let i = 0;
  for (;;) {
    const quote = text.indexOf('"', i);
    const end = quote === -1 ? text.length : quote;
    for (let c = text.indexOf(':', i); c !== -1 && c < end; c = text.indexOf(':', c + 1)) count += 1;
    if (quote === -1) return count;
    i = stringEnd(text, quote);
  }
}

/** Index after the closing quote of the string opening at `start` (valid JSON assumed). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Number of own keys of every object in a parsed JSON value (iterative: any depth). */
export function countKeys(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
    } else {
      const keys = Object.keys(v);
      count += keys.length;
      for (const k of keys) {
        const item = (v as Record<string, unknown>)[k];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return count;
}

export interface DuplicateKey {
  /** Path to the object holding the key, then the key itself (list positions as numbers). */
  path: (string | number)[];
  /** 1-based lines of the first and the second occurrence. */
  firstLine: number;
  line: number;
  column: number;
}

type Frame =
  | { list: true; index: number }
  | { list: false; keys: Map<string, number>; key?: string; expectKey: boolean };

/** The first key that appears twice in one object of valid JSON `text`, or null. */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (top !== undefined && !top.list && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        const first = top.keys.get(key);
        if (first !== undefined) {
          const path: (string | number)[] = [];
          for (const f of stack.slice(0, -1)) path.push(f.list ? f.index : f.key!);
          path.push(key);
          const at = lineColumn(text, i);
          return { path, firstLine: lineColumn(text, first).line, ...at };
        }
        top.keys.set(key, i);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 123 /* { */) stack.push({ list: false, keys: new Map(), expectKey: true });
    else if (c === 91 /* [ */) stack.push({ list: true, index: 0 });
    else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */ && top !== undefined) {
      if (top.list) top.index += 1;
      else top.expectKey = true;
    }
    i += 1;
  }
  return null;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The path of a problem with the file as a whole. */
export const ROOT = '(plan)';

export function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Path segments → `services[2].trafficRps[30]`; odd keys are quoted: `catalog["my key"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      out +=
        IDENT.test(key) && key.length <= 60
          ? out === ''
            ? key
            : `.${key}`
          : `[${JSON.stringify(shorten(key))}]`;
    }
  }
  return out === '' ? ROOT : out;
}

/** A problem in the JSON text itself, located: `line 3, column 7` for syntax, the key's path for a repeated key. */
export interface JsonTextIssue {
  path: string;
  message: string;
}

/**
 * Reads JSON text the way every front door must: a leading byte order mark is skipped, a syntax error is located by
 * line and column, and a key given twice in one object is an error at its path (JSON.parse would silently keep the
 * last). Plan files (parsePlanText) and "Export all" files (Restore) both read through here.
 */
export function readStrictJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; issue: JsonTextIssue } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const err = findJsonSyntaxError(body);
    const where = err === null ? 'line 1, column 1' : `line ${err.line}, column ${err.column}`;
    return {
      ok: false,
      issue: {
        path: where,
        message: `not valid JSON: ${err === null ? 'the text could not be read' : err.message}`,
      },
    };
  }
  // JSON.parse kept the last of any repeated key; every `:` outside a string is one member, so fewer keys in the
  // value than members in the text means a repeat, which the slower scan then locates.
  if (countMembers(body) !== countKeys(value)) {
    const dup = findDuplicateKey(body);
    if (dup !== null) {
      const lines =
        dup.firstLine === dup.line ? `line ${dup.line}` : `lines ${dup.firstLine} and ${dup.line}`;
      return {
        ok: false,
        issue: {
          path: formatPath(dup.path),
          message: `appears twice in the same object (${lines}); a JSON reader would silently keep only the last`,
        },
      };
    }
  }
  return { ok: true, value };
}
