import { defineConnector, rowReader, type ColumnSpec } from '@mimamori/connector-kit';
import type { FactDeclaration } from '@mimamori/records';

const use = {
  purpose: 'こどもの困難（不登校・いじめ・貧困・虐待）の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

type NumberFact = [id: string, ja: string, en: string, unit: string, max: number];

/** Graded school facts: id, Japanese and English label, unit, maximum. */
const numberFacts: readonly NumberFact[] = [
  ['school.absenceDays', '年間欠席日数', 'Absence days (year)', '日', 366],
  ['school.absenceOtherDays', 'うち病気以外の欠席日数', 'Absence days not for illness', '日', 366],
  ['school.lateCount', '遅刻回数', 'Late arrivals', '回', 366],
  ['school.earlyLeaveCount', '早退回数', 'Early leaves', '回', 366],
  ['school.nurseVisits', '保健室来室回数', 'School nurse visits', '回', 999],
  ['school.untreatedFindings', '学校健診後の未受診件数', 'Untreated checkup findings', '件', 20],
  ['school.schoolLifeScore', '学校生活アンケート得点', 'School-life survey score', '点', 100],
  ['school.testScore', '学力テスト得点', 'Test score', '点', 100],
  [
    'school.teacherNotes',
    '担任所見（身なり・持ち物・宿題）件数',
    'Teacher notes (appearance, belongings, homework)',
    '件',
    20,
  ],
];

/** Facts from the school (attendance, health room, 就学援助, surveys, tests). */
export const schoolFacts: readonly FactDeclaration[] = [
  ...numberFacts.map(([id, ja, en, unit, max]) => ({
    id,
    label: { ja, en },
    type: 'number' as const,
    unit,
    min: 0,
    max,
    ...use,
  })),
  {
    id: 'school.testScoreChange',
    label: { ja: '学力テスト前回比', en: 'Test score change since last test' },
    type: 'number',
    unit: '点',
    min: -100,
    max: 100,
    ...use,
  },
  {
    id: 'school.schoolAid',
    label: { ja: '就学援助', en: 'School expenses aid' },
    type: 'code',
    allowedValues: ['要保護', '準要保護', 'なし'],
    ...use,
  },
  {
    id: 'school.bullyingVictimReport',
    label: { ja: 'いじめアンケートでの被害申告', en: 'Bullying survey: victim report' },
    type: 'boolean',
    ...use,
  },
];

function column(header: string, key: string, role: ColumnSpec['role']): ColumnSpec {
  return { header, key, role, required: true, personal: role === 'identity' };
}

/** Columns of the school extract (CP932; no 宛名番号: linked by name, reading and birth date). */
export const schoolColumns: readonly ColumnSpec[] = [
  column('学校コード', 'school', 'context'),
  column('学年', 'grade', 'context'),
  column('氏名', 'name', 'identity'),
  column('フリガナ', 'kana', 'identity'),
  column('生年月日', 'birthDate', 'identity'),
  column('性別', 'sex', 'identity'),
  column('欠席日数', 'absenceDays', 'fact'),
  column('うち病気以外の欠席日数', 'absenceOtherDays', 'fact'),
  column('遅刻回数', 'lateCount', 'fact'),
  column('早退回数', 'earlyLeaveCount', 'fact'),
  column('保健室来室回数', 'nurseVisits', 'fact'),
  column('就学援助', 'schoolAid', 'fact'),
  column('健診後未受診件数', 'untreatedFindings', 'fact'),
  column('いじめアンケート被害', 'bullyingVictimReport', 'fact'),
  column('学校生活アンケート得点', 'schoolLifeScore', 'fact'),
  column('学力テスト得点', 'testScore', 'fact'),
  column('学力テスト前回比', 'testScoreChange', 'fact'),
  column('担任所見件数', 'teacherNotes', 'fact'),
];

/** 就学援助 export codes; an empty cell means none. */
const aid = { '1': '要保護', '2': '準要保護', '0': 'なし' };
const victim = { true: ['有', '○', '1'], false: ['無', '0'] };

/**
 * 学校 extract (CP932 CSV from the school administration system): one observation per pupil in
 * grades 1–9. Test cells are empty where no test was taken yet (grade 1; change from grade 3).
 * @example
 * const run = await runConnector(school, { file: 'gakko.csv', bytes });
 */
export const school = defineConnector({
  name: 'school',
  module: import.meta.url,
  version: '1',
  title: { ja: '学校', en: 'School' },
  source: 'school',
  roster: false,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: schoolColumns,
  facts: schoolFacts,
  normalize(row) {
    const r = rowReader(row);
    const optional = { required: false } as const;
    const identity = {
      name: r.text('name'),
      kana: r.kana('kana'),
      birthDate: r.date('birthDate'),
      sex: r.sex('sex'),
    };
    const count = (key: string, max = 366): number | undefined => r.int(key, { min: 0, max });
    const facts = {
      'school.absenceDays': count('absenceDays'),
      'school.absenceOtherDays': count('absenceOtherDays'),
      'school.lateCount': count('lateCount'),
      'school.earlyLeaveCount': count('earlyLeaveCount'),
      'school.nurseVisits': count('nurseVisits', 999),
      'school.schoolAid': r.code('schoolAid', aid, optional) ?? 'なし',
      'school.untreatedFindings': count('untreatedFindings', 20),
      'school.bullyingVictimReport': r.bool('bullyingVictimReport', victim),
      'school.schoolLifeScore': r.int('schoolLifeScore', { min: 0, max: 100, required: false }),
      'school.testScore': r.int('testScore', { min: 0, max: 100, required: false }),
      'school.testScoreChange': r.int('testScoreChange', { min: -100, max: 100, required: false }),
      'school.teacherNotes': count('teacherNotes', 20),
    };
    const context = { school: r.text('school'), grade: r.int('grade', { min: 1, max: 9 }) };
    return r.result([{ kind: 'observation', identity, context, facts }]);
  },
});
