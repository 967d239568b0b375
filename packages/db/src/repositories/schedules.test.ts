import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing';
import {
  acquireScheduleSlot,
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  updateSchedule,
} from './schedules';

describeEachDatabase('schedules', (getDb) => {
  it('round-trips schedules', async () => {
    const { db } = getDb();
    await createSchedule(db, {
      id: 'spring',
      cron: '0 6 1 4 *',
      nextDueAt: '2027-04-01T06:00:00.000Z',
    });
    await updateSchedule(db, 'spring', { enabled: false, lastFiredAt: '2026-04-01T06:00:00.000Z' });
    expect(await getSchedule(db, 'spring')).toEqual({
      id: 'spring',
      cron: '0 6 1 4 *',
      enabled: false,
      lastFiredAt: '2026-04-01T06:00:00.000Z',
      nextDueAt: '2027-04-01T06:00:00.000Z',
    });
    expect(await listSchedules(db)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent instances fire a slot', async () => {
    const { db, reopen } = getDb();
    const other = reopen();
    for (let round = 0; round < 10; round++) {
      const slot = `2026-09-01T06:00:0${round}.000Z`;
      const wins = await Promise.all([
        acquireScheduleSlot(db, 'spring', slot, 'a'),
        acquireScheduleSlot(other.db, 'spring', slot, 'b'),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
    }
    expect(await acquireScheduleSlot(db, 'spring', '2026-09-01T06:00:00.000Z')).toBe(false);
    await deleteSchedule(db, 'spring');
    expect(await getSchedule(db, 'spring')).toBeUndefined();
  });
});
