import { officeKana, officeName, mixedWareki, toHiragana } from '../office-identity';
import { clampInt, type SourceRow, type SourceSpec } from './source';

/** 在籍区分 as exported: 1 保育所, 2 幼稚園, 3 未就園. */
const enrolmentCodes = { nursery: '1', kindergarten: '2', none: '3' } as const;

/** 保育 extract: every preschool child aged 3–5 known to the office; CP932, mixed 和暦, no 宛名番号. */
export const nurserySource: SourceSpec = {
  connector: 'nursery',
  file: 'hoiku.csv',
  format: 'cp932',
  header: [
    '園コード',
    '児童氏名',
    'ふりがな',
    '生年月日',
    '性別',
    '在籍区分',
    '月平均欠席日数',
    '最長連続欠席日数',
    '給食費等滞納月数',
  ],
  rows(household, rng, cal) {
    const rows: SourceRow[] = [];
    for (const child of household.children) {
      if (child.grade > 0) continue;
      // Children who moved in after the last survey are unknown to the nursery office.
      if (rng.chance(0.02)) continue;
      const neglect = household.neglect;
      const youngest = child.grade === -2 ? 6 : 0;
      const enrolment = neglect
        ? rng.weighted([
            ['nursery', 55],
            ['kindergarten', 15],
            ['none', 30],
          ] as const)
        : household.poverty
          ? rng.weighted([
              ['nursery', 75],
              ['kindergarten', 15],
              ['none', 10 + youngest],
            ] as const)
          : rng.weighted([
              ['nursery', 58],
              ['kindergarten', 38],
              ['none', 3 + youngest],
            ] as const);
      const code =
        enrolment === 'nursery'
          ? rng.chance(0.7)
            ? 'N01'
            : 'N02'
          : enrolment === 'kindergarten'
            ? 'K01'
            : '';
      const severe = neglect && child.severe;
      const absence = neglect ? rng.normal(severe ? 7.5 : 5, 2) : Math.abs(rng.normal(0, 1.6));
      const longest = neglect
        ? rng.int(5, severe ? 30 : 15)
        : rng.weighted([
            [0, 10],
            [1, 30],
            [2, 25],
            [3, 20],
            [5, 10],
            [7, 5],
          ] as const);
      const arrears = household.poverty
        ? rng.weighted([
            [0, 60],
            [1, 15],
            [2, 10],
            [3, 8],
            [6, 7],
          ] as const)
        : rng.weighted([
            [0, 97],
            [1, 2],
            [2, 1],
          ] as const);
      const enrolled = enrolment !== 'none';
      rows.push({
        residentNumber: child.residentNumber,
        cells: [
          code,
          officeName(rng, child, cal),
          rng.chance(0.7) ? toHiragana(officeKana(rng, child, 0)) : officeKana(rng, child, 0),
          mixedWareki(rng, child.birthDate),
          String(child.sex),
          enrolmentCodes[enrolment],
          enrolled ? (Math.round(Math.max(0, absence) * 10) / 10).toFixed(1) : '',
          enrolled ? String(clampInt(longest, 0, 60)) : '',
          enrolled ? String(arrears) : '',
        ],
      });
    }
    return rows;
  },
};
