/** Serial of 1970-01-01 in the 1900 date system (whose day 0 is 1899-12-30 from serial 61 on). */
const UNIX_EPOCH_1900 = 25_569;
/** Days from 1900-01-01 to 1904-01-01 minus the fictitious 1900-02-29: the 1904 system's shift. */
const SHIFT_1904 = 1_462;

/**
 * The calendar date (`YYYY-MM-DD`) of an Excel date serial; the time of day is dropped.
 * In the 1900 system Excel counts a 29 February 1900 that never was (serial 60, kept as Excel
 * shows it so that a date check rejects it) and serials 1–59 are one day later than the plain
 * count from 1899-12-30. In the 1904 system serial 0 is 1904-01-01. Not a finite date → `''`.
 *
 * @example excelSerialToIsoDate(45383, false) // '2024-04-01'
 */
export function excelSerialToIsoDate(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial)) return '';
  let days = serial - UNIX_EPOCH_1900;
  if (date1904) days += SHIFT_1904;
  else if (serial >= 60 && serial < 61) return '1900-02-29';
  else if (serial >= 1 && serial < 60) days += 1;
  // Same arithmetic, in the same order, as exceljs: results agree to the millisecond.
  const date = new Date(Math.round(days * 24 * 3600 * 1000));
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}
