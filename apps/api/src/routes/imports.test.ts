import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { safeFileName } from './imports';

describeEachDatabase('import routes', (getDb) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    cookie = await t.login('it1');
  });

  function upload(content: string, dryRun: boolean, connector = 'school') {
    const form = new FormData();
    form.set('file', new File([content], '../../etc/school.csv', { type: 'text/csv' }));
    form.set('connector', connector);
    form.set('dryRun', String(dryRun));
    form.set('progressId', 'progress-1');
    return t.call('POST', '/api/imports', { cookie, body: form });
  }

  it('dry-runs an upload and reports file issues by line and column', async () => {
    const res = await upload('id,absence\n1,bad\n', true);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; issues: Record<string, unknown>[] };
    expect(body.ok).toBe(false);
    expect(body.issues[0]).toMatchObject({
      file: 'school.csv',
      line: expect.any(Number),
      column: expect.any(Number),
      code: expect.any(String),
    });
    const actions = (await listAudit(getDb().db, {})).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['import.dry_run']));
    expect((await upload('x', true, 'nope')).status).toBe(404);
  });

  it('keeps a rejected commit in the batch history with its row issues, storing no data', async () => {
    const res = await upload('id,absence\n1,bad\n', false);
    const body = (await res.json()) as { ok: boolean; issues: { line: number; code: string }[] };
    expect(body.ok).toBe(false);
    const history = (await (await t.call('GET', '/api/imports', { cookie })).json()) as {
      id: string;
      status: string;
      issues: number;
    }[];
    const rejected = history.find((b) => b.status === 'rejected');
    expect(rejected?.issues).toBe(body.issues.length);
    const detail = (await (
      await t.call('GET', `/api/imports/${rejected!.id}`, { cookie })
    ).json()) as {
      rowIssues: { line: number; code: string }[];
    };
    expect(detail.rowIssues).toEqual(
      body.issues.map((i) => expect.objectContaining({ line: i.line, code: i.code })),
    );
    expect(JSON.stringify(detail)).not.toContain('bad');
  });

  it('replays progress as server-sent events under the progress id', async () => {
    const res = await t.call('GET', '/api/imports/progress-1/events', { cookie });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toContain('event: progress');
    expect(text).toContain('"phase":"read"');
    expect(text).toContain('event: done');
    expect((await t.call('GET', '/api/imports/other/events', { cookie })).status).toBe(404);
  });

  it('refuses an upload from other roles and non-multipart bodies', async () => {
    expect(
      (await t.call('POST', '/api/imports', { cookie, json: { connector: 'school' } })).status,
    ).toBe(415);
  });
});

it('strips directories and control characters from file names', () => {
  expect(safeFileName('..\\..\\a\u0000b.csv')).toBe('ab.csv');
  expect(safeFileName('/')).toBe('upload');
});
