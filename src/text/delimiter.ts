// Which character separates the cells of a delimited text file (CSV written with commas, semicolons — a spreadsheet
// set to a language with a decimal comma — tabs, or pipes): the candidate that occurs most often outside quotes in
// the header line. Shared by the traffic import and the services import.

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
