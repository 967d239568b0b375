import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { hc } from 'hono/client';
import { beforeAll, expect, it } from 'vitest';
import type { AppType } from '../app';
import { createTestApp, type TestApp } from '../testing/test-app';

type Json = Record<string, unknown>;

describeEachDatabase('work list, sheets, observations and notifications', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let sheetId = '';
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['center1', 'teacher1', 'teacher2']) cookie[name] = await t.login(name);
  });
  const as = (who: string) => ({ cookie: cookie[who] });

  it('lists a run’s flagged children, optionally one school’s', async () => {
    const all = (await (
      await t.call('GET', `/api/runs/${t.seed.runId}/flagged`, as('center1'))
    ).json()) as Json[];
    expect(all).toHaveLength(10);
    const [audited] = await listAudit(getDb().db, { action: 'run.flagged.read', limit: 1 });
    expect(audited).toMatchObject({ targetId: t.seed.runId });
    expect((audited?.details as { childIds: string[] }).childIds).toHaveLength(10);
    expect(all[0]).toMatchObject({ childId: t.seed.children.flaggedS0, sheetId: null });
    const s0 = (await (
      await t.call('GET', `/api/runs/${t.seed.runId}/flagged?school=S0`, as('center1'))
    ).json()) as Json[];
    expect(s0.map((c) => c.school)).toEqual(['S0', 'S0']);
    expect((await t.call('GET', '/api/runs/nope/flagged', as('center1'))).status).toBe(404);
  });

  it('fills a sheet once for a flagged child and refuses an unflagged one', async () => {
    const body = { runId: t.seed.runId, childId: t.seed.children.flaggedS0 };
    const created = await t.call('POST', '/api/sheets', { ...as('center1'), json: body });
    expect(created.status).toBe(201);
    const sheet = (await created.json()) as { id: string; content: Json };
    sheetId = sheet.id;
    expect(sheet.content).toMatchObject({ school: 'S0', asOf: '2026-04-01', purged: false });
    const again = await t.call('POST', '/api/sheets', { ...as('center1'), json: body });
    expect(((await again.json()) as Json).id).toBe(sheetId);
    const unflagged = await t.call('POST', '/api/sheets', {
      ...as('center1'),
      json: { runId: t.seed.runId, childId: t.seed.children.unflaggedS0 },
    });
    expect(unflagged.status).toBe(409);
    expect(((await unflagged.json()) as Json).code).toBe('not_flagged');
    const unknown = await t.call('POST', '/api/sheets', {
      ...as('center1'),
      json: { runId: t.seed.runId, childId: 'nobody' },
    });
    expect(unknown.status).toBe(404);
  });

  it('records review-meeting notes and shares the sheet with the child’s school', async () => {
    const noted = await t.call('PUT', `/api/sheets/${sheetId}/notes`, {
      ...as('center1'),
      json: { principal: '担任と面談予定', meetingDate: '2026-04-20' },
    });
    expect(noted.status).toBe(200);
    expect(((await noted.json()) as { content: { notes: Json } }).content.notes).toMatchObject({
      principal: '担任と面談予定',
      meetingDate: '2026-04-20',
    });
    const bad = await t.call('PUT', `/api/sheets/${sheetId}/notes`, {
      ...as('center1'),
      json: { meetingDate: 'tomorrow' },
    });
    expect(bad.status).toBe(400);
    const shared = await t.call('POST', `/api/sheets/${sheetId}/share`, {
      ...as('center1'),
      json: {},
    });
    expect(shared.status).toBe(200);
    expect(((await shared.json()) as Json).sharedSchool).toBe('S0');
  });

  it('shows teachers only the sheets shared with their school; others answer 404', async () => {
    const mine = (await (await t.call('GET', '/api/sheets', as('teacher1'))).json()) as Json[];
    expect(mine.map((s) => s.id)).toEqual([sheetId]);
    expect(await (await t.call('GET', '/api/sheets', as('teacher2'))).json()).toEqual([]);
    expect((await t.call('GET', `/api/sheets/${sheetId}`, as('teacher2'))).status).toBe(404);
    const detail = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('teacher1'))
    ).json()) as Json;
    expect(detail).toMatchObject({ caseId: null, overrides: [], observations: [] });
    const centerView = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as Json;
    expect(centerView.caseId).toEqual(expect.any(String));
  });

  it('shows teachers that staff changed a level, never the staff note', async () => {
    const sheet = (await (await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))).json()) as {
      sheet: { runId: string; childId: string };
    };
    const created = await t.call('POST', '/api/overrides', {
      ...as('center1'),
      json: {
        runId: sheet.sheet.runId,
        childId: sheet.sheet.childId,
        type: 'futoko',
        toLevel: null,
        reasonCode: 'family_context',
        note: '家庭の事情を面談で確認（センター内限り）',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const notes = async (who: string) =>
      (
        (await (await t.call('GET', `/api/sheets/${sheetId}`, as(who))).json()) as {
          overrides: { note: string | null }[];
        }
      ).overrides.map((o) => o.note);
    expect(await notes('center1')).toEqual(['家庭の事情を面談で確認（センター内限り）']);
    expect(await notes('teacher1')).toEqual([null]);
  });

  it('answers a sheet with the levels its run’s rule set defines, what an override may set', async () => {
    const detail = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as Json;
    expect(detail.levels).toEqual({
      futoko: [{ id: 'watch', label: { ja: '見守り', en: 'Watch' } }],
    });
    const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Json; required?: string[] }> };
    };
    const schema = doc.components.schemas['SheetDetail'];
    expect(schema?.properties).toHaveProperty('levels');
    expect(schema?.required).not.toContain('levels');
  });

  it('takes a teacher’s observation and notifies the center when support seems needed', async () => {
    const observation = { text: '声掛けした。元気がない', supportNeeded: true };
    const foreign = await t.call('POST', `/api/sheets/${sheetId}/observations`, {
      ...as('teacher2'),
      json: observation,
    });
    expect(foreign.status).toBe(404);
    const observed = await t.call('POST', `/api/sheets/${sheetId}/observations`, {
      ...as('teacher1'),
      json: { ...observation, observedOn: '2026-04-22' },
    });
    expect(observed.status).toBe(201);
    const event = (await observed.json()) as { id: string; kind: string };
    expect(event.kind).toBe('observation');
    const detail = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as { observations: Json[] };
    expect(detail.observations.map((o) => o.id)).toEqual([event.id]);

    const unread = (await (
      await t.call('GET', '/api/notifications?unread=true', as('center1'))
    ).json()) as Json[];
    expect(unread).toHaveLength(1);
    expect(unread[0]).toMatchObject({ eventId: event.id, school: 'S0', read: false });
    const read = await t.call('POST', `/api/notifications/${event.id}/read`, as('center1'));
    expect(read.status).toBe(204);
    expect(
      await (await t.call('GET', '/api/notifications?unread=true', as('center1'))).json(),
    ).toEqual([]);
    expect((await t.call('POST', '/api/notifications/nope/read', as('center1'))).status).toBe(404);
  });

  it('audits every step with ids only', async () => {
    const entries = await listAudit(getDb().db, {});
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'sheet.create',
        'sheet.notes',
        'sheet.share',
        'sheet.read',
        'sheet.observation',
        'notification.read',
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain('元気がない');
  });

  it('audits every sheet list with the sheet ids it answered, never the notes', async () => {
    const listed = (await (
      await t.call('GET', `/api/sheets?runId=${t.seed.runId}`, as('center1'))
    ).json()) as Json[];
    expect(listed.map((s) => s.id)).toEqual([sheetId]);
    expect(await (await t.call('GET', '/api/sheets', as('teacher2'))).json()).toEqual([]);
    const [empty, center] = await listAudit(getDb().db, { action: 'sheet.list', limit: 2 });
    expect(center).toMatchObject({
      actorId: t.seed.users.family_center.id,
      targetType: 'sheet',
      targetId: null,
      details: { ids: [sheetId], childIds: [t.seed.children.flaggedS0] },
    });
    expect(empty).toMatchObject({ actorId: t.seed.users.teacher2.id, details: { ids: [] } });
    expect(JSON.stringify([empty, center])).not.toContain('担任と面談予定');
  });

  it('shares only with a well-formed school code', async () => {
    for (const school of ['🏫', 'S 0', 'S0/..', 'x'.repeat(33)]) {
      const res = await t.call('POST', `/api/sheets/${sheetId}/share`, {
        ...as('center1'),
        json: { school },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).code).toBe('validation_failed');
    }
  });

  it('offers a typed client (hc<AppType>) for the admin UI', async () => {
    const client = hc<AppType>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(input, init),
      headers: { cookie: cookie.center1! },
    });
    const res = await client.api.sheets.$get({ query: {} });
    expect(res.status).toBe(200);
    const sheets = await res.json();
    expect(sheets[0]?.content.school).toBe('S0');
  });

  it('keeps both of two concurrent notes changes', async () => {
    const [a, b] = await Promise.all([
      t.call('PUT', `/api/sheets/${sheetId}/notes`, {
        ...as('center1'),
        json: { principal: '校長の所見' },
      }),
      t.call('PUT', `/api/sheets/${sheetId}/notes`, {
        ...as('center1'),
        json: { schoolNurse: '養護教諭の所見' },
      }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const detail = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as {
      sheet: { content: { notes: Json } };
    };
    expect(detail.sheet.content.notes).toMatchObject({
      principal: '校長の所見',
      schoolNurse: '養護教諭の所見',
    });
  });

  it('refuses notes saved over a change made since they were loaded (409 stale_sheet)', async () => {
    const loaded = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as {
      sheet: { updatedAt: string };
    };
    const seen = loaded.sheet.updatedAt;
    const first = await t.call('PUT', `/api/sheets/${sheetId}/notes`, {
      ...as('center1'),
      json: { summary: '一人目のまとめ', expectedUpdatedAt: seen },
    });
    expect(first.status).toBe(200);
    const second = await t.call('PUT', `/api/sheets/${sheetId}/notes`, {
      ...as('center1'),
      json: { summary: '二人目のまとめ', expectedUpdatedAt: seen },
    });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toBe('application/problem+json');
    expect(await second.json()).toMatchObject({ status: 409, code: 'stale_sheet' });
    const now = (await (await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))).json()) as {
      sheet: { content: { notes: Json } };
    };
    expect(now.sheet.content.notes.summary).toBe('一人目のまとめ');
    const [entry] = await listAudit(getDb().db, { action: 'sheet.notes', limit: 1 });
    expect(entry?.details).toEqual({ fields: ['summary'] });
  });

  it('shares only with a school some child attends (422 unknown_school)', async () => {
    const res = await t.call('POST', `/api/sheets/${sheetId}/share`, {
      ...as('center1'),
      json: { school: 'NOPE99' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'unknown_school' });
    const detail = (await (
      await t.call('GET', `/api/sheets/${sheetId}`, as('center1'))
    ).json()) as {
      sheet: Json;
    };
    expect(detail.sheet.sharedSchool).toBe('S0');
  });

  it('tells the center that a sheet is not shared yet (409 sheet_not_shared)', async () => {
    const created = await t.call('POST', '/api/sheets', {
      ...as('center1'),
      json: { runId: t.seed.runId, childId: t.seed.children.flaggedS1 },
    });
    const unshared = ((await created.json()) as { id: string }).id;
    const res = await t.call('POST', `/api/sheets/${unshared}/observations`, {
      ...as('center1'),
      json: { text: '電話で様子を聞いた', supportNeeded: false },
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'sheet_not_shared' });
    expect((await t.call('GET', `/api/sheets/${unshared}`, as('center1'))).status).toBe(200);
    const teacher = await t.call('POST', `/api/sheets/${unshared}/observations`, {
      ...as('teacher2'),
      json: { text: 'x', supportNeeded: false },
    });
    expect(teacher.status).toBe(404);
  });
});
