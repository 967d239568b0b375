import { sql } from 'kysely';
import { listCases, type Db } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { decide } from './decisions';
import { computeFunnel, computeFunnelSeries } from './funnel';
import { compareRuns, computeKpis } from './kpis';
import { caseStatusAt } from './run-period';
import { recordObservation } from './observations';
import { overrideLevel } from './overrides';
import { createSheet, shareSheet } from './sheets';
import { seedRuleSet, seedRun, seedVillage, type TestFlag } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center' };
const supportStatuses = ['preventive_support', 'case_meeting', 'referred'];

async function count(
  db: Db,
  query: ReturnType<typeof sql<{ n: number | string }>>,
): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The funnel counted straight from the tables, without the casework code. */
async function independentFunnel(db: Db, runId: string, school?: string) {
  const inSchool =
    school === undefined ? sql`1 = 1` : sql`coalesce(ch.school, ch.nursery, '-') = ${school}`;
  const sheets = sql`child_sheets s join children ch on ch.id = s.child_id`;
  const currentStatus = sql`(select c.status from cases c where c.child_id = s.child_id order by c.opened_at desc, c.id limit 1)`;
  return {
    flaggedByEngine: await count(
      db,
      sql`select count(distinct r.child_id) as n from judgement_results r join children ch on ch.id = r.child_id where r.run_id = ${runId} and r.level is not null and ${inSchool}`,
    ),
    watched: await count(
      db,
      sql`select count(*) as n from ${sheets} where s.run_id = ${runId} and ${inSchool}`,
    ),
    shared: await count(
      db,
      sql`select count(*) as n from ${sheets} where s.run_id = ${runId} and s.shared_school is not null and ${inSchool}`,
    ),
    preventiveSupport: await count(
      db,
      sql`select count(*) as n from ${sheets} where s.run_id = ${runId} and ${inSchool} and ${currentStatus} in ('preventive_support', 'case_meeting', 'referred')`,
    ),
    continuedWatch: await count(
      db,
      sql`select count(*) as n from ${sheets} where s.run_id = ${runId} and ${inSchool} and ${currentStatus} = 'watch'`,
    ),
    closed: await count(
      db,
      sql`select count(*) as n from ${sheets} where s.run_id = ${runId} and ${inSchool} and ${currentStatus} = 'closed'`,
    ),
  };
}

describeEachDatabase('funnel and KPIs', (getDb) => {
  let ids: string[] = [];
  let versionId = '';
  const flagsOf = (children: readonly number[], type = 'poverty'): TestFlag[] =>
    children.map((i) => ({ childId: ids[i]!, type, level: 'watch', points: 6 }));

  it('counts judged → flagged → watched → support / continued watch as the tables hold them', async () => {
    const { db } = getDb();
    ids = await seedVillage(db, { prefix: 'fu', children: 20 });
    versionId = await seedRuleSet(db);
    const runId = await seedRun(db, {
      id: 'fu-run1',
      versionId,
      judged: 20,
      startedAt: '2026-04-08T06:00:00.000Z',
      flags: [
        ...flagsOf([0, 1, 2, 3, 4, 5]),
        ...flagsOf([2, 7], 'abuse'),
        { childId: ids[9]!, type: 'poverty', level: null, points: 2 },
      ],
    });
    await overrideLevel(db, {
      override: {
        runId,
        childId: ids[9]!,
        type: 'poverty',
        toLevel: 'watch',
        reasonCode: 'professional_judgement',
        note: '担任の所見',
      },
      actor: fc,
    });
    for (const i of [0, 1, 2, 3, 4, 9])
      await createSheet(db, { runId, childId: ids[i]!, actor: fc });
    const sheets = new Map<number, string>();
    for (const c of await listCases(db, { limit: 100 })) sheets.set(ids.indexOf(c.childId), c.id);
    const { listSheets } = await import('./sheets');
    for (const s of await listSheets(db, { runId })) {
      if (s.childId !== ids[4]) await shareSheet(db, { sheetId: s.id, actor: fc });
      if (s.childId === ids[0]) {
        await recordObservation(db, {
          sheetId: s.id,
          school: 'S01',
          observation: { text: '欠席が続く', supportNeeded: true },
          actor: { id: 't1' },
        });
        await recordObservation(db, {
          sheetId: s.id,
          school: 'S01',
          observation: { text: '少し改善', supportNeeded: false },
          actor: { id: 't1' },
        });
      }
    }
    await decide(db, {
      caseId: sheets.get(0)!,
      decision: { status: 'preventive_support', reason: '面談' },
      actor: fc,
    });
    await decide(db, {
      caseId: sheets.get(1)!,
      decision: { status: 'referred', reason: '訪問', agency: 'public_health_nurse' },
      actor: fc,
    });
    await decide(db, {
      caseId: sheets.get(2)!,
      decision: { status: 'preventive_support', reason: '面談' },
      actor: fc,
    });
    await decide(db, {
      caseId: sheets.get(2)!,
      decision: { status: 'closed', reason: '改善' },
      actor: fc,
    });

    const funnel = await computeFunnel(db, runId);
    expect(funnel).toMatchObject({
      judged: 20,
      flagged: 8,
      flaggedByEngine: 7,
      watched: 6,
      shared: 5,
    });
    expect(funnel).toMatchObject({ preventiveSupport: 2, continuedWatch: 3, closed: 1 });
    expect(funnel).toMatchObject(await independentFunnel(db, runId));
    expect(funnel.judged).toBe(await count(db, sql`select count(*) as n from children`));
    for (const row of funnel.bySchool) {
      expect(row, row.school).toMatchObject(await independentFunnel(db, runId, row.school));
    }
    expect(funnel.bySchool.map((r) => r.school)).toEqual(['N01', 'S01', 'S02']);
    expect(funnel.bySchool.reduce((n, r) => n + r.judged, 0)).toBe(20);
    const abuse = funnel.byType.find((t) => t.type === 'abuse');
    expect(abuse).toMatchObject({ judged: 20, flagged: 2, watched: 1, closed: 1 });

    const kpis = await computeKpis(db, runId);
    const connected = await count(
      db,
      sql`select count(distinct c.child_id) as n from case_events e join cases c on c.id = e.case_id where e.kind = 'decision' and (${sql.join(
        supportStatuses.map((s) => sql`e.data_json like ${`%"status":"${s}"%`}`),
        sql` or `,
      )})`,
    );
    expect(kpis).toMatchObject({
      watched: 6,
      connectedToSupport: connected,
      connectedShare: connected / 6,
    });
    expect(connected).toBe(3);
    expect(kpis.referralsByAgency.public_health_nurse).toBe(1);
    expect(kpis.contacts).toEqual({ observations: 2, notifications: 1, shares: 5, total: 8 });
    expect(kpis.contactsBySchool.find((s) => s.school === 'S01')).toMatchObject({
      observations: 2,
      notifications: 1,
    });
    expect(kpis.overrides).toMatchObject({ total: 1, raised: 1 });
  });

  it('compares consecutive runs: new, continuing and resolved flags, and a series over time', async () => {
    const { db } = getDb();
    const second = await seedRun(db, {
      id: 'fu-run2',
      versionId,
      judged: 20,
      startedAt: '2026-09-01T06:00:00.000Z',
      flags: [...flagsOf([0, 1, 10, 11]), ...flagsOf([7], 'abuse')],
    });
    const comparison = await compareRuns(db, { toRunId: second });
    expect(comparison.fromRunId).toBe('fu-run1');
    expect(comparison.newlyFlagged).toEqual([ids[10], ids[11]]);
    expect(comparison.continuing).toEqual([ids[0], ids[1], ids[7]]);
    expect(comparison.resolved).toEqual([ids[2], ids[3], ids[4], ids[5], ids[9]]);
    expect((await compareRuns(db, { toRunId: 'fu-run1' })).fromRunId).toBeNull();
    const series = await computeFunnelSeries(db);
    expect(series.map((f) => [f.runId, f.flagged])).toEqual([
      ['fu-run1', 8],
      ['fu-run2', 5],
    ]);
    await expect(computeFunnel(db, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it("keeps a later run's KPIs to its own period: earlier work is the earlier run's", async () => {
    const { db } = getDb();
    // Child 0 was watched in fu-run1 with contacts and a support decision (first test).
    const later = await seedRun(db, {
      id: 'fu-run3',
      versionId,
      judged: 20,
      startedAt: '2099-01-01T00:00:00.000Z',
      flags: flagsOf([0]),
    });
    await createSheet(db, { runId: later, childId: ids[0]!, actor: fc });
    const kpis = await computeKpis(db, later);
    expect(kpis.watched).toBe(1);
    expect(kpis.contacts).toEqual({ observations: 0, notifications: 0, shares: 0, total: 0 });
    expect(kpis.connectedToSupport).toBe(0);
  });

  it('reads case statuses as they were at the end of a period', async () => {
    const { db } = getDb();
    const [current] = await listCases(db, { childId: ids[0]!, limit: 1 });
    expect((await caseStatusAt(db, { from: '', to: null })).get(ids[0]!)).toBe(current!.status);
    expect((await caseStatusAt(db, { from: '', to: '2000-01-01T00:00:00.000Z' })).size).toBe(0);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await decide(db, {
      caseId: current!.id,
      decision: { status: 'closed', reason: '転出' },
      actor: fc,
    });
    // A decision after the period's end does not count; now the case reads closed.
    expect((await caseStatusAt(db, { from: '', to: before })).get(ids[0]!)).toBe(current!.status);
    expect((await caseStatusAt(db, { from: '', to: null })).get(ids[0]!)).toBe('closed');
  });
});
