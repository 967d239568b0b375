import { officeKana, officeName } from '../office-identity';
import { mark, type SourceRow, type SourceSpec } from './source';

/** 児童扶養手当 as exported: 1 全部支給, 2 一部支給, 3 停止, empty なし. */
const allowanceCodes = { full: '1', partial: '2', stopped: '3', none: '' } as const;
const disabilityTypes = [
  '身体1級',
  '身体2級',
  '身体4級',
  '療育A',
  '療育B',
  '精神2級',
  '精神3級',
] as const;

/** 福祉 extract: children in any welfare register; UTF-8 with BOM, western dates, 宛名番号. */
export const welfareSource: SourceSpec = {
  connector: 'welfare',
  file: 'fukushi.csv',
  format: 'utf-8-bom',
  header: [
    '宛名番号',
    '氏名',
    'カナ氏名',
    '生年月日',
    '性別',
    '児童扶養手当',
    '生活保護',
    'ひとり親医療',
    '障害者手帳（世帯）',
    '要介護度（同居家族）',
    '要対協登録',
    '虐待通告件数',
  ],
  rows(household, rng, cal) {
    const allowance = !household.singleParent
      ? 'none'
      : household.poverty
        ? rng.weighted([
            ['full', 70],
            ['partial', 25],
            ['stopped', 5],
          ] as const)
        : rng.weighted([
            ['partial', 45],
            ['stopped', 10],
            ['none', 45],
          ] as const);
    const medical = household.singleParent && rng.chance(household.poverty ? 0.9 : 0.6);
    const disability = rng.chance(household.youngCarer ? 0.6 : 0.035);
    const careNeed = household.youngCarer
      ? rng.int(2, 5)
      : household.members.some((m) => m.relation === '母' || m.relation === '父') &&
          rng.chance(0.12)
        ? rng.int(1, 2)
        : 0;
    const rows: SourceRow[] = [];
    for (const child of household.children) {
      const neglect = household.neglect;
      const registered = rng.chance(neglect ? (child.severe ? 0.7 : 0.25) : 0.001);
      const reports = neglect
        ? rng.chance(child.severe ? 0.8 : 0.3)
          ? rng.int(1, child.severe ? 4 : 2)
          : 0
        : rng.chance(0.002)
          ? 1
          : 0;
      const listed =
        allowance !== 'none' ||
        household.publicAssistance ||
        medical ||
        disability ||
        careNeed > 0 ||
        registered ||
        reports > 0;
      if (!listed) continue;
      const [y, m, d] = child.birthDate.split('-');
      rows.push({
        residentNumber: child.residentNumber,
        cells: [
          child.residentNumber,
          officeName(rng, child, cal),
          officeKana(rng, child, 0),
          `${y}/${m}/${d}`,
          String(child.sex),
          allowanceCodes[allowance],
          mark(household.publicAssistance),
          mark(medical),
          disability ? rng.pick(disabilityTypes) : '',
          careNeed > 0 ? `要介護${careNeed}` : '',
          mark(registered),
          String(reports),
        ],
      });
    }
    return rows;
  },
};
