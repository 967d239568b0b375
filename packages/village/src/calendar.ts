/** Calendar helpers on ISO `YYYY-MM-DD` strings (UTC days; no time zones involved). */

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of an ISO date. */
export function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** ISO date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses an ISO date into numbers. */
export function ymd(iso: string): { y: number; m: number; d: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

/** Age in completed years on `on` (a child born on 29 Feb ages on 1 Mar, as in law: close enough). */
export function ageOn(birth: string, on: string): number {
  const b = ymd(birth);
  const o = ymd(on);
  const before = o.m < b.m || (o.m === b.m && o.d < b.d);
  return o.y - b.y - (before ? 1 : 0);
}

/** School year (April–March) a date falls in: 2026-04-01 → 2026, 2026-03-31 → 2025. */
export function schoolYearOf(iso: string): number {
  const { y, m } = ymd(iso);
  return m >= 4 ? y : y - 1;
}

/**
 * School grade on `on`: 1–6 elementary, 7–9 junior high, ≤ 0 preschool (0 = 年長), ≥ 10 beyond.
 * Children born 2 April–1 April of the next year share a cohort (学年).
 */
export function gradeOn(birth: string, on: string): number {
  const b = ymd(birth);
  const cohort = b.m < 4 || (b.m === 4 && b.d === 1) ? b.y - 1 : b.y;
  return schoolYearOf(on) - cohort - 6;
}

/** Replaces ASCII digits with full-width ones (some exports do this). */
export function toFullWidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
