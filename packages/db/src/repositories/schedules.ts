import type { Db } from '../database';
import { nowIso } from '../now-iso';
import type { SchedulesTable } from '../schema';

/** A recurring judgement run. */
export interface Schedule {
  id: string;
  cron: string;
  enabled: boolean;
  lastFiredAt: string | null;
  nextDueAt: string | null;
}

function toSchedule(row: SchedulesTable): Schedule {
  return {
    id: row.id,
    cron: row.cron,
    enabled: row.enabled === 1,
    lastFiredAt: row.last_fired_at,
    nextDueAt: row.next_due_at,
  };
}

/** Creates a schedule. */
export async function createSchedule(
  db: Db,
  input: { id: string; cron: string; enabled?: boolean; nextDueAt: string | null },
): Promise<Schedule> {
  const row: SchedulesTable = {
    id: input.id,
    cron: input.cron,
    enabled: input.enabled === false ? 0 : 1,
    last_fired_at: null,
    next_due_at: input.nextDueAt,
  };
  await db.insertInto('schedules').values(row).execute();
  return toSchedule(row);
}

/** Every schedule, by id. */
export async function listSchedules(db: Db): Promise<Schedule[]> {
  const rows = await db.selectFrom('schedules').selectAll().orderBy('id').execute();
  return rows.map(toSchedule);
}

/** One schedule. */
export async function getSchedule(db: Db, id: string): Promise<Schedule | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSchedule(row);
}

/** Changes cron, enabled flag, last firing or next due time. */
export async function updateSchedule(
  db: Db,
  id: string,
  change: Partial<Omit<Schedule, 'id'>>,
): Promise<void> {
  await db
    .updateTable('schedules')
    .set({
      ...(change.cron === undefined ? {} : { cron: change.cron }),
      ...(change.enabled === undefined ? {} : { enabled: change.enabled ? 1 : 0 }),
      ...(change.lastFiredAt === undefined ? {} : { last_fired_at: change.lastFiredAt }),
      ...(change.nextDueAt === undefined ? {} : { next_due_at: change.nextDueAt }),
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a schedule (its locks go with it). */
export async function deleteSchedule(db: Db, id: string): Promise<void> {
  await db.deleteFrom('schedules').where('id', '=', id).execute();
}

/**
 * Claims one firing slot of a schedule (e.g. its due time). Exactly one caller across all
 * instances sharing the database gets `true`; the primary key decides.
 * @example if (await acquireScheduleSlot(db, s.id, s.nextDueAt, instanceId)) await runJudgement();
 */
export async function acquireScheduleSlot(
  db: Db,
  scheduleId: string,
  slot: string,
  acquiredBy: string | null = null,
): Promise<boolean> {
  const result = await db
    .insertInto('schedule_locks')
    .values({ schedule_id: scheduleId, slot, acquired_by: acquiredBy, acquired_at: nowIso() })
    .onConflict((oc) => oc.columns(['schedule_id', 'slot']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
