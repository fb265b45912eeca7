// A JSON reader fed text in chunks of any size that builds only the values the caller asks for (by path) and skips
// the rest without keeping it: an offer file of hundreds of MB is read holding one product or one term at a time.
// Pure, no imports (no streaming JSON parser is installed; JSON.parse needs the whole text). RFC 8259 grammar.

export type JsonPath = readonly (string | number)[];
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Malformed JSON: where (the path of the value being read, and the line) and what. */
export class JsonStreamError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    message: string,
  ) {
    super(`${path} (line ${line}): ${message}`);
  }
}

/** "products.ABC.attributes", "terms.OnDemand", "(top)" for the document itself. */
export function pathText(path: JsonPath): string {
  if (path.length === 0) return '(top)';
  return path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(p)
          ? i === 0
            ? p
            : `.${p}`
          : `[${JSON.stringify(p)}]`,
    )
    .join('');
}

interface Frame {
  kind: 'object' | 'array';
  /** The value being built, when this container is captured or inside a captured one. */
  value?: JsonValue[] | { [key: string]: JsonValue };
  /** Object: the key of the member being read (after its colon); array: the next index. */
  key: string | number | undefined;
  /** What comes next in this container. */
  expect: 'key-or-end' | 'key' | 'colon' | 'value-or-end' | 'value' | 'comma-or-end';
  /** This frame is the outermost captured one: its value is handed over when it closes. */
  root: boolean;
}

/** Longest string, and most values in one captured value: a file that is not an offer file cannot fill memory. */
const MAX_STRING_CHARS = 1_000_000;
const MAX_CAPTURED_VALUES = 100_000;

export interface JsonStreamReader {
  push(chunk: string): void;
  end(): void;
}

/**
 * `capture(path)` says whether the value at `path` is wanted; a wanted value is built whole (keep those small) and
 * passed to `onValue` when complete. Everything else is checked for syntax and dropped.
 */
export function jsonStream(
  capture: (path: JsonPath) => boolean,
  onValue: (path: JsonPath, value: JsonValue) => void,
): JsonStreamReader {
  const stack: Frame[] = [];
  const path: (string | number)[] = [];
  let line = 1;
  let done = false;
  /** A token split across chunks: a string (raw, escapes resolved at its end), a number or a literal. */
  let token: { kind: 'string' | 'number' | 'literal'; text: string; escaped: boolean } | undefined;
  /** Values in the captured value being built (reset when a captured root starts). */
  let built = 0;

  const fail = (message: string): never => {
    throw new JsonStreamError(pathText(path), line, message);
  };
  const building = () => stack.length > 0 && stack[stack.length - 1]!.value !== undefined;
  const count = () => {
    if (building() && (built += 1) > MAX_CAPTURED_VALUES)
      fail(`a value of more than ${MAX_CAPTURED_VALUES} parts: too large to read`);
  };

  /** A complete value at the current position: attach it to the container being built, or hand it over. */
  const complete = (value: JsonValue | undefined, wanted: boolean) => {
    const top = stack[stack.length - 1];
    count();
    if (top === undefined) {
      done = true;
      return;
    }
    if (top.value !== undefined && value !== undefined) {
      if (Array.isArray(top.value)) top.value.push(value);
      else top.value[top.key as string] = value;
    } else if (wanted && value !== undefined) onValue([...path], value);
    afterValue(top);
  };

  const afterValue = (top: Frame) => {
    top.expect = 'comma-or-end';
    if (top.kind === 'object') path.pop();
    else {
      path.pop();
      top.key = (top.key as number) + 1;
    }
  };

  /** Before a value: the container must expect one; an array pushes its index onto the path. */
  const beginValue = () => {
    if (done) fail('more text after the end of the document');
    const top = stack[stack.length - 1];
    if (top === undefined) return;
    if (top.expect !== 'value' && top.expect !== 'value-or-end')
      fail('a value where a comma, colon or key was expected');
    if (top.kind === 'array') path.push(top.key as number);
  };

  const primitive = (value: JsonValue) => {
    const wanted = building() || capture(path);
    complete(building() || wanted ? value : undefined, wanted);
  };

  const finishToken = () => {
    const t = token!;
    token = undefined;
    if (t.kind === 'string') {
      let s = t.text;
      if (t.escaped) {
        try {
          s = JSON.parse(`"${t.text}"`) as string;
        } catch {
          fail('a string with a bad escape');
        }
      }
      const top = stack[stack.length - 1];
      if (
        top !== undefined &&
        top.kind === 'object' &&
        (top.expect === 'key-or-end' || top.expect === 'key')
      ) {
        top.key = s;
        top.expect = 'colon';
        return;
      }
      primitive(s);
      return;
    }
    if (t.kind === 'number') {
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t.text))
        fail(`${JSON.stringify(t.text.slice(0, 30))} is not a number`);
      primitive(Number(t.text));
      return;
    }
    const lit = t.text === 'true' ? true : t.text === 'false' ? false : t.text === 'null' ? null : undefined;
    if (lit === undefined) fail(`unexpected ${JSON.stringify(t.text.slice(0, 30))}`);
    primitive(lit!);
  };

  const open = (kind: 'object' | 'array') => {
    beginValue();
    const inside = building();
    const wanted = !inside && capture(path);
    if (wanted) built = 0;
    count();
    const value = inside || wanted ? (kind === 'array' ? [] : {}) : undefined;
    if (inside) {
      const top = stack[stack.length - 1]!;
      if (Array.isArray(top.value)) top.value.push(value!);
      else top.value![top.key as string] = value!;
    }
    stack.push({
      kind,
      ...(value === undefined ? {} : { value }),
      key: kind === 'array' ? 0 : undefined,
      expect: kind === 'array' ? 'value-or-end' : 'key-or-end',
      root: wanted,
    });
  };

  const close = (kind: 'object' | 'array') => {
    const top = stack[stack.length - 1];
    if (top === undefined || top.kind !== kind) fail(`unexpected "${kind === 'object' ? '}' : ']'}"`);
    if (
      top!.expect !== 'comma-or-end' &&
      top!.expect !== (kind === 'object' ? 'key-or-end' : 'value-or-end')
    ) {
      fail(`unexpected "${kind === 'object' ? '}' : ']'}" after a comma`);
    }
    stack.pop();
    const parent = stack[stack.length - 1];
    if (top!.root) onValue([...path], top!.value!);
    if (parent === undefined) {
      done = true;
      return;
    }
    afterValue(parent);
  };

  const push = (chunk: string) => {
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i]!;
      if (token !== undefined) {
        if (token.kind === 'string') {
          // Copy the run up to the next quote or backslash in one slice (most of a price list is strings).
          let j = i;
          let code = 0;
          while (j < chunk.length && (code = chunk.charCodeAt(j)) !== 0x22 && code !== 0x5c) {
            if (code < 0x20) fail('a control character (a line break?) inside a string');
            j += 1;
          }
          if (j > i) {
            token.text += chunk.slice(i, j);
            if (token.text.length > MAX_STRING_CHARS)
              fail(`a string runs on past ${MAX_STRING_CHARS} characters`);
            i = j - 1;
            continue;
          }
          if (token.text.endsWith('\\') && countTrailing(token.text) % 2 === 1) {
            token.text += c;
            continue;
          }
          if (c === '\\') {
            token.escaped = true;
            token.text += c;
            continue;
          }
          finishToken(); // c is the closing quote
          continue;
        }
        if (/[0-9a-zA-Z.+-]/.test(c)) {
          token.text += c;
          continue;
        }
        finishToken();
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '\n') {
        line += 1;
        continue;
      }
      const top = stack[stack.length - 1];
      if (c === '"') {
        if (
          top !== undefined &&
          top.kind === 'object' &&
          (top.expect === 'key-or-end' || top.expect === 'key')
        ) {
          token = { kind: 'string', text: '', escaped: false };
          continue;
        }
        beginValue();
        token = { kind: 'string', text: '', escaped: false };
        continue;
      }
      if (c === '{') open('object');
      else if (c === '[') open('array');
      else if (c === '}') close('object');
      else if (c === ']') close('array');
      else if (c === ':') {
        if (top === undefined || top.expect !== 'colon') fail('unexpected ":"');
        top!.expect = 'value';
        path.push(top!.key as string);
      } else if (c === ',') {
        if (top === undefined || top.expect !== 'comma-or-end') fail('unexpected ","');
        top!.expect = top!.kind === 'object' ? 'key' : 'value';
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        beginValue();
        token = { kind: 'number', text: c, escaped: false };
      } else if (c >= 'a' && c <= 'z') {
        beginValue();
        token = { kind: 'literal', text: c, escaped: false };
      } else fail(`unexpected ${JSON.stringify(c)}`);
    }
  };

  return {
    push,
    end() {
      if (token !== undefined) {
        if (token.kind === 'string') fail('the text ends inside a string');
        finishToken();
      }
      if (!done) fail(stack.length === 0 ? 'no JSON value' : 'the text ends before the document does');
    },
  };
}

function countTrailing(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i -= 1) n += 1;
  return n;
}
