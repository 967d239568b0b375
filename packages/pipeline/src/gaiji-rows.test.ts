import type { RawRow } from '@mimamori/connector-kit';
import { childrensHallMapping, createMappedConnector } from '@mimamori/mapping';
import { describe, expect, it } from 'vitest';
import { applyGaijiToRows } from './gaiji-rows';

function row(values: Record<string, string>): RawRow {
  const columns = Object.fromEntries(Object.keys(values).map((k) => [k, Number(k.slice(1))]));
  return { file: 'hall.csv', line: 4, values, columns };
}

describe('applyGaijiToRows', () => {
  const hall = createMappedConnector(childrensHallMapping());

  it("reports `?` placeholders in a mapped source's name and kana columns at line:column", () => {
    const { issues } = applyGaijiToRows(
      hall,
      [row({ c1: '山?太郎', c2: 'ﾔﾏ？ﾀﾛｳ', c7: '来館? 不明' })],
      new Map(),
    );
    expect(issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual([
      '4:1 gaiji_unmapped',
      '4:2 gaiji_unmapped',
    ]);
    expect(JSON.stringify(issues)).not.toContain('太郎');
  });
});
