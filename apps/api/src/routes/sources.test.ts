import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { childrensHallMapping, makeChildrensHallSample } from '@mimamori/mapping';
import { generateVillage } from '@mimamori/village';
import { beforeAll, expect, it } from 'vitest';
import { documentUsingFact } from '../testing/seed';
import {
  createTestApp,
  createVillageTestApp,
  testAsOf,
  type TestApp,
  type VillageTestApp,
} from '../testing/test-app';

type Json = Record<string, unknown>;
const children = 80;

describeEachDatabase('mapped sources: infer → save → import → catalogue', (getDb) => {
  let t: VillageTestApp;
  let cookie: string;
  let sample: Uint8Array;
  beforeAll(async () => {
    t = await createVillageTestApp(getDb().db, { children, seed: 1 });
    cookie = await t.login('it1');
    sample = makeChildrensHallSample(generateVillage({ children, seed: 1, asOf: testAsOf }));
  }, 120_000);

  function form(fields: Record<string, string>, bytes = sample) {
    const body = new FormData();
    body.set('file', new File([bytes.slice()], 'jidokan.csv', { type: 'text/csv' }));
    for (const [key, value] of Object.entries(fields)) body.set(key, value);
    return body;
  }

  it('infers a mapping from a sample and previews 20 rows as stored and linked', async () => {
    const res = await t.call('POST', '/api/sources/infer', {
      cookie,
      body: form({ name: 'childrens-hall' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      mapping: { name: string; file: Json; columns: Json[] };
      columns: Json[];
      problems: { code: string; path: string; messageJa: string }[];
      preview: { rows: Json[]; linkage: Record<string, number> };
    };
    expect(body.mapping).toMatchObject({ name: 'childrens-hall', file: { encoding: 'cp932' } });
    expect(body.columns.map((c) => c.identityField ?? c.role)).toEqual(
      expect.arrayContaining(['name', 'kana', 'birthDate', 'sex']),
    );
    expect(body.problems.map((p) => p.code)).toContain('missing_purpose');
    expect(body.problems[0]?.messageJa).toEqual(expect.any(String));
    expect(body.preview.rows).toHaveLength(20);
    const first = body.preview.rows[0] as {
      facts: Json;
      personalFields: string[];
      linkage: Json;
    };
    expect(Object.keys(first.facts).every((id) => id.startsWith('childrensHall.'))).toBe(true);
    expect(first.personalFields).toEqual(expect.arrayContaining(['birthDate', 'kana', 'name']));
    expect(body.preview.linkage.linked).toBeGreaterThanOrEqual(18);
    // Which personal fields are present, never their values.
    const names = new TextDecoder('shift_jis').decode(sample).split(/\r?\n/)[1]?.split(',') ?? [];
    expect(JSON.stringify(body.preview)).not.toContain(names[0]);
  });

  it('previews an edited mapping instead when one is sent', async () => {
    const res = await t.call('POST', '/api/sources/infer', {
      cookie,
      body: form({ mapping: JSON.stringify(childrensHallMapping()) }),
    });
    const body = (await res.json()) as { problems: Json[]; preview: { rows: { facts: Json }[] } };
    expect(body.problems).toEqual([]);
    expect(Object.keys(body.preview.rows[0]?.facts ?? {})).toContain('childrensHall.visitDays');
    const broken = await t.call('POST', '/api/sources/infer', {
      cookie,
      body: form({ mapping: '{' }),
    });
    expect(broken.status).toBe(400);
  });

  it('refuses an incomplete mapping with JSON-pointer problems in Japanese and English', async () => {
    const mapping = childrensHallMapping();
    const incomplete = {
      ...mapping,
      columns: mapping.columns.map((c) =>
        c.fact === undefined ? c : { ...c, fact: { ...c.fact, purpose: '' } },
      ),
    };
    const res = await t.call('POST', '/api/sources', { cookie, json: { mapping: incomplete } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; errors: Json[] };
    expect(problem.code).toBe('invalid_mapping');
    expect(problem.errors[0]).toMatchObject({
      path: '/columns/4/fact/purpose',
      code: 'missing_purpose',
      messageJa: expect.stringContaining('利用目的'),
    });
    const taken = await t.call('POST', '/api/sources', {
      cookie,
      json: {
        mapping: {
          ...mapping,
          name: 'school',
          columns: mapping.columns.map((c) =>
            c.fact === undefined
              ? c
              : { ...c, fact: { ...c.fact, id: c.fact.id.replace('childrensHall', 'school') } },
          ),
        },
      },
    });
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as { errors: Json[] }).errors).toEqual([
      expect.objectContaining({ path: '/name', code: 'reserved_name' }),
    ]);
  });

  it('saves versions, imports through the mapped connector and lists its facts', async () => {
    for (const version of [1, 2]) {
      const saved = await t.call('POST', '/api/sources', {
        cookie,
        json: { mapping: childrensHallMapping() },
      });
      expect(saved.status).toBe(201);
      expect(await saved.json()).toEqual({ name: 'childrens-hall', version });
    }
    const sources = (await (await t.call('GET', '/api/sources', { cookie })).json()) as Json[];
    expect(sources).toEqual([
      expect.objectContaining({
        name: 'childrens-hall',
        current: 2,
        versions: [
          expect.objectContaining({
            version: 1,
            facts: expect.arrayContaining(['childrensHall.visitDays']),
          }),
          expect.objectContaining({ version: 2 }),
        ],
      }),
    ]);

    const connectors = (await (await t.call('GET', '/api/connectors', { cookie })).json()) as {
      id: string;
      kind: string;
      version: string;
      facts: { id: string }[];
    }[];
    const hall = connectors.find((c) => c.id === 'childrens-hall');
    expect(hall).toMatchObject({ kind: 'mapped', version: '2' });
    expect(hall?.facts.map((f) => f.id)).toEqual([
      'childrensHall.visitDays',
      'childrensHall.lastVisit',
    ]);
    expect(connectors.find((c) => c.id === 'school')?.kind).toBe('code');

    const imported = await t.call('POST', '/api/imports', {
      cookie,
      body: form({ connector: 'childrens-hall', dryRun: 'false' }),
    });
    const result = (await imported.json()) as { ok: boolean; issues: unknown[]; summary: Json };
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary).toMatchObject({
      connector: 'childrens-hall',
      batchId: expect.any(String),
    });
    const batches = (await (await t.call('GET', '/api/imports', { cookie })).json()) as Json[];
    expect(batches.map((b) => b.connector)).toContain('childrens-hall');
  });

  it('audits inference and every saved version', async () => {
    const entries = await listAudit(getDb().db, {});
    const saves = entries.filter((e) => e.action === 'source.save').map((e) => e.details);
    expect(saves).toHaveLength(2);
    expect(saves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: 1, facts: 2 }),
        expect.objectContaining({ version: 2, facts: 2 }),
      ]),
    );
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['source.infer', 'import.commit']),
    );
  });
});

describeEachDatabase('mapped sources: fact ids stay unique and in-use facts stay', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['editor1', 'it1']) cookie[name] = await t.login(name);
  });
  const save = (mapping: unknown) =>
    t.call('POST', '/api/sources', { cookie: cookie.it1, json: { mapping } });
  type Refusal = { code: string; errors: { path: string; code: string; message: string }[] };

  it('refuses a source whose fact ids another source declares (hall-2 and hall2)', async () => {
    const renamed = (name: string) => {
      const mapping = childrensHallMapping();
      return {
        ...mapping,
        name,
        columns: mapping.columns.map((c) =>
          c.fact
            ? { ...c, fact: { ...c.fact, id: c.fact.id.replace('childrensHall', 'hall2') } }
            : c,
        ),
      };
    };
    expect((await save(renamed('hall-2'))).status).toBe(201);
    expect((await save(renamed('hall-2'))).status).toBe(201);
    const res = await save(renamed('hall2'));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Refusal;
    expect(problem.code).toBe('fact_id_taken');
    expect(problem.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      '/columns/4/fact/id fact_id_taken',
      '/columns/5/fact/id fact_id_taken',
    ]);
    expect(problem.errors[0]?.message).toContain('hall-2');
  });

  it('refuses a version that drops or retypes a fact a published rule uses (422 fact_in_use)', async () => {
    expect((await save(childrensHallMapping())).status).toBe(201);
    const created = await t.call('POST', '/api/rule-sets/demo/drafts', {
      cookie: cookie.editor1,
      json: { document: documentUsingFact('childrensHall.visitDays', 2, '来館') },
    });
    const { draftId } = (await created.json()) as { draftId: string };
    const published = await t.call('POST', `/api/rule-sets/demo/drafts/${draftId}/publish`, {
      cookie: cookie.editor1,
      json: { note: 'hall visits' },
    });
    expect(published.status).toBe(200);

    const hall = childrensHallMapping();
    const dropped = await save({
      ...hall,
      columns: hall.columns.filter((c) => c.fact?.id !== 'childrensHall.visitDays'),
    });
    expect(dropped.status).toBe(422);
    const problem = (await dropped.json()) as Refusal;
    expect(problem.code).toBe('fact_in_use');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: '/columns', code: 'fact_in_use' }),
    ]);
    expect(problem.errors[0]?.message).toContain('childrensHall.visitDays');
    expect(problem.errors[0]?.message).toContain('demo/new-fact');

    const retyped = await save({
      ...hall,
      columns: hall.columns.map((c) =>
        c.fact?.id === 'childrensHall.visitDays'
          ? {
              ...c,
              fact: {
                id: c.fact.id,
                label: c.fact.label,
                type: 'code',
                codes: { '0': 'なし', '1': 'あり' },
                purpose: c.fact.purpose,
                legalBasis: c.fact.legalBasis,
                retention: c.fact.retention,
              },
            }
          : c,
      ),
    });
    expect(retyped.status).toBe(422);
    expect(((await retyped.json()) as Refusal).errors.map((e) => e.path)).toEqual([
      '/columns/4/fact/type',
    ]);
    expect((await save(hall)).status).toBe(201);
  });
});
