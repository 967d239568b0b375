import { createUser, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createPasswordHasher } from '../password';
import { seedPassword } from '../testing/seed';
import { createTestApp, testPasswordCost, type TestApp } from '../testing/test-app';

type Json = Record<string, unknown>;

describeEachDatabase('cases, decisions, overrides, dashboard, schedules and retention', (getDb) => {
  let t: TestApp;
  let clock = new Date('2026-04-10T00:00:00Z');
  const cookie: Record<string, string> = {};
  let caseId = '';
  beforeAll(async () => {
    t = await createTestApp(getDb().db, { now: () => clock });
    await createUser(getDb().db, {
      username: 'center2',
      passwordHash: await createPasswordHasher(testPasswordCost).hash(seedPassword),
      role: 'family_center',
      school: null,
      displayName: 'center2',
    });
    for (const name of ['center1', 'center2', 'admin1', 'teacher1'])
      cookie[name] = await t.login(name);
    const sheet = await t.call('POST', '/api/sheets', {
      cookie: cookie.center1,
      json: { runId: t.seed.runId, childId: t.seed.children.flaggedS1 },
    });
    expect(sheet.status).toBe(201);
  });
  const as = (who: string, json?: unknown) => ({
    cookie: cookie[who],
    ...(json === undefined ? {} : { json }),
  });

  it('lists cases by status (the sheet opened a 見守り case)', async () => {
    const watched = (await (
      await t.call('GET', '/api/cases?status=watch,referred', as('center1'))
    ).json()) as Json[];
    expect(watched).toHaveLength(1);
    expect(watched[0]).toMatchObject({ childId: t.seed.children.flaggedS1, status: 'watch' });
    caseId = String(watched[0]?.id);
    expect(await (await t.call('GET', '/api/cases?status=closed', as('center1'))).json()).toEqual(
      [],
    );
    const bad = await t.call('GET', '/api/cases?status=refer', as('center1'));
    expect(bad.status).toBe(400);
  });

  it('records decisions in the stored vocabulary, with their history', async () => {
    const referral = await t.call(
      'POST',
      `/api/cases/${caseId}/decisions`,
      as('center1', { status: 'referred', reason: '面談の結果' }),
    );
    expect(referral.status).toBe(400);
    expect(((await referral.json()) as { errors: Json[] }).errors[0]?.path).toBe('/agency');
    const old = await t.call(
      'POST',
      `/api/cases/${caseId}/decisions`,
      as('center1', { decision: 'refer', reason: 'x' }),
    );
    expect(old.status).toBe(400);
    const decided = await t.call(
      'POST',
      `/api/cases/${caseId}/decisions`,
      as('center1', {
        status: 'preventive_support',
        reason: '面談の結果',
        decidedOn: '2026-04-08',
      }),
    );
    expect(decided.status).toBe(201);
    expect(await decided.json()).toMatchObject({
      case: { id: caseId, status: 'preventive_support' },
      event: { kind: 'decision', data: { status: 'preventive_support', from: 'watch' } },
    });
    const meeting = await t.call(
      'POST',
      `/api/cases/${caseId}/meetings`,
      as('center1', {
        heldOn: '2026-04-18',
        attendees: ['教育委員会', '校長', 'スクールソーシャルワーカー'],
        summary: '支援方針を確認',
      }),
    );
    expect(meeting.status).toBe(201);
    const history = (await (await t.call('GET', `/api/cases/${caseId}`, as('center1'))).json()) as {
      status: string;
      events: Json[];
      sheets: Json[];
    };
    expect(history.status).toBe('preventive_support');
    expect(history.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['decision', 'meeting']),
    );
    expect(history.sheets).toHaveLength(1);
    expect((await t.call('GET', '/api/cases/nope', as('center1'))).status).toBe(404);
  });

  it('refuses agencies outside referrals, future dates and decisions against a stale status', async () => {
    for (const [body, path] of [
      [{ status: 'watch', reason: 'x', agency: 'public_health_nurse' }, '/agency'],
      [{ status: 'closed', reason: 'x', agencyNote: 'どこか' }, '/agencyNote'],
      // The app's clock says 2026-04-10.
      [{ status: 'watch', reason: 'x', decidedOn: '2026-04-11' }, '/decidedOn'],
    ] as const) {
      const res = await t.call('POST', `/api/cases/${caseId}/decisions`, as('center1', body));
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { code: string; errors: Json[] };
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors.map((e) => e.path)).toContain(path);
    }
    const stale = await t.call(
      'POST',
      `/api/cases/${caseId}/decisions`,
      as('center1', { status: 'case_meeting', reason: 'x', expectedStatus: 'watch' }),
    );
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(await stale.json()).toMatchObject({ code: 'stale_case' });
    const history = (await (await t.call('GET', `/api/cases/${caseId}`, as('center1'))).json()) as {
      status: string;
      events: { kind: string; actorId: string | null; actorName?: string | null }[];
    };
    expect(history.status).toBe('preventive_support');
    // Each event names who did it as people know each other (the username), beside the id.
    const decisions = history.events.filter((e) => e.kind === 'decision' && e.actorId !== null);
    expect(decisions.length).toBeGreaterThan(0);
    for (const e of decisions) expect(e.actorName).toBe('center1');
  });

  it('takes overrides and has them reviewed by a second person only', async () => {
    const created = await t.call(
      'POST',
      '/api/overrides',
      as('center1', {
        runId: t.seed.runId,
        childId: t.seed.children.flaggedS0,
        type: 'futoko',
        toLevel: null,
        reasonCode: 'data_error',
        note: '欠席は転校手続きによるもの',
      }),
    );
    expect(created.status).toBe(201);
    const override = (await created.json()) as { id: string; direction: string };
    expect(override.direction).toBe('lower');
    const self = await t.call('POST', `/api/overrides/${override.id}/review`, as('center1'));
    expect(self.status).toBe(409);
    expect(((await self.json()) as Json).code).toBe('same_person');
    const reviewed = await t.call('POST', `/api/overrides/${override.id}/review`, as('center2'));
    expect(reviewed.status).toBe(200);
    expect(((await reviewed.json()) as Json).reviewedBy).toEqual(expect.any(String));
    const twice = await t.call('POST', `/api/overrides/${override.id}/review`, as('center2'));
    expect(((await twice.json()) as Json).code).toBe('already_reviewed');
    const list = (await (
      await t.call('GET', `/api/overrides?runId=${t.seed.runId}`, as('center1'))
    ).json()) as Json[];
    expect(list.map((o) => o.id)).toEqual([override.id]);
  });

  it('audits every override list with the override ids it answered, never the notes', async () => {
    const list = (await (
      await t.call('GET', `/api/overrides?runId=${t.seed.runId}`, as('center1'))
    ).json()) as Json[];
    expect(list).toHaveLength(1);
    const [entry] = await listAudit(getDb().db, { action: 'override.list', limit: 1 });
    expect(entry).toMatchObject({
      actorId: t.seed.users.family_center.id,
      targetType: 'override',
      targetId: null,
      details: { ids: list.map((o) => o.id), childIds: [t.seed.children.flaggedS0] },
    });
    expect(JSON.stringify(entry)).not.toContain('転校手続き');
  });

  it('refuses an override of an unknown child (404) or outside the run’s rule set (422)', async () => {
    const override = {
      runId: t.seed.runId,
      childId: t.seed.children.unflaggedS0,
      type: 'futoko',
      toLevel: 'watch',
      reasonCode: 'additional_information',
      note: '担任の所見',
    };
    const unknown = await t.call(
      'POST',
      '/api/overrides',
      as('center1', { ...override, childId: 'nobody' }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    for (const wrong of [
      { type: 'made_up' },
      { toLevel: 'urgent' },
      { type: 'x', toLevel: null },
    ]) {
      const res = await t.call('POST', '/api/overrides', as('center1', { ...override, ...wrong }));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ status: 422, code: 'not_in_rule_set' });
    }
    const stored = await t.call(
      'GET',
      `/api/overrides?childId=${t.seed.children.unflaggedS0}`,
      as('center1'),
    );
    expect(await stored.json()).toEqual([]);
  });

  it('shows the funnel and KPIs the database holds', async () => {
    const dashboard = (await (await t.call('GET', '/api/kpi/dashboard', as('admin1'))).json()) as {
      runId: string;
      funnel: Json;
      kpis: Json;
      comparison: Json;
      series: Json[];
    };
    expect(dashboard.runId).toBe(t.seed.runId);
    // 10 flagged by the engine, one lowered by an override; one sheet, in 予防的支援.
    expect(dashboard.funnel).toMatchObject({
      judged: 30,
      flaggedByEngine: 10,
      flagged: 9,
      watched: 1,
      preventiveSupport: 1,
      continuedWatch: 0,
    });
    expect(dashboard.kpis).toMatchObject({ watched: 1, connectedToSupport: 1, connectedShare: 1 });
    expect(dashboard.comparison).toMatchObject({ fromRunId: null, toRunId: t.seed.runId });
    expect(dashboard.series).toHaveLength(1);
    expect((await t.call('GET', '/api/kpi/dashboard?runId=nope', as('admin1'))).status).toBe(404);
    expect((await t.call('GET', '/api/kpi/dashboard', as('teacher1'))).status).toBe(403);
  });

  it('answers each of two concurrent decisions with the event it recorded', async () => {
    const [a, b] = await Promise.all(
      (['A', 'B'] as const).map((reason, i) =>
        t.call(
          'POST',
          `/api/cases/${caseId}/decisions`,
          as('center1', { status: i === 0 ? 'case_meeting' : 'watch', reason }),
        ),
      ),
    );
    expect([a!.status, b!.status]).toEqual([201, 201]);
    const [ja, jb] = (await Promise.all([a!.json(), b!.json()])) as {
      event: { data: Json };
    }[];
    expect(ja?.event.data).toMatchObject({ reason: 'A', status: 'case_meeting' });
    expect(jb?.event.data).toMatchObject({ reason: 'B', status: 'watch' });
    const history = (await (await t.call('GET', `/api/cases/${caseId}`, as('center1'))).json()) as {
      events: { kind: string; data: Json }[];
    };
    const decisions = history.events.filter((e) => e.kind === 'decision').slice(-2);
    expect(decisions[1]?.data.from).toBe(decisions[0]?.data.status);
  });

  it('adds, changes and lists schedules', async () => {
    const added = await t.call(
      'POST',
      '/api/schedules',
      as('admin1', { id: 'monthly', cron: '0 6 1 * *' }),
    );
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      id: 'monthly',
      enabled: true,
      nextDueAt: '2026-04-30T21:00:00.000Z',
    });
    const duplicate = await t.call(
      'POST',
      '/api/schedules',
      as('center1', { id: 'monthly', cron: '0 6 1 * *' }),
    );
    expect(duplicate.status).toBe(409);
    const badCron = await t.call(
      'POST',
      '/api/schedules',
      as('admin1', { id: 'broken', cron: '99 99 99 99 99' }),
    );
    expect(((await badCron.json()) as Json).code).toBe('invalid_cron');
    const off = await t.call('PUT', '/api/schedules/monthly', as('center1', { enabled: false }));
    expect(((await off.json()) as Json).enabled).toBe(false);
    expect(
      (await t.call('PUT', '/api/schedules/nope', as('center1', { enabled: false }))).status,
    ).toBe(404);
    const list = (await (await t.call('GET', '/api/schedules', as('center1'))).json()) as Json[];
    expect(list).toEqual([expect.objectContaining({ id: 'monthly', lastRun: null })]);
  });

  it('purges personal data after the retention period and leaves a tombstone', async () => {
    expect(await (await t.call('GET', '/api/retention', as('admin1'))).json()).toEqual({
      retentionDays: 1825,
      tombstones: [],
    });
    expect((await t.call('PUT', '/api/retention', as('admin1', { retentionDays: 0 }))).status).toBe(
      400,
    );
    expect((await t.call('PUT', '/api/retention', as('admin1', { retentionDays: 1 }))).status).toBe(
      204,
    );
    const closed = await t.call(
      'POST',
      `/api/cases/${caseId}/decisions`,
      as('center1', { status: 'closed', reason: '支援が定着した' }),
    );
    expect(closed.status).toBe(201);
    const early = await t.call('POST', '/api/retention/purge', as('admin1'));
    expect(await early.json()).toEqual({ purged: [] });
    // Cases close at the database's time; sessions follow the app's clock: sign in again.
    clock = new Date(Date.now() + 3 * 86_400_000);
    for (const name of ['admin1', 'center1']) cookie[name] = await t.login(name);
    const purged = (await (await t.call('POST', '/api/retention/purge', as('admin1'))).json()) as {
      purged: Json[];
    };
    expect(purged.purged.map((p) => p.childId)).toEqual([t.seed.children.flaggedS1]);
    const after = (await (await t.call('GET', '/api/retention', as('admin1'))).json()) as {
      tombstones: Json[];
    };
    expect(after.tombstones).toHaveLength(1);
    expect((await t.call('GET', '/api/retention', as('center1'))).status).toBe(403);
  });

  it('takes no decision on a closed case and nothing more on a purged sheet', async () => {
    for (const status of ['closed', 'watch']) {
      const res = await t.call(
        'POST',
        `/api/cases/${caseId}/decisions`,
        as('center1', { status, reason: '再開したい' }),
      );
      expect(res.status).toBe(409);
      const problem = (await res.json()) as Json;
      expect(problem.code).toBe('invalid_state');
      expect(problem.detail).toMatch(/reopening a closed case is not supported/);
    }
    const [sheet] = (await (
      await t.call('GET', `/api/sheets?childId=${t.seed.children.flaggedS1}`, as('center1'))
    ).json()) as { id: string }[];
    const share = await t.call('POST', `/api/sheets/${sheet!.id}/share`, as('center1', {}));
    expect(share.status).toBe(409);
    expect(await share.json()).toMatchObject({ code: 'purged' });
    const observe = await t.call(
      'POST',
      `/api/sheets/${sheet!.id}/observations`,
      as('center1', { text: '父親から叩かれたと話した', supportNeeded: true }),
    );
    expect(observe.status).toBe(409);
    expect(await observe.json()).toMatchObject({ code: 'purged' });
  });

  it('audits decisions, meetings, overrides, reviews, reads and settings', async () => {
    const actions = (await listAudit(getDb().db, {})).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.read',
        'case.decision',
        'case.meeting',
        'override.create',
        'override.review',
        'schedule.change',
        'retention.settings',
        'retention.purge',
      ]),
    );
  });

  it('audits the case list and the school reports list with the ids they show', async () => {
    const cases = (await (await t.call('GET', '/api/cases', as('center1'))).json()) as {
      id: string;
      childId: string;
    }[];
    const [listed] = await listAudit(getDb().db, { action: 'case.list', limit: 1 });
    expect(listed?.details).toEqual({
      ids: cases.map((k) => k.id),
      childIds: [...new Set(cases.map((k) => k.childId))],
    });
    const reports = (await (await t.call('GET', '/api/notifications', as('center1'))).json()) as {
      eventId: string;
    }[];
    const [read] = await listAudit(getDb().db, { action: 'notification.list', limit: 1 });
    expect((read?.details as { ids: string[] }).ids).toEqual(reports.map((n) => n.eventId));
  });
});
