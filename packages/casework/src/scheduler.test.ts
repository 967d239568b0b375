import { getSchedule, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { describe, expect, it } from 'vitest';
import {
  addSchedule,
  changeSchedule,
  createScheduler,
  ensureDefaultSchedules,
  listScheduleStatus,
  nextSlot,
} from './scheduler';
import { seedRuleSet, seedRun } from './village.fixture';

describe('nextSlot', () => {
  it('reads cron in Japan time by default', () => {
    expect(nextSlot('0 6 8 4 *', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2026-04-07T21:00:00.000Z',
    );
    expect(nextSlot('0 6 1 9 *', new Date('2026-04-08T00:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2026-09-01T06:00:00.000Z',
    );
    expect(() => nextSlot('not a cron', new Date())).toThrow(
      expect.objectContaining({ code: 'invalid_cron' }),
    );
  });
});

describeEachDatabase('scheduler', (getDb) => {
  it('creates the default schedules: start of the school year and after the summer break', async () => {
    const { db } = getDb();
    const now = new Date('2026-03-01T00:00:00Z');
    const schedules = await ensureDefaultSchedules(db, { now });
    expect(schedules.map((s) => [s.id, s.cron, s.nextDueAt])).toEqual([
      ['after-summer-break', '0 6 1 9 *', '2026-08-31T21:00:00.000Z'],
      ['school-year-start', '0 6 8 4 *', '2026-04-07T21:00:00.000Z'],
    ]);
    expect(await ensureDefaultSchedules(db, { now })).toHaveLength(2);
    // Disabled here so that the tests below only see their own schedules.
    for (const s of schedules) await changeSchedule(db, { id: s.id, enabled: false, now });
  });

  it('fires a schedule at its time with a fake clock, once per slot, and records the outcome', async () => {
    const { db } = getDb();
    let now = new Date('2026-08-31T20:00:00Z');
    await addSchedule(db, { id: 'autumn', cron: '0 6 1 9 *', now });
    const versionId = await seedRuleSet(db, 'sched-rules');
    const fired: string[] = [];
    const scheduler = createScheduler({
      db,
      clock: () => now,
      instanceId: 'a',
      runJudgement: async (scheduleId) => {
        fired.push(scheduleId);
        return seedRun(db, {
          id: `run-${fired.length}`,
          versionId,
          judged: 0,
          flags: [],
          scheduleId,
        });
      },
    });
    expect(await scheduler.tick()).toEqual([]);
    now = new Date('2026-08-31T20:59:59Z');
    expect(await scheduler.tick()).toEqual([]);
    now = new Date('2026-08-31T21:00:00Z');
    expect(await scheduler.tick()).toEqual([
      { scheduleId: 'autumn', slot: '2026-08-31T21:00:00.000Z', outcome: 'fired', runId: 'run-1' },
    ]);
    now = new Date('2026-08-31T21:05:00Z');
    expect(await scheduler.tick()).toEqual([]);
    expect(fired).toEqual(['autumn']);
    expect(await getSchedule(db, 'autumn')).toMatchObject({
      lastFiredAt: '2026-08-31T21:00:00.000Z',
      nextDueAt: '2027-08-31T21:00:00.000Z',
    });
    const [status] = (await listScheduleStatus(db)).filter((s) => s.id === 'autumn');
    expect(status?.lastRun).toMatchObject({ id: 'run-1', status: 'completed' });
    const [entry] = await listAudit(db, { action: 'schedule.fire' });
    expect(entry).toMatchObject({
      targetId: 'autumn',
      details: { runId: 'run-1', instanceId: 'a' },
    });

    // A failing run is recorded with its code and the slot is not retried.
    now = new Date('2027-08-31T21:00:01Z');
    const failing = createScheduler({
      db,
      clock: () => now,
      runJudgement: () =>
        Promise.reject(Object.assign(new Error('no published rule set'), { code: 'no_rules' })),
    });
    expect(await failing.tick()).toEqual([
      {
        scheduleId: 'autumn',
        slot: '2027-08-31T21:00:00.000Z',
        outcome: 'failed',
        error: 'no_rules',
      },
    ]);
    expect(await failing.tick()).toEqual([]);
    await changeSchedule(db, { id: 'autumn', enabled: false, now });
  });

  it('fires once when two instances on separate connections tick at the same time', async () => {
    const { db, reopen } = getDb();
    const other = reopen();
    const now = new Date('2026-04-07T21:00:00Z');
    for (let round = 0; round < 5; round++) {
      await addSchedule(db, {
        id: `race-${round}`,
        cron: '0 6 8 4 *',
        now: new Date(now.getTime() - 1000),
      });
    }
    const calls: string[] = [];
    const runJudgement = async (scheduleId: string) => {
      calls.push(scheduleId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `run-${scheduleId}`;
    };
    const a = createScheduler({ db, clock: () => now, runJudgement, instanceId: 'a' });
    const b = createScheduler({ db: other.db, clock: () => now, runJudgement, instanceId: 'b' });
    const [fromA, fromB] = await Promise.all([a.tick(), b.tick()]);
    const all = [...fromA, ...fromB];
    expect(all.filter((o) => o.outcome === 'fired')).toHaveLength(5);
    expect(calls.sort()).toEqual(['race-0', 'race-1', 'race-2', 'race-3', 'race-4']);
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
  });

  it('rejects a cron it cannot read', async () => {
    const { db } = getDb();
    await expect(
      addSchedule(db, { id: 'bad', cron: '61 * * * *', now: new Date() }),
    ).rejects.toMatchObject({
      code: 'invalid_cron',
    });
  });
});
