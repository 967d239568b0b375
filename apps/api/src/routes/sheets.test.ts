import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { hc } from 'hono/client';
import { beforeAll, expect, it } from 'vitest';
import type { AppType } from '../app';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('cases, sheets and observations', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['center1', 'teacher1', 'teacher2']) cookie[name] = await t.login(name);
  });

  it('shares a sheet with one school; only that school’s teacher sees it and records observations', async () => {
    const created = await t.call('POST', '/api/sheets', {
      cookie: cookie.center1,
      json: {
        runId: t.seed.runId,
        childId: t.seed.children.flaggedS0,
        content: { notes: 'meeting' },
        sharedSchool: 'S0',
      },
    });
    expect(created.status).toBe(201);
    const sheet = (await created.json()) as { id: string };
    expect(
      (
        (await (
          await t.call('GET', '/api/sheets', { cookie: cookie.teacher1 })
        ).json()) as unknown[]
      ).length,
    ).toBe(1);
    expect(await (await t.call('GET', '/api/sheets', { cookie: cookie.teacher2 })).json()).toEqual(
      [],
    );
    expect(
      (await t.call('GET', `/api/sheets/${sheet.id}`, { cookie: cookie.teacher2 })).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/api/sheets/${sheet.id}/observations`, {
          cookie: cookie.teacher2,
          json: { text: 'x', supportNeeded: false },
        })
      ).status,
    ).toBe(404);
    const observed = await t.call('POST', `/api/sheets/${sheet.id}/observations`, {
      cookie: cookie.teacher1,
      json: { text: '声掛けした', supportNeeded: true },
    });
    expect(observed.status).toBe(201);
    expect(await observed.json()).toMatchObject({ kind: 'observation' });
    expect(
      (
        await t.call('POST', '/api/sheets', {
          cookie: cookie.center1,
          json: { runId: t.seed.runId, childId: 'nobody', content: {} },
        })
      ).status,
    ).toBe(404);
  });

  it('records decisions with their history and counts them in the KPIs', async () => {
    const opened = (await (
      await t.call('POST', '/api/cases', {
        cookie: cookie.center1,
        json: { childId: t.seed.children.flaggedS1, runId: t.seed.runId },
      })
    ).json()) as { id: string };
    expect(
      (
        await t.call('POST', `/api/cases/${opened.id}/decisions`, {
          cookie: cookie.center1,
          json: { decision: 'refer', reason: 'r' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.call('POST', `/api/cases/${opened.id}/decisions`, {
          cookie: cookie.center1,
          json: { decision: 'preventive_support', reason: '面談の結果' },
        })
      ).status,
    ).toBe(201);
    const detail = (await (
      await t.call('GET', `/api/cases/${opened.id}`, { cookie: cookie.center1 })
    ).json()) as { status: string; events: unknown[] };
    expect(detail.status).toBe('preventive_support');
    expect(detail.events.length).toBe(2);
    const kpis = await (await t.call('GET', '/api/kpis', { cookie: cookie.center1 })).json();
    expect(kpis).toMatchObject({
      runId: t.seed.runId,
      judged: 30,
      flagged: 10,
      support: 1,
      contacts: 1,
    });
    const actions = (await listAudit(getDb().db, {})).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['case.open', 'case.decision', 'sheet.create', 'sheet.observation']),
    );
  });

  it('offers a typed client (hc<AppType>) for the admin UI', async () => {
    const client = hc<AppType>('http://localhost', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => t.app.request(input, init),
      headers: { cookie: cookie.center1! },
    });
    const res = await client.api.auth.me.$get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user.username).toBe('center1');
  });
});
