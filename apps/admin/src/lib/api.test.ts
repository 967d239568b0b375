import { createSqliteTestApp, origin, type SqliteTestApp } from '@mimamori/api/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApi } from './api';
import { ApiError, createApiClient, type ApiClient } from './api-client';
import type {
  Agency,
  agencies,
  caseStatuses,
  CaseStatus,
  ExportFormat,
  exportFormats,
  OverrideReasonCode,
  overrideReasonCodes,
  Role,
  roles,
  VersionSummary,
} from './api-types';

/** A client whose calls go to the in-process app, signed in with `cookie`. */
function clientOf(t: SqliteTestApp, cookie: string): ApiClient {
  return createApiClient({
    fetch: async (input, init) => t.app.request(input, init),
    headers: { cookie, origin },
  });
}

describe('typed client types', () => {
  it('infers answers from the API’s route schemas', () => {
    type Versions = Awaited<ReturnType<ReturnType<typeof createApi>['ruleSets']['versions']>>;
    expectTypeOf<Versions>().toEqualTypeOf<VersionSummary[]>();
    expectTypeOf<VersionSummary>().toHaveProperty('version').toEqualTypeOf<number>();
    expectTypeOf<VersionSummary>()
      .toHaveProperty('publishedByName')
      .toEqualTypeOf<string | null | undefined>();
    type MarkRead = ReturnType<ReturnType<typeof createApi>['notifications']['markRead']>;
    expectTypeOf<MarkRead>().toEqualTypeOf<Promise<void>>();
  });

  it('keeps the UI’s vocabularies equal to the API’s enums', () => {
    expectTypeOf<(typeof roles)[number]>().toEqualTypeOf<Role>();
    expectTypeOf<(typeof caseStatuses)[number]>().toEqualTypeOf<CaseStatus>();
    expectTypeOf<(typeof agencies)[number]>().toEqualTypeOf<Agency>();
    expectTypeOf<(typeof overrideReasonCodes)[number]>().toEqualTypeOf<OverrideReasonCode>();
    expectTypeOf<(typeof exportFormats)[number]>().toEqualTypeOf<ExportFormat>();
  });

  it('refuses a call the API does not declare', () => {
    const { api } = createApiClient();
    // Never called: the point is that `svelte-check` rejects the wrong shapes.
    const wrong = () => [
      // @ts-expect-error the route's path parameter is `id`
      api['rule-sets'][':id'].versions.$get({ param: { ruleSet: 'demo' } }),
      // @ts-expect-error `unread` is 'true' | 'false'
      api.notifications.$get({ query: { unread: 1 } }),
    ];
    expect(typeof wrong).toBe('function');
  });
});

describe('typed client over the real API', () => {
  let t: SqliteTestApp;
  let editor: ReturnType<typeof createApi>;
  let center: ReturnType<typeof createApi>;
  let teacher: ReturnType<typeof createApi>;
  beforeAll(async () => {
    t = await createSqliteTestApp();
    editor = createApi(clientOf(t, await t.login('editor1')));
    center = createApi(clientOf(t, await t.login('center1')));
    teacher = createApi(clientOf(t, await t.login('teacher1')));
  });
  afterAll(() => t.dispose());

  it('reads rule sets, their history and one version', async () => {
    const list = await editor.ruleSets.list();
    expect(list.map((s) => s.id)).toContain(t.seed.ruleSetId);
    const versions = await editor.ruleSets.versions(t.seed.ruleSetId);
    expect(versions[0]).toMatchObject({ version: 1 });
    const { document } = await editor.ruleSets.version(t.seed.ruleSetId, 1);
    expect(document.id).toBe(t.seed.ruleSetId);
  });

  it('sends JSON bodies and path parameters', async () => {
    const { document } = await editor.ruleSets.version(t.seed.ruleSetId, 1);
    const { draftId } = await editor.ruleSets.createDraft(t.seed.ruleSetId, document);
    await editor.ruleSets.saveDraft(t.seed.ruleSetId, draftId, document);
    expect(await editor.ruleSets.validate(t.seed.ruleSetId, draftId)).toEqual({
      ok: true,
      errors: [],
    });
  });

  it('leaves empty filters out of the query', async () => {
    const all = await editor.children.list({ school: '', grade: '' });
    const s0 = await editor.children.list({ school: 'S0' });
    expect(s0.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(s0.length);
    expect(s0.every((c) => c.school === 'S0')).toBe(true);
  });

  it('answers 204 with nothing and problems as ApiError', async () => {
    const flagged = await center.sheets.flagged(t.seed.runId, 'S0');
    expect(flagged.map((c) => c.school)).toEqual(['S0', 'S0']);
    const sheet = await center.sheets.create(t.seed.runId, t.seed.children.flaggedS0);
    expect((await center.sheets.share(sheet.id)).sharedSchool).toBe('S0');
    const event = await teacher.sheets.observe(sheet.id, { text: '声掛け', supportNeeded: true });
    expect(event.kind).toBe('observation');
    await expect(center.notifications.markRead(event.id)).resolves.toBeUndefined();
    await expect(editor.ruleSets.versions('nope')).rejects.toMatchObject({
      name: 'ApiError',
      status: 404,
      code: 'not_found',
    });
    await expect(editor.runs.list()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('builds download links from the routes', () => {
    expect(editor.exportUrls.disclosure('c 1', 'json')).toBe(
      '/api/exports/disclosure/c%201?format=json',
    );
    expect(editor.exportUrls.sheets({ school: '', format: 'xlsx' })).toBe(
      '/api/exports/sheets?format=xlsx',
    );
    expect(editor.inventory.documentUrl('md')).toBe('/api/inventory/document?format=md');
  });
});

describe('typed client failures', () => {
  const failing = (error: Error) =>
    createApi(createApiClient({ fetch: () => Promise.reject(error) }));

  it('turns a failed fetch into a network ApiError', async () => {
    const call = failing(new TypeError('fetch failed')).auth.me();
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('lets an aborted call reject with the AbortError itself', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(failing(abort).preview({ ruleSetId: 'demo' })).rejects.toBe(abort);
  });
});
