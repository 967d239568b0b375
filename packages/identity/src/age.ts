import { IdentityError } from './identity-error';

type Ymd = { y: number; m: number; d: number };

function digits(iso: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = iso.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD` by hand (no RegExp or Date per call: imports age every resident). */
function parseDate(iso: string, what: string): Ymd {
  const y = iso.length === 10 && iso[4] === '-' && iso[7] === '-' ? digits(iso, 0, 4) : -1;
  const m = digits(iso, 5, 7);
  const d = digits(iso, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new IdentityError('bad_date', `${what} must be a valid YYYY-MM-DD date`);
  }
  return { y, m, d };
}

/**
 * Age in full years on `asOf` (ISO dates). Under 年齢計算ニ関スル法律 a year is reached at the end
 * of the day before the birthday, so on the birthday itself the new age holds; a 29 February
 * child reaches it on 1 March in common years.
 * @example ageOn('2019-04-02', '2025-04-01') // 5
 */
export function ageOn(birthDate: string, asOf: string): number {
  const b = parseDate(birthDate, 'birthDate');
  const a = parseDate(asOf, 'asOf');
  const beforeBirthday = a.m < b.m || (a.m === b.m && a.d < b.d);
  const age = a.y - b.y - (beforeBirthday ? 1 : 0);
  if (age < 0) throw new IdentityError('bad_date', 'asOf is before birthDate');
  return age;
}

/**
 * 学年 (school grade 1–9: elementary 1–6, junior high 7–9) on `asOf`, or null outside 義務教育.
 * The school year starts on 1 April; a child is in grade 1 in the school year whose 1 April finds
 * them aged 6, so children born 2 April … 1 April the next year share a grade.
 * @example schoolYearGrade('2019-04-01', '2025-04-01') // 1
 */
export function schoolYearGrade(birthDate: string, asOf: string): number | null {
  const a = parseDate(asOf, 'asOf');
  const schoolYear = a.m >= 4 ? a.y : a.y - 1;
  const april1 = `${schoolYear}-04-01`;
  parseDate(birthDate, 'birthDate');
  if (birthDate > april1) return null;
  const grade = ageOn(birthDate, april1) - 5;
  return grade >= 1 && grade <= 9 ? grade : null;
}
