// Which character separates the cells of a delimited text file (CSV written with commas, semicolons — a spreadsheet
// set to a language with a decimal comma — tabs, or pipes): the candidate that occurs most often outside quotes in
// the header line; and what comes before the header (a byte-order mark, `#` comments, blank lines, Excel's `sep=;`
// hint). Shared by the traffic import and the services import.

/** The candidate occurring most often outside double quotes in `line`; the first candidate when none occurs. */
export function detectDelimiter(line: string, candidates: readonly string[]): string {
  let best = candidates[0] ?? ',';
  let bestCount = 0;
  for (const d of candidates) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The file from its header line on, with that line's 1-based number and the cell separator: Excel's `sep=` hint when
 * the file has one, else the candidate the header line uses most. `text` is empty when nothing but a byte-order mark,
 * comments, blank lines and hints is there.
 */
export function readPreamble(
  input: string,
  candidates: readonly string[],
): { text: string; firstLine: number; delimiter: string } {
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  let firstLine = 1;
  let hinted: string | undefined;
  for (;;) {
    const nl = text.indexOf('\n');
    const line = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
    const sep = /^sep=(.)$/i.exec(line);
    if (sep) hinted = sep[1];
    else if (!line.startsWith('#') && line.trim() !== '') break;
    if (nl === -1) return { text: '', firstLine, delimiter: hinted ?? candidates[0] ?? ',' };
    text = text.slice(nl + 1);
    firstLine++;
  }
  const headerEnd = text.indexOf('\n');
  const delimiter = hinted ?? detectDelimiter(headerEnd === -1 ? text : text.slice(0, headerEnd), candidates);
  return { text, firstLine, delimiter };
}
