import { defineConnector, rowReader } from '@mimamori/connector-kit';
import { describe, expect, it } from 'vitest';
import { childrensHallMapping } from '../childrens-hall-sample';
import { createMappedConnector } from '../mapped-connector';
import { checkPublishable } from './check-publishable';
import { buildDataInventory, type InventoryRuleSet } from './data-inventory';
import { renderInventoryHtml, renderInventoryMarkdown } from './render-inventory';

const hall = createMappedConnector(childrensHallMapping());
const legal = {
  purpose: '<見守り> | 支援',
  legalBasis: '個人情報保護法第61条第1項',
  retention: '5年',
};
const school = defineConnector({
  name: 'school-lite',
  version: '2',
  title: { ja: '学校', en: 'School' },
  source: 'school',
  roster: false,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: [
    { header: '氏名', key: 'name', role: 'identity', required: true, personal: true },
    { header: '欠席日数', key: 'absence', role: 'fact', required: true, personal: false },
    { header: '遅刻', key: 'late', role: 'fact', required: true, personal: false },
  ],
  facts: [
    {
      id: 'school.absenceDays',
      label: { ja: '欠席日数', en: 'Absence days' },
      type: 'number',
      unit: '日',
      ...legal,
    },
    {
      id: 'school.lateCount',
      label: { ja: '遅刻回数', en: 'Late count' },
      type: 'number',
      ...legal,
      retention: '要記入',
    },
  ],
  normalize(row) {
    const r = rowReader(row);
    return r.result([{ kind: 'observation', identity: { name: r.text('name') }, facts: {} }]);
  },
});

const ruleSet: InventoryRuleSet = {
  id: 'demo',
  title: { ja: 'デモ', en: 'Demo' },
  facts: [{ id: 'school.absenceDays' }, { id: 'childrensHall.visitDays' }],
  conditions: {
    manyAbsences: { all: [{ fact: 'school.absenceDays', operator: 'greaterThan', value: 30 }] },
  },
  rules: [
    {
      id: 'isolation',
      name: { ja: '児童館に来ない', en: 'No hall visits' },
      conditions: {
        all: [
          { condition: 'manyAbsences' },
          { not: { fact: 'childrensHall.visitDays', operator: 'greaterThan', value: 0 } },
        ],
      },
    },
    {
      id: 'late',
      conditions: {
        any: [
          {
            fact: 'school.lateCount',
            operator: 'greaterThan',
            value: { fact: 'school.absenceDays' },
          },
        ],
      },
    },
    {
      id: 'off',
      enabled: false,
      conditions: { all: [{ fact: 'childrensHall.lastVisit', operator: 'equal', value: null }] },
    },
    { id: 'ghost', conditions: { all: [{ fact: 'library.loans', operator: 'equal', value: 0 }] } },
  ],
};

describe('buildDataInventory', () => {
  const inventory = buildDataInventory({ connectors: [school, hall], ruleSets: [ruleSet] });

  it('lists every source and item with its purpose and the enabled rules using it', () => {
    expect(inventory.sources.map((s) => s.name)).toEqual(['school-lite', 'childrens-hall']);
    const items = Object.fromEntries(
      inventory.sources.flatMap((s) => s.items).map((i) => [i.factId, i.usedBy.map((u) => u.rule)]),
    );
    expect(items).toEqual({
      'school.absenceDays': ['isolation', 'late'],
      'school.lateCount': ['late'],
      'childrensHall.visitDays': ['isolation'],
      'childrensHall.lastVisit': [],
    });
    expect(inventory.sources[1]?.personalColumns).toEqual([
      '氏名',
      'フリガナ',
      '生年月日',
      '性別',
      '備考',
    ]);
    expect(inventory.unusedFacts).toEqual(['childrensHall.lastVisit']);
    expect(inventory.factsWithoutPurpose).toEqual([
      { factId: 'school.lateCount', missing: ['retention'] },
      { factId: 'library.loans', missing: ['purpose', 'legalBasis', 'retention'] },
    ]);
  });

  it('renders a Japanese Markdown document with escaped cells', () => {
    const md = renderInventoryMarkdown(inventory, 'ja');
    expect(md).toContain('## 児童館来館記録');
    expect(md).toContain('| 項目 | 種類 | 利用目的 | 法的根拠 | 保存期間 | 使用する判定ルール |');
    expect(md).toContain(
      '| 欠席日数 | 数値（日） | <見守り> \\| 支援 | 個人情報保護法第61条第1項 | 5年 | 児童館に来ない、late |',
    );
    expect(md).toContain('| 最終来館日 | 日付 |');
    expect(md).toContain('（判定に未使用）');
    expect(md).toContain('名寄せのために読み取る個人情報: 氏名、フリガナ、生年月日、性別、備考');
  });

  it('renders a printable HTML page with escaped text', () => {
    const page = renderInventoryHtml(inventory);
    expect(page).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(page).toContain('@media print');
    expect(page).toContain('<td>&lt;見守り&gt; | 支援</td>');
    expect(page).not.toContain('<見守り>');
  });
});

describe('checkPublishable', () => {
  it('blocks rules on undeclared facts or facts without purpose, in Japanese and English', () => {
    const problems = checkPublishable(ruleSet, [school, hall]);
    expect(problems.map((p) => `${p.ruleId} ${p.factId} ${p.code}`)).toEqual([
      'ghost library.loans undeclared_fact',
      'late school.lateCount missing_retention',
    ]);
    expect(problems[0]?.messageJa).toContain('利用目的が宣言されていません');
    expect(problems[0]?.message).toContain('no source declares');
    expect(problems[1]?.messageJa).toContain('遅刻回数');
  });

  it('passes a rule set whose facts are all declared', () => {
    const ok = { ...ruleSet, rules: ruleSet.rules.slice(0, 1) };
    expect(checkPublishable(ok, [school, hall])).toEqual([]);
  });
});
