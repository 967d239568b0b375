import { z } from 'zod';
import { getSetting, setSetting, type Db } from '@mimamori/db';
import { PipelineError } from './pipeline-error';

/** The meta key holding the as-of date the current roster's children (ages, set) were derived on. */
const ROSTER_AS_OF = 'roster.asOf';

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD` (years 0001–9999): rejects
 * 2025-02-30, 0000-00-00, 9999-99-99 and anything that is not a date at all.
 * @example isCalendarDate('2024-02-29'); // true
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no time-zone shifts).
  const date = new Date(Date.UTC(2000, month, 0));
  date.setUTCFullYear(year, month, 0);
  return day <= date.getUTCDate();
}

/** The as-of date of the last roster import, or undefined when none was recorded. */
export function readRosterAsOf(db: Db): Promise<string | undefined> {
  return getSetting(db, ROSTER_AS_OF, z.string().refine(isCalendarDate));
}

/** Records the as-of date a roster import derived its children on (call in its transaction). */
export function recordRosterAsOf(db: Db, asOf: string): Promise<void> {
  return setSetting(db, ROSTER_AS_OF, asOf);
}

/**
 * The as-of date a judgement run may record. Scoring holds no birth dates, so it cannot recompute
 * ages: a run is as of the date the roster was imported on. `requested` defaults to that date and
 * must equal it; without a recorded roster date, `requested` (else `fallback`) is used.
 * @example const asOf = await resolveJudgeAsOf(db, '2026-04-01', ctx.asOf);
 */
export async function resolveJudgeAsOf(
  db: Db,
  requested: string | undefined,
  fallback: string,
): Promise<string> {
  if (requested !== undefined && !isCalendarDate(requested))
    throw new PipelineError('bad_as_of', 'the as-of date must be a real date written YYYY-MM-DD');
  const rosterAsOf = await readRosterAsOf(db);
  if (rosterAsOf === undefined) return requested ?? fallback;
  if (requested !== undefined && requested !== rosterAsOf) {
    throw new PipelineError(
      'as_of_mismatch',
      `the children's ages were derived as of ${rosterAsOf} (the roster import); to judge as of ${requested}, re-import the roster as of that date first`,
    );
  }
  return rosterAsOf;
}
