import { readFileSync } from 'node:fs';
import { encodeCsv, readTable, runConnector } from '@mimamori/connector-kit';
import { testVillageSource } from '@mimamori/village/testing';
import { describe, expect, it } from 'vitest';
import welfare from './index';

const fixture = new URL('../fixtures/fukushi.csv', import.meta.url);
const fullWidth = (text: string) =>
  [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

testVillageSource(welfare, { fixture, encoding: 'utf-8-bom', carriesResidentNumber: true });

describe('welfare 宛名番号', () => {
  it('rejects a number without a valid check digit, accepts full-width digits and hyphens', async () => {
    const table = await readTable({ file: 'fukushi.csv', bytes: readFileSync(fixture) });
    const column = table.header.indexOf('宛名番号');
    const rows = [table.header, ...table.rows.map((r) => [...r.cells])];
    const valid = rows[1]![column]!;
    rows[1]![column] = fullWidth(`${valid.slice(0, 5)}-${valid.slice(5)}`);
    rows[2]![column] = '1000047';
    rows[3]![column] = `${valid.slice(0, 9)}${(Number(valid[9]) + 1) % 10}`;
    const run = await runConnector(welfare, {
      file: 'f.csv',
      bytes: encodeCsv(rows, { encoding: 'utf-8-bom' }),
    });
    expect(run.records).toEqual([]);
    const problem = (line: number) => ({
      file: 'f.csv',
      line,
      column: column + 1,
      code: 'bad_check_digit',
      field: '宛名番号',
      message: '宛名番号: expected 10 digits with a valid check digit',
    });
    expect(run.issues).toEqual([problem(3), problem(4)]);

    rows.splice(2, 2);
    const accepted = await runConnector(welfare, {
      file: 'f.csv',
      bytes: encodeCsv(rows, { encoding: 'utf-8-bom' }),
    });
    expect(accepted.issues).toEqual([]);
    expect(accepted.records[0]?.identity.residentNumber).toBe(valid);
  });
});
