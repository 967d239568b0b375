import { describe, expect, it } from 'vitest';
import type { RawRow } from './connector';
import { residentNumberIssues } from './resident-number-issues';

const row = (fields?: RawRow['fields']): RawRow => ({
  file: 'f.csv',
  line: 7,
  values: {},
  columns: { residentNumber: 3, guardianNumber: 5 },
  ...(fields ? { fields } : {}),
});

describe('residentNumberIssues', () => {
  it('accepts a valid number and an empty cell', () => {
    expect(residentNumberIssues(row(), '1234567892')).toEqual([]);
    expect(residentNumberIssues(row(), undefined)).toEqual([]);
  });

  it('reports a wrong check digit or length at the column, named by its header', () => {
    expect(residentNumberIssues(row(), '1234567891')).toEqual([
      {
        file: 'f.csv',
        line: 7,
        column: 3,
        code: 'bad_check_digit',
        field: '宛名番号',
        message: '宛名番号: expected 10 digits with a valid check digit',
      },
    ]);
    const named = row({ guardianNumber: { header: '保護者宛名番号', required: false } });
    expect(residentNumberIssues(named, '1000047', 'guardianNumber')[0]).toMatchObject({
      column: 5,
      field: '保護者宛名番号',
    });
  });
});
