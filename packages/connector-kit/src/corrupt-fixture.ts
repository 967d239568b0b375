import type { Connector } from './connector';
import { normalizeHeader } from './define-connector';
import { encodeCsv } from './encode-csv';
import { readTable, type FileInput, type TableReadResult } from './read-table';
import type { ConnectorInput } from './read-rows';
import { parseWarekiDate } from './wareki';
import { writeXlsx } from './write-xlsx';

/** A corrupted copy of a fixture and where the issue it must cause is expected. */
export interface Corruption {
  readonly input: ConnectorInput;
  readonly line: number;
  readonly column: number;
  readonly field?: string;
}

/** Reads a fixture the way the connector would (its sheet and encoding). */
export function readFixture(connector: Connector, fixture: FileInput): Promise<TableReadResult> {
  const sheet = connector.file.sheet;
  return readTable(fixture, {
    encoding: connector.file.encoding,
    ...(sheet === undefined ? {} : { sheet }),
  });
}

/** Writes a table back in the fixture's own format and encoding. */
async function rebuild(
  connector: Connector,
  fixture: FileInput,
  encoding: TableReadResult['encoding'],
  rows: string[][],
): Promise<ConnectorInput> {
  const file = `corrupted-${fixture.file}`;
  if (encoding === 'xlsx') {
    return { file, bytes: await writeXlsx([{ name: connector.file.sheet ?? 'Sheet1', rows }]) };
  }
  const bytes = encodeCsv(rows, { encoding });
  // Without a BOM, invalid UTF-8 would be detected as CP932: read it as the fixture was.
  return encoding === 'utf-8' ? { file, bytes, encoding: 'utf-8' } : { file, bytes };
}

/** Drops the first required column found in the fixture; `missing_column` is expected. */
export async function withoutRequiredColumn(
  connector: Connector,
  fixture: FileInput,
): Promise<Corruption | undefined> {
  const table = await readFixture(connector, fixture);
  const headers = table.header.map(normalizeHeader);
  for (const spec of connector.columns) {
    const index = headers.indexOf(normalizeHeader(spec.header));
    if (!spec.required || index < 0) continue;
    const drop = (cells: string[]) => cells.filter((_, i) => i !== index);
    const rows = [drop(table.header), ...table.rows.map((row) => drop(row.cells))];
    const input = await rebuild(connector, fixture, table.encoding, rows);
    return { input, line: 1, column: 0, field: spec.header };
  }
  return undefined;
}

/** Keeps the header row only; `empty_file` is expected at the header line. */
export async function withoutDataRows(
  connector: Connector,
  fixture: FileInput,
): Promise<Corruption | undefined> {
  const table = await readFixture(connector, fixture);
  if (table.headerLine === 0) return undefined;
  const input = await rebuild(connector, fixture, table.encoding, [table.header]);
  return { input, line: 1, column: 0 };
}

const MARKER = '\u0007MIMAMORI-BAD-BYTE\u0007';

/** Puts an invalid byte (0x81 0x20) into a middle row's first cell of a CSV fixture. */
export async function withUndecodableByte(
  connector: Connector,
  fixture: FileInput,
): Promise<Corruption | undefined> {
  const table = await readFixture(connector, fixture);
  if (table.encoding === 'xlsx' || table.rows.length === 0) return undefined;
  const target = Math.floor(table.rows.length / 2);
  const rows = [table.header, ...table.rows.map((row) => [...row.cells])];
  const cells = rows[target + 1] ?? [];
  cells[0] = `${cells[0] ?? ''}${MARKER}`;
  const rebuilt = await rebuild(connector, fixture, table.encoding, rows);
  const marker = new TextEncoder().encode(MARKER);
  const bytes = rebuilt.bytes;
  let at = -1;
  for (let i = 0; i <= bytes.length - marker.length && at < 0; i++) {
    if (marker.every((b, k) => bytes[i + k] === b)) at = i;
  }
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  const corrupted = new Uint8Array(bytes.length - marker.length + 2);
  corrupted.set(bytes.subarray(0, at));
  corrupted.set([0x81, 0x20], at);
  corrupted.set(bytes.subarray(at + marker.length), at + 2);
  return { input: { ...rebuilt, bytes: corrupted }, line, column: 1 };
}

function looksLikeDateColumn(values: readonly string[]): boolean {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  return (
    filled.length > 0 &&
    filled.some((v) => /\D/.test(v)) &&
    filled.every((v) => parseWarekiDate(v).ok)
  );
}

/** Makes one date cell an impossible date; `bad_date` is expected at its line and column. */
export async function withBadDate(
  connector: Connector,
  fixture: FileInput,
  dateColumns: readonly string[] | undefined,
): Promise<Corruption | undefined> {
  const table = await readFixture(connector, fixture);
  const headers = table.header.map(normalizeHeader);
  for (const spec of connector.columns) {
    const index = headers.indexOf(normalizeHeader(spec.header));
    if (index < 0) continue;
    const values = table.rows.map((row) => row.cells[index] ?? '');
    const isDate = dateColumns ? dateColumns.includes(spec.key) : looksLikeDateColumn(values);
    const target = values.findIndex((v) => v.trim() !== '');
    if (!isDate || target < 0) continue;
    const rows = [table.header, ...table.rows.map((row) => [...row.cells])];
    const cells = rows[target + 1] ?? [];
    cells[index] = '2019-02-30';
    const input = await rebuild(connector, fixture, table.encoding, rows);
    const reread = await readTable(input, input.encoding ? { encoding: input.encoding } : {});
    return { input, line: reread.rows[target]?.line ?? 0, column: index + 1, field: spec.header };
  }
  return undefined;
}

/** A workbook cut in half: `bad_file` is expected. Built from a CSV fixture when needed. */
export async function truncatedXlsx(
  connector: Connector,
  fixtures: readonly FileInput[],
): Promise<Corruption | undefined> {
  const first = fixtures[0];
  if (!connector.file.formats.includes('xlsx') || !first) return undefined;
  let bytes = fixtures.find((f) => f.bytes[0] === 0x50 && f.bytes[1] === 0x4b)?.bytes;
  if (!bytes) {
    const table = await readFixture(connector, first);
    const rows = [table.header, ...table.rows.map((row) => row.cells)];
    bytes = await writeXlsx([{ name: connector.file.sheet ?? 'Sheet1', rows }]);
  }
  const input = { file: 'truncated.xlsx', bytes: bytes.slice(0, Math.floor(bytes.length / 2)) };
  return { input, line: 0, column: 0 };
}
