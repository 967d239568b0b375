import {
  defineConnector,
  residentNumberIssues,
  rowReader,
  type ColumnSpec,
} from '@mimamori/connector-kit';
import type { FactDeclaration } from '@mimamori/records';

const use = {
  purpose: 'こどもの困難の早期把握と支援（こどもデータ連携）: 世帯の状況の判定',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

/** Facts the roster contributes (household situation, not identity). */
export const rosterFacts: readonly FactDeclaration[] = [
  {
    id: 'roster.movesLast3Years',
    label: { ja: '過去3年の異動（転入・転出・転居）回数', en: 'Moves in the last 3 years' },
    type: 'number',
    unit: '回',
    min: 0,
    ...use,
  },
  {
    id: 'roster.singleParent',
    label: { ja: 'ひとり親世帯', en: 'One-parent household' },
    type: 'boolean',
    ...use,
  },
  {
    id: 'roster.householdSize',
    label: { ja: '世帯人員', en: 'Household size' },
    type: 'number',
    unit: '人',
    min: 1,
    ...use,
  },
];

function column(header: string, key: string, role: ColumnSpec['role']): ColumnSpec {
  return { header, key, role, required: true, personal: role !== 'fact' };
}

/** Columns of the 住基 extract (personal: everything except the household facts). */
export const rosterColumns: readonly ColumnSpec[] = [
  column('宛名番号', 'residentNumber', 'identity'),
  column('世帯番号', 'householdNumber', 'identity'),
  column('氏名', 'name', 'identity'),
  column('氏名フリガナ', 'kana', 'identity'),
  column('生年月日', 'birthDate', 'identity'),
  column('性別', 'sex', 'identity'),
  column('続柄', 'relation', 'identity'),
  column('住所', 'address', 'personal'),
  column('支援措置', 'dvSupport', 'identity'),
  column('世帯人員', 'householdSize', 'fact'),
  column('ひとり親世帯', 'singleParent', 'fact'),
  column('異動回数（過去3年）', 'movesLast3Years', 'fact'),
];

const mark = { true: ['○', '〇', '1', '有'], false: ['無', '0', '×'] };

/**
 * 住民基本台帳 extract (CP932 CSV): one `person` record per resident; the roster defines the
 * children every other source is linked to. 外字 pass through as private-use characters.
 * @example
 * const run = await runConnector(roster, { file: 'juki.csv', bytes });
 */
export const roster = defineConnector({
  name: 'roster',
  module: import.meta.url,
  version: '1',
  title: { ja: '住民基本台帳', en: 'Resident roster' },
  source: 'roster',
  roster: true,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: rosterColumns,
  facts: rosterFacts,
  normalize(row) {
    const r = rowReader(row);
    const residentNumber = r.text('residentNumber');
    const identity = {
      residentNumber,
      householdNumber: r.text('householdNumber'),
      name: r.text('name'),
      kana: r.kana('kana'),
      birthDate: r.date('birthDate'),
      sex: r.sex('sex'),
      relation: r.text('relation'),
      address: r.text('address'),
      dvSupport: r.bool('dvSupport', mark, { required: false }) ?? false,
    };
    const facts = {
      'roster.movesLast3Years': r.int('movesLast3Years', { min: 0, max: 99 }),
      'roster.singleParent': r.bool('singleParent', mark, { required: false }) ?? false,
      'roster.householdSize': r.int('householdSize', { min: 1, max: 99 }),
    };
    const result = r.result([{ kind: 'person', identity, facts }]);
    const bad = residentNumberIssues(row, residentNumber);
    return bad.length === 0 ? result : { records: [], issues: [...result.issues, ...bad] };
  },
});
