// A CSV reader fed text in chunks of any size (RFC 4180: comma-separated, fields in double quotes may hold commas,
// line breaks and "" for a quote). Pure, no imports: the CLI feeds it a file stream, a test feeds it strings, and
// the app could feed it a File's stream. papaparse reads whole strings, Files or Node streams, but has no way to be
// handed chunks by the caller, which is what keeps this module free of Node and the memory bounded by one record.

/** A malformed CSV record; `line` is the 1-based line where the record starts. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvRecordSink {
  /** One record's fields; `line` is the 1-based line where it starts. */
  (fields: string[], line: number): void;
}

/**
 * Longest field and most fields in a record accepted: a runaway quote, or a file that is not CSV (no line breaks),
 * would otherwise swallow a huge file into one record and the memory with it. A price list row has ~100 short fields.
 */
const MAX_FIELD_CHARS = 1_000_000;
const MAX_FIELDS = 10_000;

export interface CsvReader {
  push(chunk: string): void;
  /** The last record (a file need not end with a line break); throws on an unterminated quote. */
  end(): void;
}

export function csvReader(onRecord: CsvRecordSink): CsvReader {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  /** A quote inside a quoted field: either the end of the field or the first of "" (decided by the next char). */
  let quotePending = false;
  /** The record has started (an empty line is no record). */
  let started = false;
  let line = 1;
  let recordLine = 1;
  let lastWasCR = false;

  const emit = () => {
    fields.push(field);
    onRecord(fields, recordLine);
    fields = [];
    field = '';
    started = false;
  };

  const push = (chunk: string) => {
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i]!;
      if (lastWasCR && c === '\n') {
        // CRLF: the line (and record) already ended at the CR.
        lastWasCR = false;
        continue;
      }
      lastWasCR = false;
      if (quotePending) {
        quotePending = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        inQuotes = false; // the quote closed the field; c is read below as an unquoted character
      }
      if (inQuotes) {
        if (c === '"') quotePending = true;
        else {
          if (c === '\n' || c === '\r') line += 1;
          if (c === '\r' && chunk[i + 1] === '\n') {
            field += '\r\n';
            i += 1;
            continue;
          }
          field += c;
          if (field.length > MAX_FIELD_CHARS) {
            throw new CsvError(
              recordLine,
              `a quoted field runs on past ${MAX_FIELD_CHARS} characters (a quote not closed?)`,
            );
          }
        }
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (started) emit();
        line += 1;
        recordLine = line;
        lastWasCR = c === '\r';
        continue;
      }
      if (!started) {
        started = true;
        recordLine = line;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        if (fields.length > MAX_FIELDS)
          throw new CsvError(recordLine, `more than ${MAX_FIELDS} fields in one record (not a CSV file?)`);
      } else if (c === '"') {
        if (field !== '')
          throw new CsvError(line, `a quote inside an unquoted field ("${field.slice(0, 20)}…)`);
        inQuotes = true;
      } else {
        field += c;
        if (field.length > MAX_FIELD_CHARS) {
          throw new CsvError(
            recordLine,
            `a field runs on past ${MAX_FIELD_CHARS} characters (not a CSV file?)`,
          );
        }
      }
    }
  };

  return {
    push,
    end() {
      if (quotePending) {
        quotePending = false;
        inQuotes = false;
      }
      if (inQuotes) throw new CsvError(recordLine, 'the file ends inside a quoted field');
      if (started) emit();
    },
  };
}
