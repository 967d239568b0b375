import { newId } from '../new-id';
import { z } from 'zod';
import type { Db } from '../database';
import { DbError } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { ChildSheetsTable, OverridesTable } from '../schema';

const contentSchema = z.record(z.string(), z.unknown());

/** こども情報管理シート: one per flagged child per run. */
export interface ChildSheet {
  id: string;
  runId: string;
  childId: string;
  content: Record<string, unknown>;
  sharedSchool: string | null;
  createdBy: string | null;
  updatedAt: string;
}

/** A human change of a child's level, with its reason and an optional second-person review. */
export interface Override {
  id: string;
  runId: string;
  childId: string;
  type: string;
  fromLevel: string | null;
  toLevel: string | null;
  reasonCode: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

function toSheet(row: ChildSheetsTable): ChildSheet {
  return {
    id: row.id,
    runId: row.run_id,
    childId: row.child_id,
    content: fromJson(contentSchema, row.content_json, 'child_sheets.content_json'),
    sharedSchool: row.shared_school,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/**
 * Creates or replaces the sheet of a child in a run.
 * @example await saveChildSheet(db, { runId, childId, content, sharedSchool: 'S01', createdBy: 'u1' });
 */
export async function saveChildSheet(
  db: Db,
  input: {
    runId: string;
    childId: string;
    content: Record<string, unknown>;
    sharedSchool: string | null;
    createdBy: string | null;
  },
): Promise<ChildSheet> {
  const row: ChildSheetsTable = {
    id: newId(),
    run_id: input.runId,
    child_id: input.childId,
    content_json: toJson(input.content),
    shared_school: input.sharedSchool,
    created_by: input.createdBy,
    updated_at: nowIso(),
  };
  await db
    .insertInto('child_sheets')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['run_id', 'child_id']).doUpdateSet({
        content_json: row.content_json,
        shared_school: row.shared_school,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  const sheet = await getChildSheet(db, input.runId, input.childId);
  if (!sheet) throw new DbError('not_found', 'sheet not found after save');
  return sheet;
}

/** One sheet by its id. */
export async function getChildSheetById(db: Db, id: string): Promise<ChildSheet | undefined> {
  const row = await db
    .selectFrom('child_sheets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSheet(row);
}

/**
 * The `updated_at` a change written now gets: the clock, or 1 ms past `previous` when the clock
 * has not moved past it, so that every change of a sheet gets a new `updatedAt` and it can serve
 * as the sheet's version.
 */
function nextUpdatedAt(previous: string): string {
  const now = nowIso();
  if (now > previous) return now;
  const after = Date.parse(previous) + 1;
  return Number.isNaN(after) ? now : new Date(after).toISOString();
}

/**
 * Replaces a sheet's content and shared school only while it still has the `updatedAt` the
 * caller read (compare-and-set): `undefined` when someone changed it in between, so that the
 * caller reads again instead of writing over that change.
 * @example const saved = await updateChildSheetIfUnchanged(db, { id, expectedUpdatedAt: sheet.updatedAt, content, sharedSchool: 'S01' });
 */
export async function updateChildSheetIfUnchanged(
  db: Db,
  input: {
    id: string;
    expectedUpdatedAt: string;
    content: Record<string, unknown>;
    sharedSchool: string | null;
  },
): Promise<ChildSheet | undefined> {
  const result = await db
    .updateTable('child_sheets')
    .set({
      content_json: toJson(input.content),
      shared_school: input.sharedSchool,
      updated_at: nextUpdatedAt(input.expectedUpdatedAt),
    })
    .where('id', '=', input.id)
    .where('updated_at', '=', input.expectedUpdatedAt)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return getChildSheetById(db, input.id);
}

/** The sheet of a child in a run. */
export async function getChildSheet(
  db: Db,
  runId: string,
  childId: string,
): Promise<ChildSheet | undefined> {
  const row = await db
    .selectFrom('child_sheets')
    .selectAll()
    .where('run_id', '=', runId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return row && toSheet(row);
}

/** Sheets of a run, optionally only those shared with one school. */
export async function listChildSheets(
  db: Db,
  filter: { runId?: string; sharedSchool?: string; childId?: string } = {},
): Promise<ChildSheet[]> {
  let query = db.selectFrom('child_sheets').selectAll();
  if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId);
  if (filter.sharedSchool !== undefined)
    query = query.where('shared_school', '=', filter.sharedSchool);
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId);
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id').execute();
  return rows.map(toSheet);
}

function toOverride(row: OverridesTable): Override {
  return {
    id: row.id,
    runId: row.run_id,
    childId: row.child_id,
    type: row.type,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    reasonCode: row.reason_code,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
  };
}

/** Records an override (results themselves stay immutable). */
export async function createOverride(
  db: Db,
  input: Omit<Override, 'id' | 'createdAt' | 'reviewedBy' | 'reviewedAt'>,
): Promise<Override> {
  const row: OverridesTable = {
    id: newId(),
    run_id: input.runId,
    child_id: input.childId,
    type: input.type,
    from_level: input.fromLevel,
    to_level: input.toLevel,
    reason_code: input.reasonCode,
    note: input.note,
    created_by: input.createdBy,
    created_at: nowIso(),
    reviewed_by: null,
    reviewed_at: null,
  };
  await db.insertInto('overrides').values(row).execute();
  return toOverride(row);
}

/** Marks an override reviewed by a second person (not its author: `invalid_state`). */
export async function reviewOverride(db: Db, id: string, reviewedBy: string): Promise<Override> {
  const result = await db
    .updateTable('overrides')
    .set({ reviewed_by: reviewedBy, reviewed_at: nowIso() })
    .where('id', '=', id)
    .where('created_by', '<>', reviewedBy)
    .where('reviewed_by', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new DbError('invalid_state', 'override cannot be reviewed by this user');
  const row = await db
    .selectFrom('overrides')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toOverride(row);
}

/** Overrides of a run (or of one child in it), oldest first. */
export async function listOverrides(
  db: Db,
  filter: { runId?: string; childId?: string } = {},
): Promise<Override[]> {
  let query = db.selectFrom('overrides').selectAll();
  if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId);
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toOverride);
}
