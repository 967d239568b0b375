import {
  bumpDataVersion,
  completeRun,
  createRun,
  getCurrentVersion,
  insertResults,
  listAudit,
  upsertChildFacts,
} from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('children routes', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['center1', 'teacher1', 'editor1', 'it1'])
      cookie[name] = await t.login(name);
  });

  it('lists pseudonymous children with latest levels, filterable', async () => {
    const res = await t.call('GET', '/api/children?school=S0', { cookie: cookie.center1 });
    expect(res.status).toBe(200);
    const list = (await res.json()) as {
      id: string;
      school: string;
      levels: Record<string, { level: string | null }>;
    }[];
    expect(list.length).toBeGreaterThan(2);
    expect(list.every((c) => c.school === 'S0')).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/試験|address|birth/);
    expect(Number(res.headers.get('x-total-count'))).toBe(list.length);
    // A list is a read of each child shown: audited with their ids, nothing else.
    const [entry] = await listAudit(getDb().db, { action: 'child.list', limit: 1 });
    expect(entry?.details).toEqual({ ids: list.map((c) => c.id) });
    const watched = (await (
      await t.call('GET', '/api/children?type=futoko&level=watch', { cookie: cookie.center1 })
    ).json()) as typeof list;
    expect(watched.every((c) => c.levels.futoko?.level === 'watch')).toBe(true);
  });

  it("shows a teacher only their own school's flagged children", async () => {
    const list = (await (
      await t.call('GET', '/api/children', { cookie: cookie.teacher1 })
    ).json()) as { id: string; school: string; levels: Record<string, { level: string | null }> }[];
    expect(list.length).toBeGreaterThan(0);
    expect(
      list.every((c) => c.school === 'S0' && Object.values(c.levels).some((l) => l.level !== null)),
    ).toBe(true);
    expect(
      await (await t.call('GET', '/api/children?school=S1', { cookie: cookie.teacher1 })).json(),
    ).toEqual([]);
    expect(
      (
        await t.call('GET', `/api/children/${t.seed.children.flaggedS0}`, {
          cookie: cookie.teacher1,
        })
      ).status,
    ).toBe(200);
    for (const id of [t.seed.children.flaggedS1, t.seed.children.unflaggedS0, 'c-unknown']) {
      const res = await t.call('GET', `/api/children/${id}`, { cookie: cookie.teacher1 });
      expect(res.status).toBe(404);
      expect(
        (await t.call('GET', `/api/children/${id}/explanation`, { cookie: cookie.teacher1 }))
          .status,
      ).toBe(404);
    }
  });

  it('explains a score', async () => {
    const res = await t.call('GET', `/api/children/${t.seed.children.flaggedS0}/explanation`, {
      cookie: cookie.editor1,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      childId: t.seed.children.flaggedS0,
      rules: [{ ruleId: 'absence', fired: true }],
    });
  });

  it('gives personal data to the family center only, audited, with DV addresses hidden', async () => {
    const res = await t.call('GET', `/api/children/${t.seed.children.flaggedS0}/personal`, {
      cookie: cookie.center1,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: '試験 太郎0',
      address: '試験村0番地',
      addressHidden: false,
    });
    const dv = await (
      await t.call('GET', `/api/children/${t.seed.children.dv}/personal`, {
        cookie: cookie.center1,
      })
    ).json();
    expect(dv).toMatchObject({ address: null, addressHidden: true });
    const reads = await listAudit(getDb().db, { action: 'personal.read' });
    expect(reads.map((r) => r.targetId)).toEqual(
      expect.arrayContaining([t.seed.children.flaggedS0, t.seed.children.dv]),
    );
    expect(reads[0]).toMatchObject({
      actorId: t.seed.users.family_center.id,
      actorRole: 'family_center',
    });
    expect(JSON.stringify(reads)).not.toContain('試験');
    for (const who of ['teacher1', 'editor1', 'it1']) {
      expect(
        (
          await t.call('GET', `/api/children/${t.seed.children.flaggedS0}/personal`, {
            cookie: cookie[who],
          })
        ).status,
      ).toBe(403);
    }
  });

  it('shows teachers the levels after staff overrides, as the work list decides', async () => {
    const { flaggedS0, unflaggedS0 } = t.seed.children;
    for (const [childId, toLevel] of [
      [flaggedS0, null],
      [unflaggedS0, 'watch'],
    ] as const) {
      const res = await t.call('POST', '/api/overrides', {
        cookie: cookie.center1,
        json: {
          runId: t.seed.runId,
          childId,
          type: 'futoko',
          toLevel,
          reasonCode: 'professional_judgement',
          note: '担任の所見',
        },
      });
      expect(res.status).toBe(201);
    }
    const res = await t.call('GET', '/api/children', { cookie: cookie.teacher1 });
    const ids = ((await res.json()) as { id: string }[]).map((c) => c.id);
    expect(ids).toContain(unflaggedS0);
    expect(ids).not.toContain(flaggedS0);
    expect(Number(res.headers.get('x-total-count'))).toBe(ids.length);
    const detail = (id: string, path = '') =>
      t.call('GET', `/api/children/${id}${path}`, { cookie: cookie.teacher1 });
    expect((await detail(flaggedS0)).status).toBe(404);
    expect((await detail(flaggedS0, '/explanation')).status).toBe(404);
    expect((await detail(unflaggedS0)).status).toBe(200);
    expect((await detail(unflaggedS0, '/explanation')).status).toBe(200);
    const center = (await (
      await t.call('GET', '/api/children?school=S0', { cookie: cookie.center1 })
    ).json()) as { id: string }[];
    expect(center.map((c) => c.id)).toEqual(expect.arrayContaining([flaggedS0, unflaggedS0]));
  });

  // Last: it stores a newer run and facts the tests above do not expect.
  it("shows a teacher the school's own facts and reasons, not other offices'", async () => {
    const db = getDb().db;
    const id = t.seed.children.flaggedS0;
    await upsertChildFacts(
      db,
      [{ childId: id, source: 'welfare', facts: { 'welfare.publicAssistance': true } }],
      await bumpDataVersion(db),
    );
    const version = await getCurrentVersion(db, t.seed.ruleSetId);
    const run = await createRun(db, {
      ruleSetVersionId: version!.id,
      dataVersion: 1,
      asOf: '2026-04-01',
      startedBy: t.seed.users.family_center.id,
    });
    const leaf = (fact: string) => ({
      fact,
      label: fact,
      value: 1,
      operator: 'equal',
      expected: 1,
      result: true,
      skipped: false,
    });
    const rule = (ruleId: string, facts: string[]) => ({
      ruleId,
      name: ruleId,
      type: 'futoko',
      points: 3,
      fired: true,
      explanation: ruleId,
      conditions: { kind: 'all', result: true, skipped: false, children: facts.map(leaf) },
    });
    await insertResults(db, run.id, [
      {
        childId: id,
        type: 'futoko',
        points: 9,
        level: 'watch',
        outsideSchoolPoints: 6,
        rankSchool: null,
        rankGrade: null,
        explanation: {
          rules: [
            rule('absence', ['school.absenceDays']),
            rule('assistance', ['welfare.publicAssistance']),
            rule('mixed', ['school.absenceDays', 'health.checkupMissed']),
          ],
        },
      },
    ]);
    await completeRun(db, run.id, { futoko: { watch: 1 } });
    const seen = async (who: string) => {
      const child = (await (
        await t.call('GET', `/api/children/${id}`, { cookie: cookie[who] })
      ).json()) as { facts: Record<string, unknown> };
      const why = (await (
        await t.call('GET', `/api/children/${id}/explanation?runId=${run.id}`, {
          cookie: cookie[who],
        })
      ).json()) as { rules: { ruleId: string }[] };
      return { facts: Object.keys(child.facts).sort(), rules: why.rules.map((r) => r.ruleId) };
    };
    expect(await seen('teacher1')).toEqual({ facts: ['school.absenceDays'], rules: ['absence'] });
    // A child the run gave no points: nothing to explain (not "not found"); an unknown run is.
    const quiet = await t.call(
      'GET',
      `/api/children/${t.seed.children.unflaggedS0}/explanation?runId=${run.id}`,
      { cookie: cookie.center1 },
    );
    expect(await quiet.json()).toEqual({
      childId: t.seed.children.unflaggedS0,
      runId: run.id,
      rules: [],
    });
    expect(
      (
        await t.call('GET', `/api/children/${id}/explanation?runId=nope`, {
          cookie: cookie.center1,
        })
      ).status,
    ).toBe(404);
    expect(await seen('center1')).toEqual({
      facts: ['school.absenceDays', 'welfare.publicAssistance'],
      rules: ['absence', 'assistance', 'mixed'],
    });
  });
});
