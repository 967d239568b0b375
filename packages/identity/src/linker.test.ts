import type { Identity } from '@mimamori/records';
import { describe, expect, it } from 'vitest';
import { identityKey } from './identity-key';
import { createLinker, type LinkDecision, type RosterEntry } from './linker';
import { makeResidentNumber } from './resident-number';

const r = (serial: number): string => makeResidentNumber(serial);
const roster: RosterEntry[] = [
  { childId: 'taro', residentNumber: r(1), householdNumber: 'H1', name: '髙橋 太郎', kana: 'ﾀｶﾊｼ ﾀﾛｳ', birthDate: '2015-05-01', sex: 1 },
  { childId: 'ken', residentNumber: r(2), householdNumber: 'H2', name: '山﨑 健', kana: 'ヤマザキ ケン', birthDate: '2014-06-02', sex: 1 },
  { childId: 'twin-a', residentNumber: r(3), householdNumber: 'H3', name: '渡邊 葵', kana: 'ワタナベ アオイ', birthDate: '2016-07-03', sex: 2 },
  { childId: 'twin-b', residentNumber: r(4), householdNumber: 'H3', name: '渡邊 蓮', kana: 'ワタナベ レン', birthDate: '2016-07-03', sex: 1 },
  { childId: 'saito', residentNumber: r(5), householdNumber: 'H5', name: '齋藤 花', kana: 'サイトウ ハナ', birthDate: '2013-08-04', sex: 2 },
  { childId: 'same-1', residentNumber: r(6), householdNumber: 'H6', name: '佐藤 翔', kana: 'サトウ ショウ', birthDate: '2012-09-05', sex: 1 },
  { childId: 'same-2', residentNumber: r(7), householdNumber: 'H7', name: '佐藤 翔', kana: 'サトウ カケル', birthDate: '2012-09-05', sex: 1 },
]; // prettier-ignore
const linker = createLinker(roster);

describe('createLinker', () => {
  it('links by a valid resident number first, whatever the name says', () => {
    expect(linker.link({ residentNumber: r(1), name: '別人', birthDate: '2015-05-01' })).toEqual({
      status: 'linked',
      childId: 'taro',
      method: 'resident-number',
      confidence: 1,
    });
    expect(linker.link({ residentNumber: `${r(2).slice(0, 4)}-${r(2).slice(4)}` })).toMatchObject({
      childId: 'ken',
    });
  });

  it('never guesses past a bad check digit', () => {
    const bad = r(1).slice(0, 9) + String((Number(r(1)[9]) + 1) % 10);
    const result = linker.link({ residentNumber: bad, name: '高橋太郎', birthDate: '2015-05-01' });
    expect(result).toEqual({ status: 'unmatched', reason: 'bad-resident-number' });
  });

  it('reports a resident number whose birth date contradicts the roster as a conflict', () => {
    expect(linker.link({ residentNumber: r(1), birthDate: '2015-05-02' })).toEqual({
      status: 'unmatched',
      reason: 'conflict',
    });
    expect(
      linker.link({ residentNumber: r(99), name: '高橋太郎', birthDate: '2015-05-01' }),
    ).toEqual({
      status: 'unmatched',
      reason: 'conflict',
    });
  });

  it('links by folded name and birth date across variants, spaces and width', () => {
    expect(linker.link({ name: '高橋太郎', birthDate: '2015-05-01' })).toMatchObject({
      status: 'linked',
      childId: 'taro',
      method: 'name-birth',
      confidence: 0.95,
    });
    expect(
      linker.link({ name: '山崎　健', kana: 'やまざきけん', birthDate: '2014-06-02' }),
    ).toMatchObject({
      childId: 'ken',
      method: 'name-birth-kana',
    });
    expect(linker.link({ name: '渡辺葵', birthDate: '2016-07-03' })).toMatchObject({
      childId: 'twin-a',
    });
    expect(linker.link({ name: '渡邉 蓮', birthDate: '2016-07-03' })).toMatchObject({
      childId: 'twin-b',
    });
  });

  it('narrows same-name same-birthday children by kana, household or sex, else asks', () => {
    const base: Identity = { name: '佐藤翔', birthDate: '2012-09-05' };
    expect(linker.link({ ...base, kana: 'カケル' })).toEqual({
      status: 'ambiguous',
      candidates: expect.any(Array),
    });
    expect(linker.link({ ...base, kana: 'さとうかける' })).toMatchObject({
      status: 'linked',
      childId: 'same-2',
      method: 'name-birth-kana',
      confidence: 0.9,
    });
    expect(linker.link({ ...base, householdNumber: 'H6' })).toMatchObject({
      childId: 'same-1',
      confidence: 0.9,
    });
    const asked = linker.link({ ...base, sex: 1 });
    expect(asked.status === 'ambiguous' && asked.candidates.map((c) => c.childId)).toEqual([
      'same-1',
      'same-2',
    ]);
  });

  it('keeps twins apart: birth date and household alone never link', () => {
    expect(linker.link({ householdNumber: 'H3', birthDate: '2016-07-03' })).toEqual({
      status: 'unmatched',
      reason: 'no-candidate',
    });
    const byKana = linker.link({
      name: '渡部 葵',
      kana: 'ワタナベ アオイ',
      birthDate: '2016-07-03',
    });
    expect(byKana).toEqual({
      status: 'ambiguous',
      candidates: [{ childId: 'twin-a', method: 'kana-birth', confidence: 0.6 }],
    });
  });

  it('links weak pairs only when the household number confirms, else asks a person', () => {
    const weak = { name: '斉藤花', birthDate: '2013-08-04' };
    const review = {
      status: 'ambiguous',
      candidates: [{ childId: 'saito', method: 'weak-name-birth', confidence: 0.5 }],
    };
    // 斎 and 斉 read alike: an agreeing kana is what another child would carry too.
    expect(linker.link({ ...weak, kana: 'サイトウハナ', sex: 2 })).toEqual(review);
    expect(linker.link(weak)).toEqual(review);
    expect(linker.link({ ...weak, householdNumber: 'H9' })).toEqual(review);
    expect(linker.link({ ...weak, householdNumber: 'H5', kana: 'サイトウ ユキ' })).toEqual(review);
    expect(linker.link({ ...weak, householdNumber: 'H5', kana: 'サイトウハナ' })).toEqual({
      status: 'linked',
      childId: 'saito',
      method: 'weak-name-birth',
      confidence: 0.7,
    });
    expect(linker.link({ name: '齋藤花', birthDate: '2013-08-04' })).toMatchObject({
      method: 'name-birth',
    });
  });

  it('sends the only name + birth date candidate to review when kana or household contradicts', () => {
    const sho = { name: '高橋太郎', birthDate: '2015-05-01' };
    const review = {
      status: 'ambiguous',
      candidates: [{ childId: 'taro', method: 'name-birth', confidence: 0.5 }],
    };
    expect(linker.link({ ...sho, kana: 'タカハシ ジロウ' })).toEqual(review);
    expect(linker.link({ ...sho, householdNumber: 'H99' })).toEqual(review);
    expect(linker.link({ ...sho, kana: 'たかはし たろう', householdNumber: 'H99' })).toEqual(
      review,
    );
    // Width, script and spacing are not contradictions.
    expect(linker.link({ ...sho, kana: 'たかはし　たろう', householdNumber: 'H1' })).toEqual({
      status: 'linked',
      childId: 'taro',
      method: 'name-birth-kana',
      confidence: 0.95,
    });
  });

  it('sends a resident-number match to review when sex, or both name and kana, contradict', () => {
    // Twins whose numbers were swapped: twin-b's record carrying twin-a's number.
    const swapped = { residentNumber: r(3), birthDate: '2016-07-03' };
    const review = {
      status: 'ambiguous',
      candidates: [{ childId: 'twin-a', method: 'resident-number', confidence: 0.5 }],
    };
    expect(linker.link({ ...swapped, name: '渡邊 蓮', kana: 'ワタナベ レン', sex: 1 })).toEqual(
      review,
    );
    expect(linker.link({ ...swapped, sex: 1 })).toEqual(review);
    expect(linker.link({ ...swapped, name: '渡辺蓮', kana: 'わたなべれん' })).toEqual(review);
    // One field differing alone (another office's spelling, a new surname) still links.
    for (const other of [
      { name: '渡辺 蓮', kana: 'ワタナベ アオイ' },
      { name: '渡辺 葵', kana: 'ワタナベ レン' },
      { name: '田中 葵' },
      { kana: 'タナカ アオイ', sex: 2 as const },
    ]) {
      expect(linker.link({ ...swapped, ...other })).toMatchObject({
        status: 'linked',
        childId: 'twin-a',
        method: 'resident-number',
      });
    }
  });

  it('never links a record or a child without a name by name + birth date', () => {
    const nameless = createLinker([
      ...roster,
      { childId: 'blank', residentNumber: r(8), name: '', kana: 'ア', birthDate: '2012-09-05' },
    ]);
    for (const name of ['', '　', ' \u200b'])
      expect(nameless.link({ name, birthDate: '2012-09-05' })).toEqual({
        status: 'unmatched',
        reason: 'no-candidate',
      });
  });

  it('sends a sex contradiction to review and unknown people to unmatched', () => {
    expect(linker.link({ name: '高橋太郎', birthDate: '2015-05-01', sex: 2 })).toMatchObject({
      status: 'ambiguous',
    });
    expect(linker.link({ name: '高橋太郎', birthDate: '2015-05-02' })).toEqual({
      status: 'unmatched',
      reason: 'no-candidate',
    });
    expect(linker.link({ name: '高橋太郎' })).toEqual({
      status: 'unmatched',
      reason: 'no-candidate',
    });
  });

  it('applies manual decisions before anything else, across spelling variants', () => {
    const record: Identity = { name: '佐藤 翔', birthDate: '2012-09-05' };
    const rejected: Identity = { name: '高橋太郎', birthDate: '2015-05-01' };
    const decisions = new Map<string, LinkDecision>([
      [identityKey(record), { childId: 'same-2' }],
      [identityKey(rejected), { reject: true }],
      [identityKey({ name: 'gone', birthDate: '2010-01-01' }), { childId: 'moved-away' }],
    ]);
    const manual = createLinker(roster, { decisions });
    expect(manual.link({ name: '佐藤翔', birthDate: '2012-09-05' })).toEqual({
      status: 'linked',
      childId: 'same-2',
      method: 'manual',
      confidence: 1,
    });
    expect(manual.link({ name: '髙橋 太郎', birthDate: '2015-05-01' })).toEqual({
      status: 'unmatched',
      reason: 'rejected',
    });
    expect(manual.link({ name: 'GONE', birthDate: '2010-01-01' })).toEqual({
      status: 'unmatched',
      reason: 'conflict',
    });
  });

  it('keeps a new-person decision only while the roster does not list the person', () => {
    const byNumber: Identity = {
      residentNumber: r(40),
      name: '新井 次郎',
      birthDate: '2016-07-01',
    };
    const byName: Identity = {
      name: '新井 三郎',
      kana: 'アライ サブロウ',
      birthDate: '2017-01-02',
    };
    const nameOnly: Identity = { name: '新井 四郎', birthDate: '2018-03-04' };
    const decisions = new Map<string, LinkDecision>(
      [byNumber, byName, nameOnly].map((i) => [identityKey(i), { newPerson: true }] as const),
    );
    for (const identity of [byNumber, byName, nameOnly])
      expect(createLinker(roster, { decisions }).link(identity)).toEqual({
        status: 'unmatched',
        reason: 'new-person',
      });

    // Next month's roster lists all three: by number, by name + birth date + kana, by name only.
    const later = createLinker(
      [
        ...roster,
        { childId: 'jiro', residentNumber: r(40), name: '新井 次郎', birthDate: '2016-07-01' },
        { childId: 'saburo', residentNumber: r(41), name: '新井 三郎', kana: 'ｱﾗｲ ｻﾌﾞﾛｳ', birthDate: '2017-01-02' },
        { childId: 'shiro', residentNumber: r(42), name: '新井 四郎', birthDate: '2018-03-04' },
      ], // prettier-ignore
      { decisions },
    );
    expect(later.listed(byNumber)).toBe(true);
    expect(later.link(byNumber)).toMatchObject({ status: 'linked', childId: 'jiro' });
    expect(later.link(byName)).toMatchObject({ status: 'linked', childId: 'saburo' });
    // A name + birth date match without the reading is not sure enough: the decision holds.
    expect(later.listed(nameOnly)).toBe(false);
    expect(later.link(nameOnly)).toEqual({ status: 'unmatched', reason: 'new-person' });
    // The number is on the roster but its birth date differs: back to review, as a conflict.
    const misdated: Identity = { ...byNumber, birthDate: '2016-07-02' };
    const again = new Map<string, LinkDecision>([[identityKey(misdated), { newPerson: true }]]);
    expect(createLinker(roster, { decisions: again }).link(misdated)).toMatchObject({
      reason: 'new-person',
    });
    const jiro = {
      childId: 'jiro',
      residentNumber: r(40),
      name: '新井 次郎',
      birthDate: '2016-07-01',
    };
    expect(createLinker([...roster, jiro], { decisions: again }).link(misdated)).toEqual({
      status: 'unmatched',
      reason: 'conflict',
    });
  });

  it('links 500,000 records over 100,000 children quickly', () => {
    const family = ['髙橋', '山﨑', '渡邊', '齋藤', '佐藤', '鈴木', '田中', '伊藤', '中村', '小林'];
    const given = ['太郎', '花子', '翔', '葵', '蓮', '陽菜', '湊', '結衣', '悠真', '凛'];
    const children: RosterEntry[] = [];
    for (let i = 0; i < 100_000; i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((i % 28) + 1).padStart(2, '0');
      children.push({
        childId: `c${i}`,
        residentNumber: makeResidentNumber(i),
        name: `${family[i % 10]} ${given[Math.floor(i / 10) % 10]}${i}`,
        kana: 'ｻﾄｳ ﾀﾛｳ',
        birthDate: `${2010 + (i % 13)}-${month}-${day}`,
        sex: i % 2 === 0 ? 1 : 2,
      });
    }
    const started = performance.now();
    const big = createLinker(children);
    const built = performance.now();
    let linked = 0;
    for (let n = 0; n < 500_000; n++) {
      const c = children[(n * 7919) % children.length]!;
      const identity: Identity =
        n % 2 === 0
          ? { residentNumber: c.residentNumber }
          : { name: c.name, kana: c.kana, birthDate: c.birthDate };
      if (big.link(identity).status === 'linked') linked++;
    }
    const done = performance.now();
    console.log(
      `linker: build ${(built - started).toFixed(0)} ms, 500k links ${(done - built).toFixed(0)} ms`,
    );
    expect(linked).toBe(500_000);
    expect(done - built).toBeLessThan(10_000);
  });
});
