import { runConnector } from '@mimamori/connector-kit';
import { formatRowIssue } from '@mimamori/records';
import { generateVillage } from '@mimamori/village';
import { describe, expect, it } from 'vitest';
import { createMappedConnector } from '../mapped-connector';
import type { Mapping } from '../mapping-schema';
import { inferMapping } from './infer-mapping';

/**
 * What the code connectors (connectors/*\/src) read from each village export: identity headers
 * and their identity field, context columns, and the type of every fact column as exported.
 * Two welfare columns are exported as codes and reduced by the connector (手帳 type → has one;
 * 要介護N → N): the export type is what inference can see.
 */
const expected: Record<
  string,
  {
    identity: Record<string, string>;
    context: Record<string, string>;
    facts: Record<string, string>;
  }
> = {
  roster: {
    identity: {
      宛名番号: 'residentNumber',
      世帯番号: 'householdNumber',
      氏名: 'name',
      氏名フリガナ: 'kana',
      生年月日: 'birthDate',
      性別: 'sex',
      続柄: 'relation',
      支援措置: 'dvSupport',
    },
    context: {},
    facts: { 世帯人員: 'number', ひとり親世帯: 'boolean', '異動回数（過去3年）': 'number' },
  },
  welfare: {
    identity: {
      宛名番号: 'residentNumber',
      氏名: 'name',
      カナ氏名: 'kana',
      生年月日: 'birthDate',
      性別: 'sex',
    },
    context: {},
    facts: {
      児童扶養手当: 'code',
      生活保護: 'boolean',
      ひとり親医療: 'boolean',
      '障害者手帳（世帯）': 'code',
      '要介護度（同居家族）': 'code',
      要対協登録: 'boolean',
      虐待通告件数: 'number',
    },
  },
  health: {
    identity: {
      宛名番号: 'residentNumber',
      氏名: 'name',
      フリガナ: 'kana',
      生年月日: 'birthDate',
      性別: 'sex',
    },
    context: {},
    facts: {
      健診未受診回数: 'number',
      直近健診結果: 'code',
      体重パーセンタイル: 'number',
      '問診 たたく・怒鳴る該当数': 'number',
      家計の状況: 'number',
      予防接種未接種数: 'number',
    },
  },
  nursery: {
    identity: { 児童氏名: 'name', ふりがな: 'kana', 生年月日: 'birthDate', 性別: 'sex' },
    context: { 園コード: 'nursery' },
    facts: {
      在籍区分: 'code',
      月平均欠席日数: 'number',
      最長連続欠席日数: 'number',
      給食費等滞納月数: 'number',
    },
  },
  school: {
    identity: { 氏名: 'name', フリガナ: 'kana', 生年月日: 'birthDate', 性別: 'sex' },
    context: { 学校コード: 'school', 学年: 'grade' },
    facts: {
      欠席日数: 'number',
      うち病気以外の欠席日数: 'number',
      遅刻回数: 'number',
      早退回数: 'number',
      保健室来室回数: 'number',
      就学援助: 'code',
      健診後未受診件数: 'number',
      いじめアンケート被害: 'boolean',
      学校生活アンケート得点: 'number',
      学力テスト得点: 'number',
      学力テスト前回比: 'number',
      担任所見件数: 'number',
    },
  },
};

/** What staff add in the wizard before an inferred mapping can be saved. */
function completed(mapping: Mapping): Mapping {
  const legal = {
    purpose: 'こどもの困難の早期把握と支援',
    legalBasis: '個人情報保護法第61条第1項',
    retention: '判定後5年',
  };
  return {
    ...mapping,
    columns: mapping.columns.map((c) => (c.fact ? { ...c, fact: { ...c.fact, ...legal } } : c)),
  };
}

const village = generateVillage({ children: 200, seed: 3 });

describe('inferMapping on the village exports (200 children, seed 3)', () => {
  for (const file of village.files) {
    const want = expected[file.connector]!;

    it(`${file.name}: proposes the ${file.connector} connector's identity columns, context and fact types`, async () => {
      const { mapping, columns } = await inferMapping(
        { file: file.name, bytes: file.bytes },
        { today: village.truth.asOf },
      );
      const identity = Object.fromEntries(
        mapping.columns
          .filter((c) => c.role === 'identity')
          .map((c) => [c.header, c.identityField]),
      );
      expect(identity).toEqual(want.identity);
      // School, grade and nursery are noticed but proposed as ignored: a mapped source may not
      // set them (the school and nursery connectors own them).
      const context = Object.fromEntries(
        columns.filter((c) => c.contextField).map((c) => [c.header, c.contextField]),
      );
      expect(context).toEqual(want.context);
      for (const header of Object.keys(want.context))
        expect(mapping.columns.find((c) => c.header === header)?.role).toBe('ignore');
      expect(mapping.columns.filter((c) => c.role === 'context')).toEqual([]);
      const facts = Object.fromEntries(
        mapping.columns.filter((c) => c.role === 'fact').map((c) => [c.header, c.fact?.type]),
      );
      expect(facts).toEqual(want.facts);
      for (const column of columns.filter((c) => c.role === 'identity')) {
        expect(column.confidence, column.header).toBeGreaterThanOrEqual(0.6);
      }
      for (const column of mapping.columns)
        if (column.role !== 'fact') expect(column.fact).toBeUndefined();
    });

    it(`${file.name}: once purposes are filled in, imports the whole file with no issue`, async () => {
      const inferred = await inferMapping(
        { file: file.name, bytes: file.bytes },
        { today: village.truth.asOf },
      );
      expect(inferred.problems.map((p) => p.code)).toContain('missing_purpose');
      const connector = createMappedConnector(completed(inferred.mapping));
      const run = await runConnector(
        connector,
        await connector.prepareInput({ file: file.name, bytes: file.bytes }),
      );
      expect(run.issues.map(formatRowIssue)).toEqual([]);
      expect(run.records.length).toBe(inferred.sample.rows);
      const owners = new Map(
        village.truth.lines
          .filter((l) => l.file === file.name)
          .map((l) => [l.line, l.residentNumber]),
      );
      const children = new Map(village.truth.children.map((c) => [c.residentNumber, c]));
      for (const record of run.records) {
        const child = children.get(owners.get(record.line) ?? '');
        if (!child) continue;
        expect(record.identity.birthDate, `line ${record.line}`).toBe(child.birthDate);
        expect(record.identity.sex, `line ${record.line}`).toBe(child.sex);
      }
    });
  }
});
