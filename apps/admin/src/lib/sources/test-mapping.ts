/** A small inferred mapping for tests: the children's hall sample as inference leaves it. */
import type { ColumnInference, Mapping } from './mapping';

const blank = { purpose: '', legalBasis: '', retention: '' };

export function testMapping(): Mapping {
  return {
    name: 'childrens-hall',
    version: '1',
    title: { ja: '児童館来館記録', en: 'Childrens hall' },
    source: 'other',
    file: { format: 'csv', encoding: 'cp932', delimiter: ',', headerRow: 1 },
    columns: [
      { header: '氏名', role: 'identity', identityField: 'name', required: true, personal: true },
      {
        header: '来館日数',
        role: 'fact',
        required: true,
        personal: false,
        fact: {
          id: 'childrensHall.col2',
          label: { ja: '来館日数', en: 'Column 2' },
          type: 'number',
          integer: true,
          ...blank,
        },
      },
      {
        header: '区分',
        role: 'fact',
        required: true,
        personal: false,
        fact: {
          id: 'childrensHall.col3',
          label: { ja: '区分', en: 'Column 3' },
          type: 'code',
          codes: { '1': '1', '2': '2' },
          ...blank,
        },
      },
      { header: '備考', role: 'personal', required: false, personal: true },
    ],
  };
}

export function testInference(
  index: number,
  patch: Partial<ColumnInference> = {},
): ColumnInference {
  return {
    index,
    header: `h${index}`,
    type: 'integer',
    role: 'fact',
    personal: false,
    confidence: 0.9,
    candidates: [],
    reason: 'integer values',
    ...patch,
  };
}
