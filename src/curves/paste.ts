// Values pasted from a spreadsheet into a traffic curve. A copied row arrives tab-separated, a copied column one
// value a line, a block both; a typed list may use commas or semicolons. A paste is all or nothing: any bad cell, or
// a count that does not fit, leaves the curve as it was and says why.

export interface PasteProblem {
  /** 1-based line of the pasted text. */
  line: number;
  /** 1-based cell within the line (1 when the line is one value). */
  cell: number;
  message: string;
}

export interface ValuesParse {
  values: number[];
  problems: PasteProblem[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Numbers in reading order (left to right, then down) from pasted text. Tabs, semicolons and line breaks separate
 * cells. Commas separate cells only when the text has no tab or semicolon and its commas are not thousands
 * separators (`1,234` is one thousand two hundred thirty-four; `10,20,30` three values). Blank lines and cells at
 * the end of a line are skipped (spreadsheets add them); a blank cell between values is a problem, as skipping it
 * would shift every later hour.
 */
export function parseValues(text: string): ValuesParse {
  const values: number[] = [];
  const problems: PasteProblem[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const commaLists =
    !/[\t;]/.test(text) &&
    lines.some((l) => {
      const t = l.trim().replace(/\s/g, '');
      return t.includes(',') && !THOUSANDS.test(t);
    });
  const separator = commaLists ? /[,\t;]/ : /[\t;]/;
  lines.forEach((raw, i) => {
    const cells = raw.split(separator).map((c) => c.trim().replace(/\s/g, ''));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    cells.forEach((cell, k) => {
      const where = { line: i + 1, cell: k + 1 };
      if (cell === '') {
        problems.push({ ...where, message: 'is empty' });
        return;
      }
      const plain = THOUSANDS.test(cell) ? cell.replace(/,/g, '') : cell;
      if (!NUMBER.test(plain)) {
        problems.push({ ...where, message: `"${cell.slice(0, 40)}" is not a number` });
        return;
      }
      const v = Number(plain);
      if (!Number.isFinite(v) || v < 0) {
        problems.push({ ...where, message: `${cell.slice(0, 40)} must be a number >= 0` });
        return;
      }
      values.push(v);
    });
  });
  return { values, problems };
}

/** `line 2, cell 3: "abc" is not a number` (the cell is left out for one-value lines). */
export function pasteProblemText(p: PasteProblem, multiCell: boolean): string {
  return `Pasted line ${p.line}${multiCell ? `, cell ${p.cell}` : ''}: ${p.message}`;
}

export type PasteResult = { ok: true; curve: number[] | unknown[] } | { ok: false; message: string };

/**
 * A curve with pasted values written from hour `start`. 24 or 168 values pasted at the first hour replace the
 * curve (and set its length); otherwise they overwrite hours from `start` on and must fit in the hours left.
 * `label` names an hour for the message.
 */
export function pasteIntoCurve(
  curve: readonly unknown[],
  start: number,
  values: readonly number[],
  label: (hour: number) => string,
): PasteResult {
  const n = values.length;
  if (n === 0) return { ok: false, message: 'Nothing to paste: no values found; nothing was changed.' };
  if (start === 0 && (n === 24 || n === 168)) return { ok: true, curve: values.slice() };
  const left = curve.length - start;
  if (start < 0 || n > left) {
    return {
      ok: false,
      message:
        `${n} values do not fit from ${label(start)}: ${left} hour${left === 1 ? '' : 's'} left in this curve ` +
        '(24 or 168 values pasted into the first hour replace the whole curve); nothing was changed.',
    };
  }
  const next = curve.slice();
  values.forEach((v, i) => (next[start + i] = v));
  return { ok: true, curve: next };
}

/** The whole curve from pasted values: exactly 24 (one day) or 168 (one week), or a message and no change. */
export function wholeCurve(values: readonly number[]): PasteResult {
  const n = values.length;
  if (n === 24 || n === 168) return { ok: true, curve: values.slice() };
  return {
    ok: false,
    message: `${n} value${n === 1 ? '' : 's'} pasted: a curve needs 24 (one day) or 168 (one week); nothing was changed.`,
  };
}
