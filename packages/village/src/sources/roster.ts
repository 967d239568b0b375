import { toFullWidthDigits } from '../calendar';
import { formatWareki, toHalfWidthKana } from '../export-format';
import { rosterKana, rosterName } from '../office-identity';
import { mark, type SourceSpec } from './source';

/** 住民基本台帳 extract: every member of households with a child 3–15; CP932, 和暦, some ｶﾅ. */
export const rosterSource: SourceSpec = {
  connector: 'roster',
  file: 'juki.csv',
  format: 'cp932',
  header: [
    '宛名番号',
    '世帯番号',
    '氏名',
    '氏名フリガナ',
    '生年月日',
    '性別',
    '続柄',
    '住所',
    '支援措置',
    '世帯人員',
    'ひとり親世帯',
    '異動回数（過去3年）',
  ],
  rows(household, rng, cal) {
    const halfWidth = rng.chance(cal.halfWidthKana);
    return household.members.map((person) => {
      const style = rng.weighted([
        ['kanji', 48],
        ['short', 25],
        ['slash', 25],
        ['kanji-full', 2],
      ] as const);
      const birth =
        style === 'kanji-full'
          ? toFullWidthDigits(formatWareki(person.birthDate, 'kanji'))
          : formatWareki(person.birthDate, style);
      const kana = rosterKana(person);
      return {
        residentNumber: person.residentNumber,
        cells: [
          person.residentNumber,
          household.number,
          rosterName(person),
          halfWidth ? toHalfWidthKana(kana) : kana,
          birth,
          String(person.sex),
          person.relation,
          household.address,
          mark(household.dvSupport),
          String(household.members.length),
          mark(household.singleParent),
          String(household.moves),
        ],
      };
    });
  },
};
