import { describe, expect, it } from 'vitest';
import { ageOn, schoolYearGrade } from './age';
import { IdentityError } from './identity-error';

describe('ageOn', () => {
  it('counts full years; the birthday itself counts', () => {
    expect(ageOn('2015-05-10', '2025-05-09')).toBe(9);
    expect(ageOn('2015-05-10', '2025-05-10')).toBe(10);
    expect(ageOn('2016-02-29', '2025-02-28')).toBe(8);
    expect(ageOn('2016-02-29', '2025-03-01')).toBe(9);
    expect(ageOn('2016-02-29', '2024-02-29')).toBe(8);
  });

  it('rejects bad dates and an asOf before the birth', () => {
    expect(() => ageOn('2015-02-30', '2025-01-01')).toThrow(IdentityError);
    expect(() => ageOn('2025-01-02', '2025-01-01')).toThrow(IdentityError);
    for (const bad of [
      '2015-13-01',
      '2015-00-10',
      '2015-04-00',
      '2015-04-31',
      '2015-4-01',
      '２015-04-01',
      '2015/04/01',
      '2015-04-011',
      '1900-02-29',
    ]) {
      expect(() => ageOn(bad, '2025-01-01'), bad).toThrow(IdentityError);
    }
    expect(ageOn('2000-02-29', '2025-01-01')).toBe(24);
  });
});

describe('schoolYearGrade', () => {
  it('puts 2 April … 1 April births in one grade', () => {
    expect(schoolYearGrade('2019-04-01', '2025-04-01')).toBe(1);
    expect(schoolYearGrade('2018-04-02', '2025-04-01')).toBe(1);
    expect(schoolYearGrade('2019-04-02', '2025-04-01')).toBeNull();
    expect(schoolYearGrade('2019-04-02', '2026-04-01')).toBe(1);
    expect(schoolYearGrade('2018-04-01', '2025-04-01')).toBe(2);
  });

  it('uses the school year of asOf (January belongs to the previous April)', () => {
    expect(schoolYearGrade('2019-04-01', '2026-03-31')).toBe(1);
    expect(schoolYearGrade('2010-04-02', '2025-06-01')).toBe(9);
    expect(schoolYearGrade('2010-04-01', '2025-06-01')).toBeNull();
    expect(schoolYearGrade('2025-06-01', '2025-07-01')).toBeNull();
  });
});
