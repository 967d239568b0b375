import {
  defineConnector,
  residentNumberIssues,
  rowReader,
  type ColumnSpec,
} from '@mimamori/connector-kit';
import { normalizeResidentNumber } from '@mimamori/identity';
import type { FactDeclaration } from '@mimamori/records';

const use = {
  purpose: 'こどもの困難（貧困・虐待・ヤングケアラー）の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

/** Facts from the welfare registers (児童扶養手当, 生活保護, ひとり親医療, 障害, 介護, 要対協). */
export const welfareFacts: readonly FactDeclaration[] = [
  {
    id: 'welfare.childSupportAllowance',
    label: { ja: '児童扶養手当の支給状況', en: 'Child support allowance status' },
    type: 'code',
    allowedValues: ['全部支給', '一部支給', '停止', 'なし'],
    ...use,
  },
  {
    id: 'welfare.publicAssistance',
    label: { ja: '生活保護受給', en: 'Public assistance' },
    type: 'boolean',
    ...use,
  },
  {
    id: 'welfare.singleParentMedical',
    label: { ja: 'ひとり親家庭等医療費助成', en: 'One-parent family medical subsidy' },
    type: 'boolean',
    ...use,
  },
  {
    id: 'welfare.disabilityInHousehold',
    label: { ja: '世帯内の障害者手帳所持者', en: 'Disability certificate in household' },
    type: 'boolean',
    ...use,
  },
  {
    id: 'welfare.careNeedInHousehold',
    label: { ja: '同居家族の要介護度', en: 'Care-need level of a household member' },
    type: 'number',
    unit: '要介護度',
    min: 0,
    max: 5,
    ...use,
  },
  {
    id: 'welfare.youtaikyoRegistered',
    label: {
      ja: '要保護児童対策地域協議会への登録',
      en: 'Registered with the child protection council',
    },
    type: 'boolean',
    ...use,
  },
  {
    id: 'welfare.abuseReports',
    label: { ja: '虐待通告件数', en: 'Abuse reports' },
    type: 'number',
    unit: '件',
    min: 0,
    ...use,
  },
];

function column(header: string, key: string, role: ColumnSpec['role']): ColumnSpec {
  return { header, key, role, required: true, personal: role !== 'fact' };
}

/** Columns of the welfare extract (UTF-8 with BOM; 宛名番号 and name for linkage). */
export const welfareColumns: readonly ColumnSpec[] = [
  column('宛名番号', 'residentNumber', 'identity'),
  column('氏名', 'name', 'identity'),
  column('カナ氏名', 'kana', 'identity'),
  column('生年月日', 'birthDate', 'identity'),
  column('性別', 'sex', 'identity'),
  column('児童扶養手当', 'childSupportAllowance', 'fact'),
  column('生活保護', 'publicAssistance', 'fact'),
  column('ひとり親医療', 'singleParentMedical', 'fact'),
  column('障害者手帳（世帯）', 'disabilityInHousehold', 'fact'),
  column('要介護度（同居家族）', 'careNeedInHousehold', 'fact'),
  column('要対協登録', 'youtaikyoRegistered', 'fact'),
  column('虐待通告件数', 'abuseReports', 'fact'),
];

/** 児童扶養手当 export codes; an empty cell means not receiving it. */
const allowance = { '1': '全部支給', '2': '一部支給', '3': '停止', '0': 'なし' };
const mark = { true: ['○', '〇', '1', '有'], false: ['無', '0', '×'] };
const certificates: Record<string, string> = Object.fromEntries(
  [
    ...[1, 2, 3, 4, 5, 6, 7].map((g) => `身体${g}級`),
    ...['A', 'B', 'A1', 'A2', 'B1', 'B2'].map((g) => `療育${g}`),
    ...[1, 2, 3].map((g) => `精神${g}級`),
  ].map((code) => [code, code]),
);
const careLevels: Record<string, string> = {
  要支援1: '0',
  要支援2: '0',
  ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`要介護${n}`, String(n)])),
};

/**
 * 福祉 extract (UTF-8 BOM CSV): one observation per child in a welfare register.
 * Empty flag cells mean no; the certificate type and care level are reduced to the declared facts.
 * @example
 * const run = await runConnector(welfare, { file: 'fukushi.csv', bytes });
 */
export const welfare = defineConnector({
  name: 'welfare',
  module: import.meta.url,
  version: '1',
  title: { ja: '福祉', en: 'Welfare' },
  source: 'welfare',
  roster: false,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: welfareColumns,
  facts: welfareFacts,
  normalize(row) {
    const r = rowReader(row);
    const text = r.text('residentNumber');
    const residentNumber = text === undefined ? undefined : normalizeResidentNumber(text);
    const optional = { required: false } as const;
    const identity = {
      residentNumber,
      name: r.text('name'),
      kana: r.kana('kana'),
      birthDate: r.date('birthDate'),
      sex: r.sex('sex'),
    };
    const care = r.code('careNeedInHousehold', careLevels, optional);
    const facts = {
      'welfare.childSupportAllowance':
        r.code('childSupportAllowance', allowance, optional) ?? 'なし',
      'welfare.publicAssistance': r.bool('publicAssistance', mark, optional) ?? false,
      'welfare.singleParentMedical': r.bool('singleParentMedical', mark, optional) ?? false,
      'welfare.disabilityInHousehold':
        r.code('disabilityInHousehold', certificates, optional) !== undefined,
      'welfare.careNeedInHousehold': care === undefined ? 0 : Number(care),
      'welfare.youtaikyoRegistered': r.bool('youtaikyoRegistered', mark, optional) ?? false,
      'welfare.abuseReports': r.int('abuseReports', { min: 0, max: 99 }),
    };
    const result = r.result([{ kind: 'observation', identity, facts }]);
    const bad = residentNumberIssues(row, residentNumber);
    return bad.length === 0 ? result : { records: [], issues: result.issues.concat(bad) };
  },
});
