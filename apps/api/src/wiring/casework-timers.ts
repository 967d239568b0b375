import {
  createScheduler,
  defaultTimezone,
  ensureDefaultSchedules,
  purgeExpired,
  type TickOutcome,
} from '@mimamori/casework';
import type { Db } from '@mimamori/db';
import { Cron } from 'croner';
import type { RunService } from '../deps';

/** What {@link startCaseworkTimers} needs. */
export interface CaseworkTimerOptions {
  db: Db;
  /** The API's run service: scheduled runs start exactly as `POST /runs` does. */
  runs: Pick<RunService, 'startScheduled'>;
  /** The current time (tests pass a controllable clock). */
  clock?: () => Date;
  /** How often due schedules are checked (default one minute). */
  intervalMs?: number;
  /** When expired personal data is purged (default daily at 03:00 Asia/Tokyo). */
  purgeCron?: string;
  /** Failures, by code only (never data). */
  onError?: (error: unknown) => void;
  /** Each tick's outcome (tests and logs). */
  onTick?: (outcomes: TickOutcome[]) => void;
}

/** Running timers; `stop` ends them (server shutdown). */
export interface CaseworkTimers {
  readonly instanceId: string;
  /** Checks due schedules now (the interval does this too). */
  tick(): Promise<TickOutcome[]>;
  stop(): void;
}

/**
 * Starts what the server runs on its own: the default schedules (start of the school year, after
 * the summer break) are created if missing, due schedules fire once per slot across instances
 * (`schedule_locks`), and a daily purge removes expired personal data leaving tombstones.
 * @example const timers = await startCaseworkTimers({ db, runs: deps.runs }); …; timers.stop();
 */
export async function startCaseworkTimers(options: CaseworkTimerOptions): Promise<CaseworkTimers> {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? (() => undefined);
  await ensureDefaultSchedules(db, { now: clock() });
  const scheduler = createScheduler({
    db,
    clock,
    runJudgement: (scheduleId) => options.runs.startScheduled(scheduleId),
  });
  async function tick(): Promise<TickOutcome[]> {
    const outcomes = await scheduler.tick();
    if (outcomes.length > 0) options.onTick?.(outcomes);
    return outcomes;
  }
  let running = false;
  const interval = setInterval(function checkSchedules() {
    if (running) return;
    running = true;
    tick()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 60_000);
  const purge = new Cron(
    options.purgeCron ?? '0 3 * * *',
    { timezone: defaultTimezone, protect: true, catch: onError },
    async function purgeDaily() {
      await purgeExpired(db, { now: clock(), actorId: null });
    },
  );
  return {
    instanceId: scheduler.instanceId,
    tick,
    stop() {
      clearInterval(interval);
      purge.stop();
    },
  };
}
