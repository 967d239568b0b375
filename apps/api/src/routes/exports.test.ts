import { readTable } from '@mimamori/connector-kit';
import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describeEachDatabase('exports (CSV CP932 / UTF-8 BOM / XLSX), audited', (getDb) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
    for (const name of ['center1', 'teacher1', 'teacher2']) cookie[name] = await t.login(name);
    const created = await t.call('POST', '/api/sheets', {
      cookie: cookie.center1,
      json: { runId: t.seed.runId, childId: t.seed.children.flaggedS0 },
    });
    const { id } = (await created.json()) as { id: string };
    await t.call('PUT', `/api/sheets/${id}/notes`, {
      cookie: cookie.center1,
      json: { summary: '見守りを継続する' },
    });
    await t.call('POST', `/api/sheets/${id}/share`, { cookie: cookie.center1, json: {} });
  });

  async function download(who: string, path: string) {
    const res = await t.call('GET', path, { cookie: cookie[who] });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, table: res.status === 200 ? await readTable({ file: 'x', bytes }) : null };
  }

  it('exports sheets as CP932 CSV with Japanese headers that read back', async () => {
    const { res, table } = await download(
      'center1',
      `/api/exports/sheets?runId=${t.seed.runId}&format=csv-cp932`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="child-info-sheets-${t.seed.runId}.csv"`,
    );
    expect(table?.encoding).toBe('cp932');
    expect(table?.header.slice(0, 3)).toEqual(['仮名ID', '判定基準日', '学校・園']);
    expect(table?.rows.map((r) => r.cells[0])).toEqual([t.seed.children.flaggedS0]);
    expect(table?.rows[0]?.cells).toContain('見守りを継続する');
  });

  it('exports the flagged list as UTF-8 with BOM and as XLSX', async () => {
    const utf8 = await download(
      'center1',
      `/api/exports/flagged?runId=${t.seed.runId}&format=csv-utf8-bom`,
    );
    expect(utf8.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...utf8.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.table?.header).toContain('判定の段階');
    expect(utf8.table?.rows).toHaveLength(10);
    const xlsx = await download(
      'center1',
      `/api/exports/flagged?runId=${t.seed.runId}&format=xlsx`,
    );
    expect(xlsx.res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.res.headers.get('content-disposition')).toContain('.xlsx"');
    expect(xlsx.table?.encoding).toBe('xlsx');
    expect(xlsx.table?.header).toEqual(utf8.table?.header);
    expect(xlsx.table?.rows.map((r) => r.cells[0])).toEqual(
      utf8.table?.rows.map((r) => r.cells[0]),
    );
    expect((await download('center1', '/api/exports/flagged?runId=nope')).res.status).toBe(404);
  });

  it('limits a teacher’s export to their own school', async () => {
    const mine = await download('teacher1', '/api/exports/sheets?school=S1&format=csv-utf8-bom');
    expect(mine.table?.rows.map((r) => r.cells[0])).toEqual([t.seed.children.flaggedS0]);
    const other = await download('teacher2', '/api/exports/sheets?format=csv-utf8-bom');
    expect(other.table?.rows).toEqual([]);
    expect((await download('teacher1', '/api/exports/flagged?runId=x')).res.status).toBe(403);
  });

  it('exports everything held about one child for a disclosure request', async () => {
    const childId = t.seed.children.flaggedS0;
    const xlsx = await download('center1', `/api/exports/disclosure/${childId}?format=xlsx`);
    expect(xlsx.table?.header).toEqual(['区分', '項目', '値']);
    const sections = new Set(xlsx.table?.rows.map((r) => r.cells[0]));
    expect([...sections]).toEqual(
      expect.arrayContaining(['基本情報', '個人情報', 'こども情報管理シート']),
    );
    const json = await t.call('GET', `/api/exports/disclosure/${childId}?format=json`, {
      cookie: cookie.center1,
    });
    expect(await json.json()).toMatchObject({ childId, sheets: [expect.any(Object)] });
    expect(
      (await t.call('GET', '/api/exports/disclosure/nobody', { cookie: cookie.center1 })).status,
    ).toBe(404);
  });

  it('withholds a DV-supported child’s address from the disclosure, as /personal does', async () => {
    const { dv, flaggedS0 } = t.seed.children;
    const disclosed = async (childId: string) =>
      (
        (await (
          await t.call('GET', `/api/exports/disclosure/${childId}?format=json`, {
            cookie: cookie.center1,
          })
        ).json()) as { person: Record<string, unknown> }
      ).person;
    const hidden = await disclosed(dv);
    expect(hidden).toMatchObject({ childId: dv, name: '試験 太郎14', address: null });
    expect(await disclosed(flaggedS0)).toMatchObject({ address: '試験村0番地' });
    for (const person of [hidden, await disclosed(flaggedS0)])
      for (const key of ['dvSupport', 'addressHidden', 'nameKey', 'kanaKey'])
        expect(person).not.toHaveProperty(key);
    expect(JSON.stringify(hidden)).not.toContain('試験村14番地');
    // Nor where the child is every day: no school, nursery or shared school anywhere.
    const whole = await (
      await t.call('GET', `/api/exports/disclosure/${dv}?format=json`, { cookie: cookie.center1 })
    ).json();
    const whereabouts: unknown[] = [];
    JSON.stringify(whole, (key, value: unknown) => {
      if (['school', 'sharedSchool', 'nursery'].includes(key) && value !== null)
        whereabouts.push(value);
      return value;
    });
    expect(whereabouts).toEqual([]);
    expect(whole).toMatchObject({ profile: { school: null, grade: expect.any(Number) } });
    const other = await (
      await t.call('GET', `/api/exports/disclosure/${flaggedS0}?format=json`, {
        cookie: cookie.center1,
      })
    ).json();
    expect(other).toMatchObject({ profile: { school: 'S0' } });
    for (const format of ['csv-cp932', 'csv-utf8-bom', 'xlsx']) {
      const { res, table } = await download(
        'center1',
        `/api/exports/disclosure/${dv}?format=${format}`,
      );
      expect(res.status).toBe(200);
      const person = (table?.rows ?? [])
        .filter((r) => r.cells[0] === '個人情報')
        .map((r) => [r.cells[1], r.cells[2] ?? '']);
      expect(person).toEqual(expect.arrayContaining([['address', '']]));
      expect(person.map(([item]) => item)).not.toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^(dvSupport|addressHidden|nameKey|kanaKey)$/),
        ]),
      );
      expect(JSON.stringify(table?.rows)).not.toContain('試験村14番地');
    }
  });

  it('refuses any audited read reached by a cross-site navigation (403 csrf), unaudited', async () => {
    const child = t.seed.children.flaggedS0;
    const paths = [
      `/api/exports/disclosure/${child}?format=json`,
      '/api/exports/sheets?format=csv-utf8-bom',
      `/api/exports/flagged?runId=${t.seed.runId}`,
      `/api/children/${child}/personal`,
      `/api/children/${child}`,
      `/api/runs/${t.seed.runId}/results`,
    ];
    const before = (await listAudit(getDb().db, { limit: 10_000 })).length;
    for (const path of paths) {
      const res = await t.call('GET', path, {
        cookie: cookie.center1,
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 403, code: 'csrf' });
    }
    expect((await listAudit(getDb().db, { limit: 10_000 })).length).toBe(before);
    for (const site of ['same-origin', 'same-site', 'none', undefined]) {
      const headers: Record<string, string> = site === undefined ? {} : { 'sec-fetch-site': site };
      for (const path of paths)
        expect((await t.call('GET', path, { cookie: cookie.center1, headers })).status).toBe(200);
    }
    // The API's public reference stays linkable from anywhere.
    const docs = await t.call('GET', '/api/openapi.json', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(docs.status).toBe(200);
  });

  it('writes every export to the audit log (who, what, rows; never contents)', async () => {
    const entries = await listAudit(getDb().db, {});
    const exports = entries.filter((e) => e.action.startsWith('export.'));
    expect(new Set(exports.map((e) => e.action))).toEqual(
      new Set(['export.sheets', 'export.flagged', 'export.disclosure']),
    );
    const disclosures = exports.filter((e) => e.action === 'export.disclosure');
    expect(disclosures.map((e) => e.details.format)).toEqual(
      expect.arrayContaining(['xlsx', 'json']),
    );
    const teacher = exports.find((e) => e.actorId === t.users.teacher.id);
    expect(teacher).toMatchObject({ action: 'export.sheets', details: { school: 'S0' } });
    expect(JSON.stringify(exports)).not.toContain('見守りを継続する');
  });
});
