import type { Child, Household } from '../households';
import { officeKana, officeName, mixedWareki } from '../office-identity';
import type { Rng } from '../prng';
import { clampInt, type SourceRow, type SourceSpec } from './source';

/** 就学援助 as exported: 1 要保護, 2 準要保護, empty なし. */
function schoolAid(rng: Rng, household: Household): string {
  if (household.publicAssistance) return '1';
  if (household.poverty) return rng.chance(0.85) ? '2' : '';
  return rng.chance(0.04) ? '2' : '';
}

/** Attendance and survey signals for one child, from its latent risks. */
function signals(rng: Rng, household: Household, child: Child): (number | null)[] {
  const has = (risk: Child['risks'][number]): boolean => child.risks.includes(risk);
  const boost = child.severe ? 1.6 : 1;
  const refusal = has('schoolRefusal');
  const bullying = has('bullying');
  const neglect = household.neglect;
  const carer = has('youngCarer');
  const sick = rng.poisson(4);
  let other = rng.chance(0.1) ? rng.int(1, 3) : 0;
  if (refusal) other += Math.round(rng.int(30, 120) * boost);
  if (bullying) other += rng.int(0, 15);
  if (neglect) other += Math.round(rng.int(4, 25) * boost);
  if (carer) other += rng.int(5, 20);
  const late =
    rng.poisson(1.5) +
    (neglect ? Math.round(rng.int(8, 35) * boost) : 0) +
    (carer ? rng.int(8, 30) : 0) +
    (refusal ? rng.int(3, 15) : 0);
  const early = rng.poisson(0.8) + (bullying ? rng.int(3, 10) : 0) + (refusal ? rng.int(2, 8) : 0);
  const nurse =
    rng.poisson(2.5) + (bullying ? rng.int(6, 22) : 0) + (neglect || refusal ? rng.int(3, 12) : 0);
  const untreated = neglect
    ? rng.weighted([
        [0, 30],
        [1, 40],
        [2, 20],
        [3, 10],
      ] as const)
    : household.poverty
      ? rng.weighted([
          [0, 60],
          [1, 30],
          [2, 10],
        ] as const)
      : rng.weighted([
          [0, 93],
          [1, 6],
          [2, 1],
        ] as const);
  const victim = bullying ? rng.chance(0.65 * boost) : rng.chance(0.02);
  const life = bullying
    ? rng.normal(42, 12)
    : refusal
      ? rng.normal(46, 12)
      : neglect
        ? rng.normal(60, 12)
        : rng.normal(74, 11);
  const score =
    rng.normal(65, 15) - (household.poverty ? 7 : 0) - (refusal ? 15 : 0) - (neglect ? 10 : 0);
  const change =
    refusal || bullying || carer
      ? rng.normal(-11, 6)
      : neglect
        ? rng.normal(-5, 6)
        : rng.normal(0, 6);
  const notes = neglect
    ? rng.weighted([
        [0, 15],
        [1, 25],
        [2, 30],
        [3, 30],
      ] as const)
    : household.poverty
      ? rng.weighted([
          [0, 75],
          [1, 18],
          [2, 7],
        ] as const)
      : rng.weighted([
          [0, 92],
          [1, 6],
          [2, 2],
        ] as const);
  return [
    sick + other,
    other,
    late,
    early,
    nurse,
    untreated,
    victim ? 1 : 0,
    clampInt(life, 0, 100),
    child.grade >= 2 ? clampInt(score, 0, 100) : null,
    child.grade >= 3 ? Math.round(change) : null,
    notes,
  ];
}

/** 学校 extract (校務支援): children in grades 1–9; CP932, mixed 和暦, some ｶﾅ, no 宛名番号. */
export const schoolSource: SourceSpec = {
  connector: 'school',
  file: 'gakko.csv',
  format: 'cp932',
  header: [
    '学校コード',
    '学年',
    '氏名',
    'フリガナ',
    '生年月日',
    '性別',
    '欠席日数',
    'うち病気以外の欠席日数',
    '遅刻回数',
    '早退回数',
    '保健室来室回数',
    '就学援助',
    '健診後未受診件数',
    'いじめアンケート被害',
    '学校生活アンケート得点',
    '学力テスト得点',
    '学力テスト前回比',
    '担任所見件数',
  ],
  rows(household, rng, cal) {
    const elementary = rng.chance(0.65) ? 'E01' : 'E02';
    const aid = schoolAid(rng, household);
    const rows: SourceRow[] = [];
    for (const child of household.children) {
      if (child.grade < 1 || child.grade > 9) continue;
      const [absence, other, late, early, nurse, untreated, victim, life, score, change, notes] =
        signals(rng, household, child);
      const text = (n: number | null | undefined): string =>
        n === null || n === undefined ? '' : String(n);
      rows.push({
        residentNumber: child.residentNumber,
        cells: [
          child.grade >= 7 ? 'J01' : elementary,
          String(child.grade),
          officeName(rng, child, cal),
          officeKana(rng, child, cal.halfWidthKana),
          mixedWareki(rng, child.birthDate),
          String(child.sex),
          text(absence),
          text(other),
          text(late),
          text(early),
          text(nurse),
          aid,
          text(untreated),
          victim === 1 ? '有' : '無',
          text(life),
          text(score),
          text(change),
          text(notes),
        ],
      });
    }
    return rows;
  },
};
