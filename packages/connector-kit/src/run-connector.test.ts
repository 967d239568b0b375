import { describe, expect, it } from 'vitest';
import type { Connector } from './connector';
import { ConnectorKitError } from './connector-kit-error';
import { defineConnector } from './define-connector';
import { encodeCsv } from './encode-csv';
import { createExampleConnector, exampleRows } from './example-connector.fixture';
import { readRows } from './read-rows';
import { runConnector } from './run-connector';

const connector = createExampleConnector();
const csv = (rows: string[][]) => ({
  file: 'n.csv',
  bytes: encodeCsv(rows, { encoding: 'cp932' }),
});

describe('readRows', () => {
  it('maps headers after NFKC and trim, ignores extra columns, and shares column positions', async () => {
    const rows = exampleRows(2);
    rows[0] = rows[0]!.map((h) => (h === '宛名番号' ? ' 宛名番号 ' : h === '性別' ? 'ｾｲﾍﾞﾂ' : h));
    const read = await readRows(connector, csv(rows));
    expect(read.issues).toEqual([]);
    expect(read.encoding).toBe('cp932');
    expect(read.rows[0]?.values).toMatchObject({
      residentNumber: '1000000000',
      birthDate: '平成30年4月2日',
    });
    expect(read.rows[0]?.values['sex']).toBeUndefined();
    expect(read.rows[0]?.columns).toMatchObject({ residentNumber: 2, birthDate: 4 });
    expect(read.rows[0]?.columns).toBe(read.rows[1]?.columns);
    expect(read.rows[0]?.fields?.['birthDate']).toEqual({ header: '生年月日', required: true });
  });

  it('reports missing required columns at the header line and returns no rows', async () => {
    const rows = exampleRows(2).map((row) => row.slice(2));
    const read = await readRows(connector, csv(rows));
    expect(read.rows).toEqual([]);
    expect(read.issues).toEqual([
      {
        file: 'n.csv',
        line: 1,
        column: 0,
        code: 'missing_column',
        field: '宛名番号',
        message: 'expected a column headed 宛名番号',
      },
    ]);
  });

  it('reports rows with the wrong number of cells as bad_format', async () => {
    const rows = exampleRows(3);
    rows[2] = rows[2]!.slice(0, 4);
    const read = await readRows(connector, csv(rows));
    // Row 1 holds a two-line 備考 cell, so row 2 starts on line 4.
    expect(read.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(read.issues).toMatchObject([
      {
        code: 'bad_format',
        line: 4,
        column: 0,
        message: 'expected 11 cells as in the header, found 4',
      },
    ]);
  });

  it('rejects a format the connector does not read', async () => {
    const csvOnly = defineConnector({
      ...createExampleConnector(),
      file: { formats: ['xlsx'], encoding: 'auto' },
    });
    const read = await readRows(csvOnly, csv(exampleRows(1)));
    expect(read.issues).toMatchObject([
      { code: 'bad_file', message: 'expected a xlsx file for connector example-nursery' },
    ]);
  });
});

describe('runConnector', () => {
  it('normalises every row and counts non-empty cells per field', async () => {
    const run = await runConnector(connector, csv(exampleRows(12)));
    expect(run.issues).toEqual([]);
    expect(run.rows).toBe(12);
    expect(run.records).toHaveLength(12);
    expect(run.encoding).toBe('cp932');
    expect(run.fieldCounts).toMatchObject({ residentNumber: 12, arrears: 9, enteredOn: 8 });
    expect(run.records[0]).toMatchObject({
      line: 2,
      identity: { kana: 'タカハシ パンダ', birthDate: '2018-04-02', sex: 1 },
      facts: {
        'nursery.enrolment': 'kindergarten',
        'nursery.absenceDays': 12,
        'nursery.feeArrears': true,
      },
    });
  });

  it('collects every issue, sorted by position, and returns no records', async () => {
    const rows = exampleRows(6);
    rows[2]![3] = '2019-02-30';
    rows[5]![7] = 'many';
    rows[5]![6] = '7';
    const run = await runConnector(connector, csv(rows));
    expect(run.records).toEqual([]);
    expect(run.rows).toBe(6);
    expect(run.issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual([
      '4:4 bad_date',
      '7:7 unknown_code',
      '7:8 bad_number',
    ]);
  });

  it('throws invalid_record for a connector emitting a bad record, connector_failed when it throws', async () => {
    const base = createExampleConnector();
    const broken: Connector = defineConnector({
      ...base,
      normalize: (row) => ({
        records: [
          {
            kind: 'observation',
            identity: { birthDate: 'soon' },
            context: {},
            facts: {},
            line: row.line,
          },
        ],
        issues: [],
      }),
    });
    await expect(runConnector(broken, csv(exampleRows(1)))).rejects.toMatchObject({
      code: 'invalid_record',
    });
    const throwing = defineConnector({
      ...base,
      normalize: () => {
        throw new Error('bug');
      },
    });
    const error: unknown = await runConnector(throwing, csv(exampleRows(1))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorKitError);
    expect(error).toMatchObject({
      code: 'connector_failed',
      message: 'connector example-nursery threw on n.csv:2',
    });
  });
});
