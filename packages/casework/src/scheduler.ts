import { randomBytes } from 'node:crypto';
import {
  acquireScheduleSlot,
  appendAudit,
  createSchedule,
  getSchedule,
  latestRunOfSchedule,
  listSchedules,
  updateSchedule,
  type Db,
  type Schedule,
} from '@mimamori/db';
import { Cron } from 'croner';
import { CaseworkError } from './casework-error';

/** The village's defaults: start of the school year (8 April) and after the summer break (1 September), 06:00. */
export const defaultSchedules = [
  { id: 'school-year-start', cron: '0 6 8 4 *' },
  { id: 'after-summer-break', cron: '0 6 1 9 *' },
] as const;

/** Cron expressions are read in this time zone unless told otherwise. */
export const defaultTimezone = 'Asia/Tokyo';

/**
 * The first time after `after` that `cron` matches (`invalid_cron` if it cannot be read).
 * @example nextSlot('0 6 1 9 *', new Date('2026-08-01T00:00:00Z')); // 2026-08-31T21:00:00.000Z
 */
export function nextSlot(cron: string, after: Date, timezone = defaultTimezone): Date | null {
  let job: Cron;
  try {
    job = new Cron(cron, { paused: true, timezone });
  } catch (error) {
    throw new CaseworkError('invalid_cron', 'the cron expression cannot be read', { cause: error });
  }
  return job.nextRun(after);
}

/** Adds a schedule, due at its next slot after `now`. */
export async function addSchedule(
  db: Db,
  input: { id: string; cron: string; now: Date; enabled?: boolean; timezone?: string },
): Promise<Schedule> {
  const next = nextSlot(input.cron, input.now, input.timezone);
  return createSchedule(db, {
    id: input.id,
    cron: input.cron,
    enabled: input.enabled ?? true,
    nextDueAt: next?.toISOString() ?? null,
  });
}

/** Changes a schedule's cron or enabled flag; the next slot is recomputed from `now`. */
export async function changeSchedule(
  db: Db,
  input: { id: string; cron?: string; enabled?: boolean; now: Date; timezone?: string },
): Promise<Schedule> {
  const found = await getSchedule(db, input.id);
  if (!found) throw new CaseworkError('not_found', `schedule ${input.id} not found`);
  const cron = input.cron ?? found.cron;
  const next = nextSlot(cron, input.now, input.timezone);
  await updateSchedule(db, input.id, {
    cron,
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
    nextDueAt: next?.toISOString() ?? null,
  });
  const updated = await getSchedule(db, input.id);
  if (!updated) throw new CaseworkError('not_found', `schedule ${input.id} not found`);
  return updated;
}

/** Creates the default schedules that do not exist yet. */
export async function ensureDefaultSchedules(
  db: Db,
  input: { now: Date; timezone?: string },
): Promise<Schedule[]> {
  const existing = new Set((await listSchedules(db)).map((s) => s.id));
  for (const s of defaultSchedules) {
    if (!existing.has(s.id))
      await addSchedule(db, {
        ...s,
        now: input.now,
        ...(input.timezone ? { timezone: input.timezone } : {}),
      });
  }
  return listSchedules(db);
}

/** A schedule with the outcome of the last run it started, for the UI. */
export interface ScheduleStatus extends Schedule {
  lastRun: { id: string; status: string; startedAt: string; finishedAt: string | null } | null;
}

/** Every schedule with its last run's outcome. */
export async function listScheduleStatus(db: Db): Promise<ScheduleStatus[]> {
  const out: ScheduleStatus[] = [];
  for (const s of await listSchedules(db))
    out.push({ ...s, lastRun: (await latestRunOfSchedule(db, s.id)) ?? null });
  return out;
}

/** What one tick did for one schedule. */
export type TickOutcome =
  | { scheduleId: string; slot: string; outcome: 'fired'; runId: string }
  | { scheduleId: string; slot: string; outcome: 'failed'; error: string }
  | { scheduleId: string; slot: string; outcome: 'taken' };

/** Options of {@link createScheduler}. */
export interface SchedulerOptions {
  db: Db;
  /** The current time (tests pass a fake clock). */
  clock: () => Date;
  /** Starts a judgement run for the schedule and returns the run id. */
  runJudgement: (scheduleId: string) => Promise<string>;
  /** Names this instance in `schedule_locks.acquired_by`. */
  instanceId?: string;
  timezone?: string;
}

/** Fires due schedules; at most once per slot across every instance sharing the database. */
export interface Scheduler {
  readonly instanceId: string;
  /** Checks every enabled schedule once and fires those due. */
  tick(): Promise<TickOutcome[]>;
  /** Ticks every `intervalMs` until the returned function is called. */
  start(options: { intervalMs: number; onError?: (error: unknown) => void }): () => void;
}

function errorCode(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  )
    return error.code;
  return 'run_failed';
}

/**
 * Creates a scheduler. A slot is claimed by inserting (schedule, slot) into `schedule_locks`:
 * whoever inserts first fires, everybody else sees the key taken.
 * @example const scheduler = createScheduler({ db, clock: () => new Date(), runJudgement: (id) => judge(db, { scheduleId: id }) });
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, runJudgement } = options;
  const instanceId = options.instanceId ?? `scheduler-${randomBytes(4).toString('hex')}`;

  async function fire(schedule: Schedule, slot: string, now: Date): Promise<TickOutcome> {
    if (!(await acquireScheduleSlot(db, schedule.id, slot, instanceId)))
      return { scheduleId: schedule.id, slot, outcome: 'taken' };
    const next = nextSlot(schedule.cron, now, options.timezone);
    await updateSchedule(db, schedule.id, {
      lastFiredAt: slot,
      nextDueAt: next?.toISOString() ?? null,
    });
    let outcome: TickOutcome;
    try {
      outcome = {
        scheduleId: schedule.id,
        slot,
        outcome: 'fired',
        runId: await runJudgement(schedule.id),
      };
    } catch (error) {
      outcome = { scheduleId: schedule.id, slot, outcome: 'failed', error: errorCode(error) };
    }
    await appendAudit(db, {
      actorId: null,
      actorRole: 'scheduler',
      action: 'schedule.fire',
      targetType: 'schedule',
      targetId: schedule.id,
      ip: null,
      details: {
        slot,
        instanceId,
        ...(outcome.outcome === 'fired' ? { runId: outcome.runId } : {}),
        ...(outcome.outcome === 'failed' ? { error: outcome.error } : {}),
      },
    });
    return outcome;
  }

  async function tick(): Promise<TickOutcome[]> {
    const now = clock();
    const outcomes: TickOutcome[] = [];
    for (const schedule of await listSchedules(db)) {
      if (!schedule.enabled) continue;
      if (schedule.nextDueAt === null) {
        const next = nextSlot(schedule.cron, now, options.timezone);
        await updateSchedule(db, schedule.id, { nextDueAt: next?.toISOString() ?? null });
        continue;
      }
      if (Date.parse(schedule.nextDueAt) > now.getTime()) continue;
      outcomes.push(await fire(schedule, schedule.nextDueAt, now));
    }
    return outcomes;
  }

  function start(startOptions: {
    intervalMs: number;
    onError?: (error: unknown) => void;
  }): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      tick()
        .catch((error: unknown) => startOptions.onError?.(error))
        .finally(() => {
          running = false;
        });
    }, startOptions.intervalMs);
    return () => clearInterval(timer);
  }

  return { instanceId, tick, start };
}
