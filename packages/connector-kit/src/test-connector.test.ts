import { describe, expect, it } from 'vitest';
import {
  truncatedXlsx,
  withBadDate,
  withUndecodableByte,
  withoutDataRows,
  withoutRequiredColumn,
} from './corrupt-fixture';
import { defineConnector } from './define-connector';
import { createExampleConnector, exampleFixtures } from './example-connector.fixture';
import { readTable } from './read-table';
import { corruptionCases, expectRejected, testConnector } from './test-connector';

const connector = createExampleConnector();
const fixtures = await exampleFixtures(40);

testConnector(connector, { fixtures, minRecords: 40 });

describe('conformance corruptions', () => {
  const [cp932, , utf8, xlsx] = fixtures;

  it('drop the first required column present in the file', async () => {
    const corruption = await withoutRequiredColumn(connector, cp932!);
    expect(corruption).toMatchObject({ line: 1, column: 0, field: '宛名番号' });
    const table = await readTable(corruption!.input);
    expect(table.header).not.toContain('宛名番号');
  });

  it('keep only the header row of each fixture', async () => {
    for (const fixture of fixtures) {
      const corruption = await withoutDataRows(connector, fixture);
      expect(corruption).toMatchObject({ line: 1, column: 0 });
      const table = await readTable(corruption!.input);
      expect(table.header).toContain('宛名番号');
      expect(table.issues.map((i) => i.code)).toEqual(['empty_file']);
    }
  });

  it('place the bad byte on the line the suite expects, after multi-line fields', async () => {
    const corruption = await withUndecodableByte(connector, cp932!);
    // 40 rows, row 21 (index 20) starts after 4 two-line 備考 cells on rows 1, 7, 13, 19.
    expect(corruption).toMatchObject({ line: 2 + 20 + 4, column: 1 });
    const table = await readTable(corruption!.input);
    expect(table.issues).toMatchObject([{ code: 'undecodable', line: 26, column: 1 }]);
    const utf = await withUndecodableByte(connector, utf8!);
    expect(utf?.input.encoding).toBe('utf-8');
  });

  it('find the date column by its content, and have no byte case for XLSX', async () => {
    const corruption = await withBadDate(connector, xlsx!, undefined);
    expect(corruption).toMatchObject({ line: 2, column: 4, field: '生年月日' });
    expect(await withBadDate(connector, xlsx!, [])).toBeUndefined();
    expect(await withUndecodableByte(connector, xlsx!)).toBeUndefined();
  });

  it('register only the cases that apply to each fixture', async () => {
    const codes = async (fixture: (typeof fixtures)[number], dateColumns?: string[]) =>
      (await corruptionCases(connector, fixture, dateColumns)).map((c) => c.code);
    expect(await codes(cp932!)).toEqual([
      'missing_column',
      'empty_file',
      'undecodable',
      'bad_date',
    ]);
    expect(await codes(xlsx!)).toEqual(['missing_column', 'empty_file', 'bad_date']);
    expect(await codes(xlsx!, [])).toEqual(['missing_column', 'empty_file']);
  });

  it('fail for a connector that lets an impossible date through, or the wrong issue', async () => {
    const lax = defineConnector({
      ...connector,
      name: 'lax',
      normalize: () => ({ records: [], issues: [] }),
    });
    const cases = await corruptionCases(lax, cp932!, undefined);
    const badDate = cases.find((c) => c.code === 'bad_date');
    expect(badDate).toBeDefined();
    await expect(expectRejected(badDate!.corruption, lax, 'bad_date')).rejects.toThrow();
    await expect(
      expectRejected(badDate!.corruption, connector, 'bad_date'),
    ).resolves.toBeUndefined();
    for (const { corruption } of cases) {
      await expect(expectRejected(corruption, connector, 'bad_file')).rejects.toThrow();
    }
  });

  it('build a truncated workbook from a CSV fixture when no XLSX is given', async () => {
    const corruption = await truncatedXlsx(connector, [cp932!]);
    const table = await readTable(corruption!.input);
    expect(table.issues.map((i) => i.code)).toEqual(['bad_file']);
  });
});
