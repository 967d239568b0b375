import { formatWareki } from '../export-format';
import { officeKana, officeName } from '../office-identity';
import { clampInt, type SourceRow, type SourceSpec } from './source';

/** 母子保健 extract (乳幼児健診, 問診, 予防接種): XLSX, kanji 和暦 as text, 宛名番号. */
export const healthSource: SourceSpec = {
  connector: 'health',
  file: 'kenshin.xlsx',
  format: 'xlsx',
  sheet: '健診・予防接種',
  header: [
    '宛名番号',
    '氏名',
    'フリガナ',
    '生年月日',
    '性別',
    '健診未受診回数',
    '直近健診結果',
    '体重パーセンタイル',
    '問診 たたく・怒鳴る該当数',
    '家計の状況',
    '予防接種未接種数',
  ],
  rows(household, rng, cal) {
    const rows: SourceRow[] = [];
    for (const child of household.children) {
      // A few children moved in after their checkups: the health office has no record of them.
      if (rng.chance(0.03)) continue;
      const neglect = household.neglect;
      const severe = child.severe && neglect;
      const missed = neglect
        ? rng.weighted([
            [0, 20],
            [1, 35],
            [2, 28],
            [3, severe ? 25 : 10],
          ] as const)
        : rng.weighted([
            [0, 90],
            [1, 8],
            [2, 2],
          ] as const);
      const finding =
        missed === 3
          ? null
          : neglect
            ? rng.weighted([
                [1, 45],
                [2, 35],
                [3, 20],
              ] as const)
            : rng.weighted([
                [1, 85],
                [2, 12],
                [3, 3],
              ] as const);
      const weight = neglect ? rng.normal(18, 14) : rng.normal(50, 24);
      const hitting = neglect
        ? rng.weighted([
            [0, 15],
            [1, 25],
            [2, 30],
            [3, 20],
            [4, severe ? 20 : 8],
          ] as const)
        : rng.weighted([
            [0, 72],
            [1, 21],
            [2, 5],
            [3, household.poverty ? 4 : 2],
          ] as const);
      const finance = household.poverty
        ? rng.weighted([
            [2, 5],
            [3, 25],
            [4, 45],
            [5, 25],
          ] as const)
        : rng.weighted([
            [1, 15],
            [2, 40],
            [3, 35],
            [4, 8],
            [5, 2],
          ] as const);
      const vaccines = neglect
        ? rng.weighted([
            [0, 25],
            [1, 25],
            [2, 25],
            [3, 15],
            [4, 10],
          ] as const)
        : rng.weighted([
            [0, 88],
            [1, 9],
            [2, 3],
          ] as const);
      rows.push({
        residentNumber: child.residentNumber,
        cells: [
          child.residentNumber,
          officeName(rng, child, cal),
          officeKana(rng, child, 0),
          formatWareki(child.birthDate, 'kanji'),
          child.sex,
          missed,
          finding,
          clampInt(weight, 1, 99),
          hitting,
          finance,
          vaccines,
        ],
      });
    }
    return rows;
  },
};
