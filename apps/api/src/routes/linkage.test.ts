import { encodeCsv } from '@mimamori/connector-kit';
import { getPersons, listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { loadChildren } from '@mimamori/pipeline';
import { beforeAll, expect, it } from 'vitest';
import { createVillageTestApp, type VillageTestApp } from '../testing/test-app';

const schoolHeader = ['学校コード', '学年', '氏名', 'フリガナ', '生年月日', '性別', '欠席日数', 'うち病気以外の欠席日数', '遅刻回数', '早退回数', '保健室来室回数', '就学援助', '健診後未受診件数', 'いじめアンケート被害', '学校生活アンケート得点', '学力テスト得点', '学力テスト前回比', '担任所見件数']; // prettier-ignore
/** A made-up pupil the roster does not list. */
const stranger = { name: '新井　次郎', kana: 'アライ　ジロウ', birth: '平成28年7月1日', sex: '1' };

type Identity = { name: string | null; kana: string | null; birthDate: string | null };
type Item = {
  id: string;
  source: string;
  file?: string;
  identity: Identity;
  candidates: { childId: string; person: Identity | null }[];
};
type Decision = { identityKey: string; decision: string; latest: { id: string } | null };

describeEachDatabase('linkage review routes', (getDb) => {
  let t: VillageTestApp;
  let it1: string;
  let center: string;
  let rosterChild: { name: string; kana: string | null; birthDate: string; sex: number };
  beforeAll(async () => {
    t = await createVillageTestApp(getDb().db, { children: 40, seed: 3 });
    [it1, center] = await Promise.all([t.login('it1'), t.login('center1')]);
    const [childId] = (await loadChildren(getDb().db)).keys();
    const [person] = await getPersons(getDb().db, [childId!]);
    rosterChild = person!;
  });

  async function upload(name: string, rows: string[][]) {
    const form = new FormData();
    const bytes = encodeCsv([schoolHeader, ...rows], { encoding: 'cp932', newline: '\r\n' });
    form.set('file', new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
    form.set('connector', 'school');
    form.set('dryRun', 'false');
    const res = await t.call('POST', '/api/imports', { cookie: it1, body: form });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
  const row = (p: { name: string; kana: string; birth: string; sex: string }, absent: number) =>
    ['J01', '8', p.name, p.kana, p.birth, p.sex, String(absent), '0', '0', '0', '0', '', '0', '無', '50', '50', '0', '0']; // prettier-ignore

  async function queue(query = '') {
    const res = await t.call('GET', `/api/linkage/review${query}`, { cookie: it1 });
    expect(res.status).toBe(200);
    return { items: (await res.json()) as Item[], total: Number(res.headers.get('x-total-count')) };
  }
  /** Every audit entry of `action`, as JSON text. */
  async function audited(action: string): Promise<string> {
    const entries = (await listAudit(getDb().db, { limit: 200 })).filter(
      (e) => e.action === action,
    );
    expect(entries.length, action).toBeGreaterThan(0);
    return JSON.stringify(entries);
  }

  it('pages the queue with the identities to compare, for IT only, audited by ids', async () => {
    await upload('gakko-1.csv', [
      row(stranger, 4),
      // A roster child's name, reading and birth date, but the other sex: to review.
      row(
        {
          name: rosterChild.name,
          kana: rosterChild.kana ?? '',
          birth: rosterChild.birthDate.replaceAll('-', '/'),
          sex: rosterChild.sex === 1 ? '2' : '1',
        },
        5,
      ),
    ]);
    const all = await queue();
    expect(all.total).toBe(2);
    expect(all.items.every((i) => i.file === 'gakko-1.csv' && i.source === 'school')).toBe(true);
    const page = await queue('?limit=1&offset=1');
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([all.items[1]!.id]);
    const ambiguous = all.items.find((i) => i.candidates.length > 0)!;
    expect(ambiguous.identity).toMatchObject({ name: rosterChild.name });
    expect(ambiguous.candidates[0]!.person).toMatchObject({
      name: rosterChild.name,
      birthDate: rosterChild.birthDate,
    });
    const reads = await audited('linkage.review.read');
    expect(reads).toContain(all.items[0]!.id);
    expect(reads).toContain(ambiguous.candidates[0]!.childId);
    expect(reads).not.toContain(rosterChild.name);
    expect(reads).not.toContain('次郎');
    expect((await t.call('GET', '/api/linkage/review', { cookie: center })).status).toBe(403);
    expect((await t.call('GET', '/api/linkage/decisions', { cookie: center })).status).toBe(403);
    expect((await t.call('GET', '/api/linkage/review?limit=0', { cookie: it1 })).status).toBe(400);

    // `new` for the person the roster lists is refused: match or exclude instead.
    const refused = await t.call('POST', `/api/linkage/review/${ambiguous.id}`, {
      cookie: it1,
      json: { decision: 'new' },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'on_roster' });
  });

  it('lists decisions and undoes one: the record returns to the queue', async () => {
    const { items } = await queue();
    const item = items.find((i) => i.candidates.length === 0)!;
    const decided = await t.call('POST', `/api/linkage/review/${item.id}`, {
      cookie: it1,
      json: { decision: 'new', note: '転入予定' },
    });
    expect(decided.status).toBe(200);
    expect((await queue()).items.map((i) => i.id)).not.toContain(item.id);

    const listed = await t.call('GET', '/api/linkage/decisions?limit=5', { cookie: it1 });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('x-total-count')).toBe('1');
    const [decision] = (await listed.json()) as Decision[];
    expect(decision).toMatchObject({ decision: 'new', latest: { id: item.id } });
    const read = await audited('linkage.decisions.read');
    expect(read).toContain(decision!.identityKey);
    expect(read).not.toContain('次郎');

    const path = `/api/linkage/decisions/${decision!.identityKey}`;
    expect((await t.call('DELETE', path, { cookie: center })).status).toBe(403);
    expect((await t.call('DELETE', path, { cookie: it1 })).status).toBe(200);
    expect((await t.call('DELETE', path, { cookie: it1 })).status).toBe(404);
    expect((await t.call('DELETE', '/api/linkage/decisions/nope', { cookie: it1 })).status).toBe(
      400,
    );
    expect((await queue()).items.map((i) => i.id)).toContain(item.id);
    const undo = await audited('linkage.undo');
    expect(undo).toContain(decision!.identityKey);
    expect(undo).not.toContain('転入予定');
  });
});
