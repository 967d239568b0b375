import {
  defineConnector,
  residentNumberIssues,
  rowReader,
  type ColumnSpec,
} from '@mimamori/connector-kit';
import { normalizeResidentNumber } from '@mimamori/identity';
import type { FactDeclaration } from '@mimamori/records';

const use = {
  purpose: 'こどもの困難（虐待・ネグレクト・貧困）の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

/** Facts from maternal and child health (乳幼児健診, 問診, 予防接種). */
export const healthFacts: readonly FactDeclaration[] = [
  {
    id: 'health.checkupsMissed',
    label: { ja: '乳幼児健診（4か月・1歳6か月・3歳）の未受診回数', en: 'Infant checkups missed' },
    type: 'number',
    unit: '回',
    min: 0,
    max: 3,
    ...use,
  },
  {
    id: 'health.checkupFinding',
    label: { ja: '直近の健診結果', en: 'Latest checkup finding' },
    type: 'code',
    allowedValues: ['健康', '要観察', '要精査'],
    ...use,
  },
  {
    id: 'health.weightPercentile',
    label: { ja: '体重パーセンタイル', en: 'Weight percentile' },
    type: 'number',
    unit: 'パーセンタイル',
    min: 1,
    max: 99,
    ...use,
  },
  {
    id: 'health.hittingShoutingAnswers',
    label: {
      ja: '問診「たたく・怒鳴る」該当項目数',
      en: 'Questionnaire: hitting/shouting items answered yes',
    },
    type: 'number',
    unit: '項目',
    min: 0,
    max: 4,
    ...use,
  },
  {
    id: 'health.householdFinanceScore',
    label: {
      ja: '家計の状況（1 ゆとりがある〜5 大変苦しい）',
      en: 'Household finances (1 comfortable to 5 very hard)',
    },
    type: 'number',
    min: 1,
    max: 5,
    ...use,
  },
  {
    id: 'health.vaccinationsMissed',
    label: { ja: '定期予防接種の未接種数', en: 'Age-due vaccinations missed' },
    type: 'number',
    unit: '種',
    min: 0,
    ...use,
  },
];

function column(header: string, key: string, role: ColumnSpec['role']): ColumnSpec {
  return { header, key, role, required: true, personal: role !== 'fact' };
}

/** Columns of the health extract (XLSX; 宛名番号 and name for linkage). */
export const healthColumns: readonly ColumnSpec[] = [
  column('宛名番号', 'residentNumber', 'identity'),
  column('氏名', 'name', 'identity'),
  column('フリガナ', 'kana', 'identity'),
  column('生年月日', 'birthDate', 'identity'),
  column('性別', 'sex', 'identity'),
  column('健診未受診回数', 'checkupsMissed', 'fact'),
  column('直近健診結果', 'checkupFinding', 'fact'),
  column('体重パーセンタイル', 'weightPercentile', 'fact'),
  column('問診 たたく・怒鳴る該当数', 'hittingShoutingAnswers', 'fact'),
  column('家計の状況', 'householdFinanceScore', 'fact'),
  column('予防接種未接種数', 'vaccinationsMissed', 'fact'),
];

/** 健診結果 export codes; empty when every checkup was missed. */
const findings = { '1': '健康', '2': '要観察', '3': '要精査' };

/**
 * 母子保健 extract (XLSX, sheet 健診・予防接種): one observation per child known to the
 * health office.
 * @example
 * const run = await runConnector(health, { file: 'kenshin.xlsx', bytes });
 */
export const health = defineConnector({
  name: 'health',
  module: import.meta.url,
  version: '1',
  title: { ja: '母子保健', en: 'Maternal and child health' },
  source: 'health',
  roster: false,
  file: { formats: ['xlsx'], encoding: 'auto', sheet: '健診・予防接種' },
  columns: healthColumns,
  facts: healthFacts,
  normalize(row) {
    const r = rowReader(row);
    const text = r.text('residentNumber');
    const residentNumber = text === undefined ? undefined : normalizeResidentNumber(text);
    const identity = {
      residentNumber,
      name: r.text('name'),
      kana: r.kana('kana'),
      birthDate: r.date('birthDate'),
      sex: r.sex('sex'),
    };
    const facts = {
      'health.checkupsMissed': r.int('checkupsMissed', { min: 0, max: 3 }),
      'health.checkupFinding': r.code('checkupFinding', findings, { required: false }),
      'health.weightPercentile': r.int('weightPercentile', { min: 1, max: 99, required: false }),
      'health.hittingShoutingAnswers': r.int('hittingShoutingAnswers', { min: 0, max: 4 }),
      'health.householdFinanceScore': r.int('householdFinanceScore', { min: 1, max: 5 }),
      'health.vaccinationsMissed': r.int('vaccinationsMissed', { min: 0, max: 30 }),
    };
    const result = r.result([{ kind: 'observation', identity, facts }]);
    const bad = residentNumberIssues(row, residentNumber);
    return bad.length === 0 ? result : { records: [], issues: result.issues.concat(bad) };
  },
});
