import { z } from 'zod';
import type { Db } from '../database';
import { fromJson, fromJsonOrNull, toJson } from '../json-column';
import { caseEventKinds, type CaseEvent, type CaseEventKind } from './cases';

// Queries the casework package needs (sheets by id, funnels, notifications, retention purge).

const dataSchema = z.record(z.string(), z.unknown());
const kindSchema = z.enum(caseEventKinds);

/** A result's level with the child's school context: what funnels count. */
export interface RunLevelRow {
  childId: string;
  type: string;
  level: string | null;
  school: string | null;
  nursery: string | null;
  grade: number | null;
}

/** A case event with the child and run of its case. */
export interface CaseEventWithCase extends CaseEvent {
  childId: string;
  runId: string | null;
}

/** A result of one child in any run (for a disclosure export). */
export interface ChildResultRow {
  runId: string;
  asOf: string;
  type: string;
  points: number;
  level: string | null;
  outsideSchoolPoints: number;
  rankSchool: number | null;
  rankGrade: number | null;
  explanation: unknown;
}

/** The (run, child) key of a sheet, looked up by its id. */
export async function findChildSheetKey(
  db: Db,
  sheetId: string,
): Promise<{ runId: string; childId: string } | undefined> {
  const row = await db
    .selectFrom('child_sheets')
    .select(['run_id', 'child_id'])
    .where('id', '=', sheetId)
    .executeTakeFirst();
  return row && { runId: row.run_id, childId: row.child_id };
}

/**
 * Every result level of a run with the child's school, nursery and grade (no explanations).
 * @example const rows = await listRunLevels(db, runId);
 */
export async function listRunLevels(db: Db, runId: string): Promise<RunLevelRow[]> {
  const rows = await db
    .selectFrom('judgement_results as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .select(['r.child_id', 'r.type', 'r.level', 'c.school', 'c.nursery', 'c.grade'])
    .where('r.run_id', '=', runId)
    .orderBy('r.child_id')
    .orderBy('r.type')
    .execute();
  return rows.map((r) => ({
    childId: r.child_id,
    type: r.type,
    level: r.level,
    school: r.school,
    nursery: r.nursery,
    grade: r.grade,
  }));
}

/** Case events of the given kinds (all when empty), with their case's child and run, oldest first. */
export async function listCaseEventsWithCase(
  db: Db,
  filter: { kinds?: readonly CaseEventKind[]; runId?: string; childId?: string } = {},
): Promise<CaseEventWithCase[]> {
  let query = db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .selectAll('e')
    .select(['c.child_id', 'c.run_id']);
  if (filter.kinds !== undefined && filter.kinds.length > 0)
    query = query.where('e.kind', 'in', filter.kinds);
  if (filter.runId !== undefined) query = query.where('c.run_id', '=', filter.runId);
  if (filter.childId !== undefined) query = query.where('c.child_id', '=', filter.childId);
  const rows = await query.orderBy('e.at').orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    kind: kindSchema.parse(r.kind),
    data: fromJson(dataSchema, r.data_json, 'case_events.data_json'),
    actorId: r.actor_id,
    at: r.at,
    childId: r.child_id,
    runId: r.run_id,
  }));
}

/** Replaces an event's data: only for the retention purge, which must erase free text. */
export async function replaceCaseEventData(
  db: Db,
  eventId: string,
  data: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('case_events')
    .set({ data_json: toJson(data) })
    .where('id', '=', eventId)
    .execute();
}

/**
 * Children whose cases are all closed, the last one before `closedBefore` (ISO): the retention
 * purge's candidates.
 */
export async function listChildrenClosedBefore(db: Db, closedBefore: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('child_id')
    .groupBy('child_id')
    .having(
      (eb) => eb.fn.sum(eb.case().when('status', '<>', 'closed').then(1).else(0).end()),
      '=',
      0,
    )
    .having((eb) => eb.fn.max('closed_at'), '<', closedBefore)
    .orderBy('child_id')
    .execute();
  return rows.map((r) => r.child_id);
}

/**
 * True when some child attends the school or nursery `code`: the schools a sheet can be
 * shared with (teachers' accounts name the same codes).
 */
export async function isKnownSchool(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('children')
    .select('id')
    .where((eb) => eb.or([eb('school', '=', code), eb('nursery', '=', code)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes a child's personal data: the persons row and the identities its source records
 * carried. The pseudonymous child, facts and history stay.
 */
export async function deletePersonalData(
  db: Db,
  childId: string,
): Promise<{ persons: number; identities: number }> {
  const identities = await db
    .deleteFrom('record_identities')
    .where('record_id', 'in', (eb) =>
      eb.selectFrom('source_records').select('id').where('child_id', '=', childId),
    )
    .executeTakeFirst();
  const persons = await db.deleteFrom('persons').where('child_id', '=', childId).executeTakeFirst();
  return { persons: Number(persons.numDeletedRows), identities: Number(identities.numDeletedRows) };
}

/** Blanks the free-text notes of a child's overrides (retention purge). */
export async function clearOverrideNotes(db: Db, childId: string): Promise<number> {
  const result = await db
    .updateTable('overrides')
    .set({ note: null })
    .where('child_id', '=', childId)
    .where('note', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Settings whose key starts with `prefix` (e.g. retention tombstones), by key. */
export async function listSettingsWithPrefix(
  db: Db,
  prefix: string,
): Promise<{ key: string; value: unknown; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('meta')
    .selectAll()
    .where('key', 'like', `${prefix}%`)
    .orderBy('key')
    .execute();
  return rows
    .filter((r) => r.key.startsWith(prefix))
    .map((r) => ({
      key: r.key,
      value: fromJson(z.unknown(), r.value_json, 'meta.value_json'),
      updatedAt: r.updated_at,
    }));
}

/** A child's results in every run, newest run first. */
export async function listChildResults(db: Db, childId: string): Promise<ChildResultRow[]> {
  const rows = await db
    .selectFrom('judgement_results as r')
    .innerJoin('judgement_runs as j', 'j.id', 'r.run_id')
    .selectAll('r')
    .select(['j.as_of', 'j.started_at'])
    .where('r.child_id', '=', childId)
    .orderBy('j.started_at', 'desc')
    .orderBy('r.run_id')
    .orderBy('r.type')
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    asOf: r.as_of,
    type: r.type,
    points: r.points,
    level: r.level,
    outsideSchoolPoints: r.outside_school_points,
    rankSchool: r.rank_school,
    rankGrade: r.rank_grade,
    explanation: fromJsonOrNull(
      z.unknown(),
      r.explanation_json,
      'judgement_results.explanation_json',
    ),
  }));
}

/** The newest run a schedule started, if any. */
export async function latestRunOfSchedule(
  db: Db,
  scheduleId: string,
): Promise<
  { id: string; status: string; startedAt: string; finishedAt: string | null } | undefined
> {
  const row = await db
    .selectFrom('judgement_runs')
    .select(['id', 'status', 'started_at', 'finished_at'])
    .where('schedule_id', '=', scheduleId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    }
  );
}
