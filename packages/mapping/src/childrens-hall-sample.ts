import { encodeCsv, formatWareki, parseCsv, toHalfWidthKana } from '@mimamori/connector-kit';
import { applyGaijiTable, createGaijiTable, type GaijiEntry } from '@mimamori/identity';
import { MappingError } from './mapping-error';
import type { Mapping } from './mapping-schema';

/** The slice of a generated village the sample needs (structurally a `@mimamori/village` Village). */
export interface SampleVillage {
  readonly files: readonly {
    readonly name: string;
    readonly bytes: Uint8Array;
    readonly connector: string;
  }[];
  readonly gaijiTable: readonly GaijiEntry[];
  readonly truth: {
    readonly children: readonly {
      readonly residentNumber: string;
      readonly birthDate: string;
      readonly sex: 1 | 2;
      readonly age: number;
    }[];
  };
}

/** Options for the sample: how many rows (children aged 6–15 first, default all of them). */
export interface ChildrensHallSampleOptions {
  readonly rows?: number;
  readonly seed?: number;
}

/** Headers of the children's hall attendance export. */
export const childrensHallHeaders = [
  '氏名',
  'フリガナ',
  '生年月日',
  '性別',
  '来館日数',
  '最終来館日',
  '備考',
] as const;

const NOTES = [
  '友達と来館',
  '宿題をして帰った',
  '保護者のお迎えあり',
  'おやつを持ってこないことが多い',
  '卓球クラブに参加',
  '一人で遅くまで残っていた',
  '工作教室に参加、楽しそうだった',
  '図書コーナーで読書',
  '兄弟と一緒に来館',
  '職員に学校の話をしてくれた',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rosterNames(village: SampleVillage): Map<string, { name: string; kana: string }> {
  const roster = village.files.find((f) => f.connector === 'roster');
  if (!roster) throw new MappingError('invalid_argument', 'the village has no roster file');
  const rows = parseCsv(new TextDecoder('shift_jis').decode(roster.bytes)).rows;
  const header = rows[0]?.cells ?? [];
  const at = (name: string) => header.indexOf(name);
  const [id, name, kana] = [at('宛名番号'), at('氏名'), at('氏名フリガナ')];
  const gaiji = createGaijiTable(village.gaijiTable);
  const names = new Map<string, { name: string; kana: string }>();
  for (const row of rows.slice(1)) {
    const cells = row.cells;
    const standard = applyGaijiTable(cells[name] ?? '', gaiji, { name: true });
    names.set(cells[id] ?? '', { name: standard.text, kana: cells[kana] ?? '' });
  }
  return names;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * A children's hall (児童館) attendance export for the village's school-age children, as an
 * office that never had a connector would send it: CP932 CSV, half-width フリガナ, 和暦 dates,
 * 男/女, visit counts and a free-text 備考 column. Deterministic for a village and seed.
 *
 * @example
 * const bytes = makeChildrensHallSample(generateVillage({ children: 200, seed: 3 }), { rows: 50 });
 */
export function makeChildrensHallSample(
  village: SampleVillage,
  options: ChildrensHallSampleOptions = {},
): Uint8Array {
  const random = mulberry32(options.seed ?? 20250401);
  const names = rosterNames(village);
  const children = [...village.truth.children].sort(
    (a, b) => Number(b.age >= 6) - Number(a.age >= 6),
  );
  const rows: string[][] = [[...childrensHallHeaders]];
  for (const child of children.slice(0, options.rows ?? children.length)) {
    const person = names.get(child.residentNumber);
    if (!person) continue;
    const visits = random() < 0.15 ? 0 : Math.floor(random() * random() * 150) + 1;
    const last = visits === 0 ? '' : addDays('2025-04-01', Math.floor(random() * 365));
    const note = random() < 0.4 ? '' : (NOTES[Math.floor(random() * NOTES.length)] ?? '');
    const extra = note !== '' && random() < 0.3 ? `。${NOTES[rows.length % NOTES.length]}` : '';
    rows.push([
      person.name,
      toHalfWidthKana(person.kana),
      formatWareki(child.birthDate, random() < 0.5 ? 'kanji' : 'short'),
      child.sex === 1 ? '男' : '女',
      String(visits),
      last === '' ? '' : formatWareki(last, random() < 0.5 ? 'kanji' : 'slash'),
      note + extra,
    ]);
  }
  return encodeCsv(rows, { encoding: 'cp932' });
}

const use = {
  purpose: 'こどもの孤立・困難の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項（法令の定める所掌事務の遂行に必要な範囲）',
  retention: '判定後5年',
} as const;

/**
 * The completed mapping for the sample (what staff end up with in the wizard): the reference
 * for tests of the mapped connector and the inference.
 *
 * @example const hall = createMappedConnector(childrensHallMapping());
 */
export function childrensHallMapping(): Mapping {
  const personal = { required: true, personal: true } as const;
  return {
    name: 'childrens-hall',
    version: '1',
    title: { ja: '児童館来館記録', en: "Children's hall attendance" },
    source: 'other',
    file: { format: 'csv', encoding: 'cp932', delimiter: ',', headerRow: 1 },
    columns: [
      { header: '氏名', role: 'identity', identityField: 'name', ...personal },
      { header: 'フリガナ', role: 'identity', identityField: 'kana', ...personal },
      {
        header: '生年月日',
        role: 'identity',
        identityField: 'birthDate',
        dateFormat: 'wareki',
        ...personal,
      },
      { header: '性別', role: 'identity', identityField: 'sex', ...personal },
      {
        header: '来館日数',
        role: 'fact',
        required: true,
        personal: false,
        fact: {
          id: 'childrensHall.visitDays',
          label: { ja: '来館日数', en: 'Visit days' },
          type: 'number',
          unit: '日',
          integer: true,
          min: 0,
          max: 366,
          ...use,
        },
      },
      {
        header: '最終来館日',
        role: 'fact',
        required: false,
        personal: false,
        dateFormat: 'wareki',
        fact: {
          id: 'childrensHall.lastVisit',
          label: { ja: '最終来館日', en: 'Last visit' },
          type: 'date',
          ...use,
        },
      },
      { header: '備考', role: 'personal', required: false, personal: true },
    ],
  };
}
