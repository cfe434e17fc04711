import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Row = Readonly<Record<string, unknown>>;

const escapes: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/**
 * One value in COPY's text format, read by Postgres as the same value a JSON row gives
 * `json_populate_recordset`: null as \N, an array or object as its JSON (the jsonb columns),
 * anything else as its text. NUL cannot occur: no stored text holds one.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : value instanceof Date
          ? value.toISOString()
          : JSON.stringify(value);
  return text.replace(/[\\\t\n\r]/g, (character) => escapes[character] ?? character);
}

const linesPerChunk = 1000;

function* chunks(columns: readonly string[], rows: readonly Row[]): Generator<string> {
  for (let start = 0; start < rows.length; start += linesPerChunk) {
    let chunk = '';
    for (const row of rows.slice(start, start + linesPerChunk)) {
      chunk += `${columns.map((column) => field(row[column])).join('\t')}\n`;
    }
    yield chunk;
  }
}

/**
 * Inserts rows (all of one shape) into a table with COPY: a rebuild's bulk write, a few times
 * faster than INSERT for the same rows, streamed so that a long history is never one string.
 */
export async function copyRows(
  client: PoolClient,
  table: string,
  rows: readonly Row[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const copy = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(columns, rows)), copy);
}
