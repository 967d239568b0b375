import { getRun, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { startCaseworkTimers, type CaseworkTimers } from './casework-timers';

describeEachDatabase('casework timers (scheduled runs, daily purge)', (getDb) => {
  let t: TestApp;
  let clock = new Date('2026-04-01T00:00:00Z');
  const timers: CaseworkTimers[] = [];
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
  });
  afterAll(() => {
    for (const running of timers) running.stop();
  });

  async function start(): Promise<CaseworkTimers> {
    const running = await startCaseworkTimers({
      db: getDb().db,
      runs: t.deps.runs,
      clock: () => clock,
      intervalMs: 3_600_000,
    });
    timers.push(running);
    return running;
  }

  it('creates the default schedules and fires a due one once across two instances', async () => {
    const [a, b] = [await start(), await start()];
    expect(await a.tick()).toEqual([]);
    const cookie = await t.login('admin1');
    const schedules = (await (await t.call('GET', '/api/schedules', { cookie })).json()) as {
      id: string;
      nextDueAt: string;
    }[];
    expect(schedules.map((s) => [s.id, s.nextDueAt])).toEqual([
      ['after-summer-break', '2026-08-31T21:00:00.000Z'],
      ['school-year-start', '2026-04-07T21:00:00.000Z'],
    ]);

    clock = new Date('2026-04-08T00:00:00Z');
    const outcomes = (await Promise.all([a.tick(), b.tick()])).flat();
    const fired = outcomes.filter((o) => o.outcome === 'fired');
    expect(fired).toHaveLength(1);
    const runId = fired[0]?.outcome === 'fired' ? fired[0].runId : '';
    // The run started exactly as POST /api/runs starts one, and is complete when the tick ends.
    expect(await getRun(getDb().db, runId)).toMatchObject({
      status: 'completed',
      scheduleId: 'school-year-start',
    });
    const after = (await (await t.call('GET', '/api/schedules', { cookie })).json()) as {
      id: string;
      lastRun: { id: string } | null;
    }[];
    expect(after.find((s) => s.id === 'school-year-start')?.lastRun?.id).toBe(runId);
    expect(await a.tick()).toEqual([]);
    const fires = (await listAudit(getDb().db, {})).filter((e) => e.action === 'schedule.fire');
    expect(fires).toHaveLength(1);
  });
});
