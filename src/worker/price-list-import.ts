// Reads price-list files in chunks and applies them to a base catalog (the import worker's work, kept apart from the
// worker's messaging so tests run it directly). A file is never read whole: `Blob.stream()` gives it in chunks, each
// decoded as UTF-8 (a character split across chunks is held over) and pushed to the format's streaming reader, so
// memory holds one chunk, one record and what the reader keeps (docs/catalogs.md, "In the app").
import type { Catalog } from '../model/types.ts';
import { priceListFormat, readProblem, type ImportSummary } from './price-list-formats.ts';

/** One format's files, in order: one file, or the pages of an API's responses (each file's end ends a page). */
export interface ImportStep {
  format: string;
  files: { file: Blob; fileName: string }[];
}

export interface ImportRequest {
  steps: ImportStep[];
  region: string;
  base: Catalog;
}

export type ImportOutcome =
  | { ok: true; catalog: Catalog; summaries: ImportSummary[] }
  | { ok: false; fileName: string; problem: string };

export interface ImportProgress {
  step: number;
  fileName: string;
  bytes: number;
  total: number;
}

/** At most one progress report per this many milliseconds (a 500 MB file is thousands of chunks). */
export const PROGRESS_MS = 100;

export async function runImport(
  request: ImportRequest,
  onProgress: (p: ImportProgress) => void = () => {},
  now: () => number = () => Date.now(),
): Promise<ImportOutcome> {
  let catalog = request.base;
  const summaries: ImportSummary[] = [];
  for (const [step, s] of request.steps.entries()) {
    const format = priceListFormat(s.format);
    const names = s.files.map((f) => f.fileName);
    if (format === undefined)
      return { ok: false, fileName: names.join(', '), problem: `unknown format ${s.format}` };
    if (s.files.length === 0) return { ok: false, fileName: '', problem: `no file for ${format.label}` };
    if (s.files.length > 1 && !format.multipleFiles)
      return {
        ok: false,
        fileName: names.join(', '),
        problem: `${format.label} is one file, got ${s.files.length}`,
      };
    let applied: ReturnType<ReturnType<typeof format.start>['end']>;
    let fileName = names[0]!;
    try {
      const reader = format.start(request.region, catalog);
      for (const f of s.files) {
        fileName = f.fileName;
        const decoder = new TextDecoder('utf-8', { fatal: true });
        const total = f.file.size;
        let bytes = 0;
        let last = -Infinity;
        const chunks = f.file.stream().getReader();
        for (;;) {
          const { done, value } = await chunks.read();
          if (done) break;
          bytes += value.byteLength;
          reader.push(decoder.decode(value, { stream: true }));
          const t = now();
          if (t - last >= PROGRESS_MS) {
            last = t;
            onProgress({ step, fileName, bytes, total });
          }
        }
        reader.push(decoder.decode());
        reader.endFile();
        onProgress({ step, fileName, bytes, total });
      }
      // What the files hold together (a multi-page format's conflicts and notes): the whole step's files.
      fileName = names.join(', ');
      applied = reader.end(names);
    } catch (e) {
      const problem =
        e instanceof TypeError && /decode|encoded/i.test(e.message)
          ? 'the file is not UTF-8 text (is it compressed? unpack it first)'
          : readProblem(e);
      return { ok: false, fileName, problem };
    }
    if ('problem' in applied) return { ok: false, fileName, problem: applied.problem };
    catalog = applied.catalog;
    summaries.push(applied.summary);
  }
  return { ok: true, catalog, summaries };
}
