import type { FactDeclaration } from '@mimamori/records';
import type { Connector } from './connector';
import { defineConnector } from './define-connector';
import { encodeCsv } from './encode-csv';
import { rowReader } from './row-reader';
import { writeXlsx } from './write-xlsx';

const legal = { purpose: 'synthetic test', legalBasis: 'none (test)', retention: 'test run' };

const facts: FactDeclaration[] = [
  {
    id: 'nursery.absenceDays',
    label: { ja: '欠席日数', en: 'Absence days' },
    type: 'number',
    min: 0,
    max: 31,
    ...legal,
  },
  {
    id: 'nursery.enrolment',
    label: { ja: '在籍区分', en: 'Enrolment' },
    type: 'code',
    allowedValues: ['nursery', 'kindergarten', 'none'],
    ...legal,
  },
  { id: 'nursery.feeArrears', label: { ja: '滞納', en: 'Fee arrears' }, type: 'boolean', ...legal },
  { id: 'nursery.enteredOn', label: { ja: '入園日', en: 'Entered on' }, type: 'date', ...legal },
];

const ENROLMENT = { '1': 'nursery', '2': 'kindergarten', '9': 'none' } as const;

/** A small nursery connector used to exercise the kit and its conformance suite. */
export function createExampleConnector(): Connector {
  return defineConnector({
    name: 'example-nursery',
    version: '1',
    title: { ja: '保育（例）', en: 'Nursery (example)' },
    source: 'nursery',
    roster: false,
    file: { formats: ['csv', 'xlsx'], encoding: 'auto' },
    columns: [
      {
        header: '宛名番号',
        key: 'residentNumber',
        role: 'identity',
        required: true,
        personal: true,
      },
      { header: 'カナ氏名', key: 'kana', role: 'identity', required: false, personal: true },
      { header: '生年月日', key: 'birthDate', role: 'identity', required: true, personal: true },
      { header: '性別', key: 'sex', role: 'identity', required: false, personal: true },
      { header: '園コード', key: 'nursery', role: 'context', required: false, personal: false },
      { header: '在籍区分', key: 'enrolment', role: 'fact', required: true, personal: false },
      { header: '欠席日数', key: 'absenceDays', role: 'fact', required: true, personal: false },
      { header: '保育料滞納', key: 'arrears', role: 'fact', required: false, personal: false },
      { header: '入園日', key: 'enteredOn', role: 'fact', required: false, personal: false },
    ],
    facts,
    normalize(row) {
      const r = rowReader(row);
      return r.result([
        {
          kind: 'observation',
          identity: {
            residentNumber: r.text('residentNumber'),
            kana: r.kana('kana'),
            birthDate: r.date('birthDate'),
            sex: r.sex('sex'),
          },
          context: { nursery: r.text('nursery') },
          facts: {
            'nursery.enrolment': r.code('enrolment', ENROLMENT),
            'nursery.absenceDays': r.int('absenceDays', { min: 0, max: 31 }),
            'nursery.feeArrears': r.bool('arrears', {
              true: ['有', 'あり'],
              false: ['無', 'なし'],
            }),
            'nursery.enteredOn': r.date('enteredOn'),
          },
        },
      ]);
    },
  });
}

/** The example connector's export as a table: header plus `count` synthetic rows. */
export function exampleRows(count: number): string[][] {
  const header = [
    'No',
    '宛名番号',
    'カナ氏名',
    '生年月日',
    '性別',
    '園コード',
    '在籍区分',
    '欠席日数',
    '保育料滞納',
    '入園日',
    '備考',
  ];
  const rows = [header];
  const eras = ['平成30年4月2日', 'R2.5.10', 'H31/04/30', '令和元年5月1日', 'Ｒ３．１．７'];
  for (let i = 0; i < count; i++) {
    rows.push([
      String(i + 1),
      String(1000000000 + i * 7),
      i % 2 === 0 ? 'ﾀｶﾊｼ ﾊﾟﾝﾀﾞ' : 'スズキ ハナ',
      eras[i % eras.length] ?? '',
      i % 3 === 0 ? '男' : '2',
      `N0${i % 4}`,
      i % 5 === 0 ? '２' : '1',
      i % 7 === 0 ? '１２' : String(i % 20),
      i % 4 === 0 ? '有' : i % 4 === 1 ? '' : 'なし',
      i % 3 === 0 ? '' : '2023-04-01',
      i % 6 === 0 ? 'メモ, "複数行"\r\n二行目' : '',
    ]);
  }
  return rows;
}

/** The example export in every shape a municipality sends: CP932, UTF-8 (BOM or not), XLSX. */
export async function exampleFixtures(
  count: number,
): Promise<{ file: string; bytes: Uint8Array }[]> {
  const rows = exampleRows(count);
  return [
    { file: 'nursery-cp932.csv', bytes: encodeCsv(rows, { encoding: 'cp932' }) },
    { file: 'nursery-bom.csv', bytes: encodeCsv(rows, { encoding: 'utf-8-bom', newline: '\n' }) },
    { file: 'nursery-utf8.csv', bytes: encodeCsv(rows, { encoding: 'utf-8' }) },
    { file: 'nursery.xlsx', bytes: await writeXlsx([{ name: '在籍', rows }]) },
  ];
}
