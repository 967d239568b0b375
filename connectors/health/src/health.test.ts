import { readFileSync } from 'node:fs';
import { readTable, runConnector, writeXlsx } from '@mimamori/connector-kit';
import { testVillageSource } from '@mimamori/village/testing';
import { describe, expect, it } from 'vitest';
import health from './index';

const fixture = new URL('../fixtures/kenshin.xlsx', import.meta.url);

testVillageSource(health, { fixture, encoding: 'xlsx', carriesResidentNumber: true });

const fullWidth = (text: string) =>
  [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

describe('health 宛名番号', () => {
  it('rejects a number without a valid check digit (leading zeros lost), accepts full-width digits', async () => {
    const sheet = '健診・予防接種';
    const table = await readTable(
      { file: 'kenshin.xlsx', bytes: readFileSync(fixture) },
      { sheet },
    );
    const column = table.header.indexOf('宛名番号');
    const rows: (string | number)[][] = [table.header, ...table.rows.map((r) => [...r.cells])];
    const valid = String(rows[1]![column]);
    rows[1]![column] = fullWidth(`${valid.slice(0, 5)}-${valid.slice(5)}`);
    const read = async () =>
      runConnector(health, { file: 'k.xlsx', bytes: await writeXlsx([{ name: sheet, rows }]) });
    const accepted = await read();
    expect(accepted.issues).toEqual([]);
    expect(accepted.records[0]?.identity.residentNumber).toBe(valid);

    // Excel dropped the leading zeros of 0001000047: a number cell of 7 digits.
    rows[3]![column] = 1000047;
    const run = await read();
    expect(run.records).toEqual([]);
    expect(run.issues).toEqual([
      {
        file: 'k.xlsx',
        line: 4,
        column: column + 1,
        code: 'bad_check_digit',
        field: '宛名番号',
        message: '宛名番号: expected 10 digits with a valid check digit',
      },
    ]);
  });
});
