import { defineConnector, rowReader, type ColumnSpec } from '@mimamori/connector-kit';
import type { FactDeclaration } from '@mimamori/records';

const use = {
  purpose: 'こどもの困難（虐待・不登園・貧困）の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

/** Facts from the nursery office (保育所・幼稚園 enrolment and attendance). */
export const nurseryFacts: readonly FactDeclaration[] = [
  {
    id: 'nursery.enrolment',
    label: { ja: '在籍区分', en: 'Enrolment' },
    type: 'code',
    allowedValues: ['保育所', '幼稚園', '未就園'],
    ...use,
  },
  {
    id: 'nursery.absenceDaysPerMonth',
    label: { ja: '月平均欠席日数', en: 'Absence days per month (average)' },
    type: 'number',
    unit: '日/月',
    min: 0,
    max: 31,
    ...use,
  },
  {
    id: 'nursery.longestAbsence',
    label: { ja: '最長連続欠席日数', en: 'Longest consecutive absence' },
    type: 'number',
    unit: '日',
    min: 0,
    ...use,
  },
  {
    id: 'nursery.feeArrearsMonths',
    label: { ja: '給食費等の滞納月数', en: 'Fee or lunch arrears' },
    type: 'number',
    unit: '月',
    min: 0,
    ...use,
  },
];

function column(header: string, key: string, role: ColumnSpec['role']): ColumnSpec {
  return { header, key, role, required: true, personal: role === 'identity' };
}

/** Columns of the nursery extract (CP932; no 宛名番号: linked by name, reading and birth date). */
export const nurseryColumns: readonly ColumnSpec[] = [
  column('園コード', 'nursery', 'context'),
  column('児童氏名', 'name', 'identity'),
  column('ふりがな', 'kana', 'identity'),
  column('生年月日', 'birthDate', 'identity'),
  column('性別', 'sex', 'identity'),
  column('在籍区分', 'enrolment', 'fact'),
  column('月平均欠席日数', 'absenceDaysPerMonth', 'fact'),
  column('最長連続欠席日数', 'longestAbsence', 'fact'),
  column('給食費等滞納月数', 'feeArrearsMonths', 'fact'),
];

/** 在籍区分 export codes. */
const enrolments = { '1': '保育所', '2': '幼稚園', '3': '未就園' };

/**
 * 保育 extract (CP932 CSV): one observation per preschool child aged 3–5, enrolled or not.
 * Attendance cells are empty for children not enrolled (未就園).
 * @example
 * const run = await runConnector(nursery, { file: 'hoiku.csv', bytes });
 */
export const nursery = defineConnector({
  name: 'nursery',
  module: import.meta.url,
  version: '1',
  title: { ja: '保育', en: 'Nursery' },
  source: 'nursery',
  roster: false,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: nurseryColumns,
  facts: nurseryFacts,
  normalize(row) {
    const r = rowReader(row);
    const identity = {
      name: r.text('name'),
      kana: r.kana('kana'),
      birthDate: r.date('birthDate'),
      sex: r.sex('sex'),
    };
    const enrolment = r.code('enrolment', enrolments);
    const enrolled = enrolment !== undefined && enrolment !== '未就園';
    const attendance = { required: enrolled, min: 0 } as const;
    const facts = {
      'nursery.enrolment': enrolment,
      'nursery.absenceDaysPerMonth': r.decimal('absenceDaysPerMonth', { ...attendance, max: 31 }),
      'nursery.longestAbsence': r.int('longestAbsence', { ...attendance, max: 366 }),
      'nursery.feeArrearsMonths': r.int('feeArrearsMonths', { ...attendance, max: 120 }),
    };
    const context = { nursery: r.text('nursery', { required: enrolled }) };
    return r.result([{ kind: 'observation', identity, context, facts }]);
  },
});
