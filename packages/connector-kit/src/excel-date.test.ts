import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate } from './excel-date';

describe('excelSerialToIsoDate', () => {
  it.each([
    [45383, false, '2024-04-01'],
    [45383.999, false, '2024-04-01'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [0.5, false, '1899-12-30'],
    [0, true, '1904-01-01'],
    [43556, true, '2023-04-02'],
    [Number.NaN, false, ''],
    [Number.POSITIVE_INFINITY, false, ''],
    [1e12, false, ''],
  ])('serial %d (1904: %s) is %j', (serial, date1904, iso) => {
    expect(excelSerialToIsoDate(serial, date1904)).toBe(iso);
  });
});
