import { newId } from '../new-id';
import { z } from 'zod';
import type { Db } from '../database';
import { DbError } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import type { CaseEventsTable, CasesTable } from '../schema';
import { inTransaction } from '../transaction';

/** Where a child's case stands (見守り / 予防的支援 / ケース会議 / 関係機関へ接続 / 終結). */
export const caseStatuses = [
  'watch',
  'preventive_support',
  'case_meeting',
  'referred',
  'closed',
] as const;
/** One of {@link caseStatuses}. */
export type CaseStatus = (typeof caseStatuses)[number];

/** What can happen in a case. */
export const caseEventKinds = [
  'decision',
  'note',
  'observation',
  'override',
  'share',
  'meeting',
] as const;
/** One of {@link caseEventKinds}. */
export type CaseEventKind = (typeof caseEventKinds)[number];

const statusSchema = z.enum(caseStatuses);
const kindSchema = z.enum(caseEventKinds);
const dataSchema = z.record(z.string(), z.unknown());

/** A support case for one child. */
export interface Case {
  id: string;
  childId: string;
  status: CaseStatus;
  openedAt: string;
  closedAt: string | null;
  runId: string | null;
}

/** One entry in a case's history. */
export interface CaseEvent {
  id: string;
  caseId: string;
  kind: CaseEventKind;
  data: Record<string, unknown>;
  actorId: string | null;
  at: string;
}

function toCase(row: CasesTable): Case {
  return {
    id: row.id,
    childId: row.child_id,
    status: statusSchema.parse(row.status),
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    runId: row.run_id,
  };
}

function toEvent(row: CaseEventsTable): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: kindSchema.parse(row.kind),
    data: fromJson(dataSchema, row.data_json, 'case_events.data_json'),
    actorId: row.actor_id,
    at: row.at,
  };
}

/**
 * Opens a case (status `watch` unless given) and records the opening decision.
 * @example const c = await openCase(db, { childId, runId, actorId: 'u1' });
 */
export async function openCase(
  db: Db,
  input: { childId: string; runId: string | null; actorId: string | null; status?: CaseStatus },
): Promise<Case> {
  const row: CasesTable = {
    id: newId(),
    child_id: input.childId,
    status: input.status ?? 'watch',
    opened_at: nowIso(),
    closed_at: null,
    run_id: input.runId,
  };
  return inTransaction(db, async function open(trx) {
    await trx.insertInto('cases').values(row).execute();
    await addCaseEvent(trx, {
      caseId: row.id,
      kind: 'decision',
      data: { status: row.status },
      actorId: input.actorId,
    });
    return toCase(row);
  });
}

/**
 * The child's open case, or a new one (status `watch`, with its opening decision) when there is
 * none. The database keeps at most one case per child open (a partial unique index): of two
 * concurrent callers one opens the case and the other gets it, `opened: false`.
 * @example const { case: open, opened } = await ensureOpenCase(db, { childId, runId, actorId: 'u1' });
 */
export async function ensureOpenCase(
  db: Db,
  input: { childId: string; runId: string | null; actorId: string | null },
): Promise<{ case: Case; opened: boolean }> {
  return inTransaction(db, async function ensure(trx) {
    const found = await findOpenCase(trx, input.childId);
    if (found) return { case: found, opened: false };
    const row: CasesTable = {
      id: newId(),
      child_id: input.childId,
      status: 'watch',
      opened_at: nowIso(),
      closed_at: null,
      run_id: input.runId,
    };
    await trx
      .insertInto('cases')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute();
    // Skipped when someone else opened the child's case since we looked: theirs is the case.
    const open = await findOpenCase(trx, input.childId);
    if (!open) throw new DbError('invalid_state', 'case was neither opened nor found');
    if (open.id !== row.id) return { case: open, opened: false };
    await addCaseEvent(trx, {
      caseId: row.id,
      kind: 'decision',
      data: { status: row.status },
      actorId: input.actorId,
      at: row.opened_at,
    });
    return { case: toCase(row), opened: true };
  });
}

/**
 * Moves a case from status `from` to `status` and appends the decision, only while the case is
 * still in `from` (a conditional update): `undefined` when it is not, e.g. because another
 * decision came first. Returns the event this call appended.
 * @example const done = await transitionCase(db, { caseId, from: 'watch', status: 'closed', actorId: 'u1', data: { reason } });
 */
export async function transitionCase(
  db: Db,
  input: {
    caseId: string;
    from: CaseStatus;
    status: CaseStatus;
    actorId: string | null;
    data?: Record<string, unknown>;
  },
): Promise<{ case: Case; event: CaseEvent } | undefined> {
  return inTransaction(db, async function transition(trx) {
    const at = nowIso();
    const result = await trx
      .updateTable('cases')
      .set({ status: input.status, closed_at: input.status === 'closed' ? at : null })
      .where('id', '=', input.caseId)
      .where('status', '=', input.from)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    const event = await addCaseEvent(trx, {
      caseId: input.caseId,
      kind: 'decision',
      data: { ...input.data, status: input.status },
      actorId: input.actorId,
      at,
    });
    const row = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', input.caseId)
      .executeTakeFirstOrThrow();
    return { case: toCase(row), event };
  });
}

/**
 * Changes a case's status whatever it is and records the decision in the history (no rules:
 * `@mimamori/casework` decides through {@link transitionCase}).
 */
export async function decideCase(
  db: Db,
  input: {
    caseId: string;
    status: CaseStatus;
    actorId: string | null;
    data?: Record<string, unknown>;
  },
): Promise<Case> {
  return inTransaction(db, async function decide(trx) {
    const found = await getCase(trx, input.caseId);
    if (!found) throw new DbError('not_found', 'case not found');
    const done = await transitionCase(trx, { ...input, from: found.status });
    if (!done) throw new DbError('invalid_state', 'case changed while deciding');
    return done.case;
  });
}

/** Appends an event (note, observation, meeting record …) to a case. */
export async function addCaseEvent(
  db: Db,
  input: {
    caseId: string;
    kind: CaseEventKind;
    data: Record<string, unknown>;
    actorId: string | null;
    at?: string;
  },
): Promise<CaseEvent> {
  const row: CaseEventsTable = {
    id: newId(),
    case_id: input.caseId,
    kind: input.kind,
    data_json: toJson(input.data),
    actor_id: input.actorId,
    at: input.at ?? nowIso(),
  };
  await db.insertInto('case_events').values(row).execute();
  return toEvent(row);
}

/** One case. */
export async function getCase(db: Db, id: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCase(row);
}

/** The child's case that is not closed, if any (there is at most one). */
export async function findOpenCase(db: Db, childId: string): Promise<Case | undefined> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('child_id', '=', childId)
    .where('status', '<>', 'closed')
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row && toCase(row);
}

/** Cases filtered by child, status or run, newest first. */
export async function listCases(
  db: Db,
  filter: {
    childId?: string;
    status?: CaseStatus;
    runId?: string;
    limit?: number;
    offset?: number;
  } = {},
): Promise<Case[]> {
  let query = db.selectFrom('cases').selectAll();
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId);
  const rows = await query
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toCase);
}

/** A case's history, oldest first. */
export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(toEvent);
}

/** Number of cases per status (for the funnel). */
export async function countCasesByStatus(db: Db): Promise<Record<CaseStatus, number>> {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<CaseStatus, number> = {
    watch: 0,
    preventive_support: 0,
    case_meeting: 0,
    referred: 0,
    closed: 0,
  };
  for (const row of rows) counts[statusSchema.parse(row.status)] = Number(row.n);
  return counts;
}
