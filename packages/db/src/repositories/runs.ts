import { newId } from '../new-id';
import { z } from 'zod';
import { bulkInsert } from '../bulk-insert';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { DbError } from '../db-error';
import { fromJsonOrNull, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { JudgementResultsTable, JudgementRunsTable } from '../schema';

/** Lifecycle of a judgement run. */
export const runStatuses = ['running', 'completed', 'failed'] as const;
/** One of {@link runStatuses}. */
export type RunStatus = (typeof runStatuses)[number];

const statusSchema = z.enum(runStatuses);
const countsSchema = z.record(z.string(), z.unknown());
const explanationSchema = z.unknown();

/** A judgement run: which rule-set version, on which data version, as of which date. */
export interface JudgementRun {
  id: string;
  ruleSetVersionId: string;
  dataVersion: number;
  asOf: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
  scheduleId: string | null;
  counts: Record<string, unknown> | null;
  error: string | null;
}

/** A child's score for one difficulty type; explanations are stored for flagged children. */
export interface JudgementResult {
  childId: string;
  type: string;
  points: number;
  level: string | null;
  outsideSchoolPoints: number;
  rankSchool: number | null;
  rankGrade: number | null;
  explanation: unknown;
}

/** A result with the child's non-identifying context, as lists show it. */
export interface JudgementResultRow extends JudgementResult {
  runId: string;
  school: string | null;
  grade: number | null;
}

function toRun(row: JudgementRunsTable): JudgementRun {
  return {
    id: row.id,
    ruleSetVersionId: row.rule_set_version_id,
    dataVersion: row.data_version,
    asOf: row.as_of,
    status: statusSchema.parse(row.status),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    startedBy: row.started_by,
    scheduleId: row.schedule_id,
    counts: fromJsonOrNull(countsSchema, row.counts_json, 'judgement_runs.counts_json'),
    error: row.error,
  };
}

/**
 * Starts a run (status `running`).
 * @example const run = await createRun(db, { ruleSetVersionId, dataVersion, asOf: '2026-04-01', startedBy: 'u1' });
 */
export async function createRun(
  db: Db,
  input: {
    id?: string;
    ruleSetVersionId: string;
    dataVersion: number;
    asOf: string;
    startedBy: string | null;
    scheduleId?: string | null;
  },
): Promise<JudgementRun> {
  const row: JudgementRunsTable = {
    id: input.id ?? newId(),
    rule_set_version_id: input.ruleSetVersionId,
    data_version: input.dataVersion,
    as_of: input.asOf,
    status: 'running',
    started_at: nowIso(),
    finished_at: null,
    started_by: input.startedBy,
    schedule_id: input.scheduleId ?? null,
    counts_json: null,
    error: null,
  };
  await db.insertInto('judgement_runs').values(row).execute();
  return toRun(row);
}

/** Stores results of a running run in bulk (one transaction). */
export async function insertResults(
  db: Db,
  runId: string,
  results: readonly JudgementResult[],
): Promise<void> {
  const rows: JudgementResultsTable[] = results.map((r) => ({
    run_id: runId,
    child_id: r.childId,
    type: r.type,
    points: r.points,
    level: r.level,
    outside_school_points: r.outsideSchoolPoints,
    rank_school: r.rankSchool,
    rank_grade: r.rankGrade,
    explanation_json:
      r.explanation === null || r.explanation === undefined ? null : toJson(r.explanation),
  }));
  await inTransaction(db, async function writeResults(trx) {
    const run = await trx
      .selectFrom('judgement_runs')
      .select('status')
      .where('id', '=', runId)
      .executeTakeFirst();
    if (!run) throw new DbError('not_found', 'run not found');
    if (run.status !== 'running')
      throw new DbError('invalid_state', 'results can only be added to a running run');
    await bulkInsert(trx, 'judgement_results', rows);
  });
}

/** Marks a run completed with its counts; from then on it is immutable. */
export async function completeRun(
  db: Db,
  runId: string,
  counts: Record<string, unknown>,
): Promise<JudgementRun> {
  return finishRun(db, runId, { status: 'completed', counts_json: toJson(counts) });
}

/** Marks a run failed with a message (no personal data in it). */
export async function failRun(db: Db, runId: string, error: string): Promise<JudgementRun> {
  return finishRun(db, runId, { status: 'failed', error });
}

async function finishRun(
  db: Db,
  runId: string,
  set: { status: RunStatus; counts_json?: string; error?: string },
): Promise<JudgementRun> {
  const result = await db
    .updateTable('judgement_runs')
    .set({ ...set, finished_at: nowIso() })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new DbError('invalid_state', 'run is not running');
  const run = await getRun(db, runId);
  if (!run) throw new DbError('not_found', 'run not found');
  return run;
}

/** One run. */
export async function getRun(db: Db, runId: string): Promise<JudgementRun | undefined> {
  const row = await db
    .selectFrom('judgement_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst();
  return row && toRun(row);
}

/** Runs, newest first. */
export async function listRuns(
  db: Db,
  options: { status?: RunStatus; limit?: number; offset?: number } = {},
): Promise<JudgementRun[]> {
  let query = db.selectFrom('judgement_runs').selectAll();
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toRun);
}

/** Filters for {@link listResults}; `levels` matches any of the given levels. */
export interface ResultFilter {
  school?: string;
  grade?: number;
  type?: string;
  level?: string;
  levels?: readonly string[];
  flaggedOnly?: boolean;
  childId?: string;
  limit?: number;
  offset?: number;
}

/**
 * Results of a run joined with the child's school and grade, highest points first.
 * @example await listResults(db, runId, { school: 'S01', flaggedOnly: true, limit: 50 });
 */
export async function listResults(
  db: Db,
  runId: string,
  filter: ResultFilter = {},
): Promise<JudgementResultRow[]> {
  let query = db
    .selectFrom('judgement_results as r')
    .innerJoin('children as c', 'c.id', 'r.child_id')
    .selectAll('r')
    .select(['c.school', 'c.grade'])
    .where('r.run_id', '=', runId);
  if (filter.school !== undefined) query = query.where('c.school', '=', filter.school);
  if (filter.grade !== undefined) query = query.where('c.grade', '=', filter.grade);
  if (filter.type !== undefined) query = query.where('r.type', '=', filter.type);
  if (filter.level !== undefined) query = query.where('r.level', '=', filter.level);
  if (filter.levels !== undefined) {
    if (filter.levels.length === 0) return [];
    query = query.where('r.level', 'in', filter.levels);
  }
  if (filter.flaggedOnly === true) query = query.where('r.level', 'is not', null);
  if (filter.childId !== undefined) query = query.where('r.child_id', '=', filter.childId);
  const rows = await query
    .orderBy('r.points', 'desc')
    .orderBy('r.child_id')
    .orderBy('r.type')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    childId: r.child_id,
    type: r.type,
    points: r.points,
    level: r.level,
    outsideSchoolPoints: r.outside_school_points,
    rankSchool: r.rank_school,
    rankGrade: r.rank_grade,
    explanation: fromJsonOrNull(
      explanationSchema,
      r.explanation_json,
      'judgement_results.explanation_json',
    ),
    school: r.school,
    grade: r.grade,
  }));
}

/** Number of results per (type, level) in a run, unflagged (`level` null) first per type. */
export async function countResultsByLevel(
  db: Db,
  runId: string,
): Promise<{ type: string; level: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('judgement_results')
    .select((eb) => ['type', 'level', eb.fn.countAll().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['type', 'level'])
    .execute();
  // Sorted here: SQLite and PostgreSQL disagree on where NULL sorts.
  return rows
    .map((r) => ({ type: r.type, level: r.level, count: Number(r.n) }))
    .sort((a, b) =>
      a.type < b.type ? -1 : a.type > b.type ? 1 : (a.level ?? '').localeCompare(b.level ?? ''),
    );
}
