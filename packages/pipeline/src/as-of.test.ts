import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './as-of';

describe('isCalendarDate', () => {
  it('accepts real dates, leap days included', () => {
    for (const d of ['2026-04-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])
      expect(isCalendarDate(d)).toBe(true);
  });

  it('refuses impossible dates and anything not written YYYY-MM-DD', () => {
    for (const d of [
      '2025-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '9999-99-99',
      '0000-00-00',
      '2026-13-01',
      '2026-4-1',
      '2026-04-01T00:00',
      'garbage',
      '',
    ])
      expect(isCalendarDate(d)).toBe(false);
  });
});
