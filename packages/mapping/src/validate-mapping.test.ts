import { describe, expect, it } from 'vitest';
import { childrensHallMapping } from './childrens-hall-sample';
import type { MappedColumn, Mapping } from './mapping-schema';
import { parseMapping, validateMapping } from './validate-mapping';

const legal = { purpose: 'p', legalBasis: 'l', retention: 'r' };

function withColumns(columns: MappedColumn[]): Mapping {
  return { ...childrensHallMapping(), columns };
}

function problems(input: unknown): string[] {
  const result = validateMapping(input);
  return result.problems.map((p) => `${p.path} ${p.code}`);
}

describe('validateMapping', () => {
  it('accepts the reference mapping', () => {
    expect(validateMapping(childrensHallMapping())).toMatchObject({ ok: true, problems: [] });
    expect(parseMapping(childrensHallMapping()).name).toBe('childrens-hall');
  });

  it('points at shape errors with JSON pointers', () => {
    const bad = {
      ...childrensHallMapping(),
      version: 1,
      file: { format: 'pdf', encoding: 'auto', headerRow: 0 },
    };
    expect(problems(bad)).toEqual([
      '/version schema',
      '/file/format schema',
      '/file/headerRow schema',
    ]);
    expect(problems({ ...childrensHallMapping(), extra: true })).toEqual([' schema']);
  });

  it('reports every cross-field problem at its column', () => {
    const hall = childrensHallMapping();
    const visit = hall.columns[4]!;
    const fact = visit.fact!;
    const mapping = withColumns([
      { header: '氏名', role: 'identity', required: true, personal: true },
      { ...visit, fact: { ...fact, id: 'other.visitDays' } },
      { ...visit, header: '来館回数', fact: { ...fact, id: 'childrensHall.visitDays' } },
      { ...visit, header: '来館回数２', fact: { ...fact, id: 'childrensHall.visitDays' } },
      {
        header: '区分',
        role: 'fact',
        required: true,
        personal: false,
        fact: {
          id: 'childrensHall.kind',
          label: { ja: '区分', en: 'Kind' },
          type: 'code',
          ...legal,
        },
      },
      {
        header: '氏名２',
        role: 'fact',
        required: true,
        personal: true,
        fact: { ...fact, id: 'childrensHall.nameLike' },
      },
      { header: '学校', role: 'context', required: true, personal: false },
      {
        header: '旗',
        role: 'fact',
        required: true,
        personal: false,
        fact: {
          id: 'childrensHall.flag',
          label: { ja: '旗', en: 'Flag' },
          type: 'boolean',
          purpose: '',
          legalBasis: '要記入',
          retention: ' ',
        },
      },
      { header: '氏名', role: 'ignore', required: false, personal: false },
      { header: 'メモ', role: 'personal', required: false, personal: true, fact },
      { header: '数', role: 'fact', required: false, personal: false },
    ]);
    expect(problems(mapping)).toEqual([
      '/columns/0/identityField missing_identity_field',
      '/columns/1/fact/id bad_fact_id',
      '/columns/3/fact/id duplicate_fact_id',
      '/columns/4/fact/codes missing_code_table',
      '/columns/5/role personal_fact',
      '/columns/6/role context_not_allowed',
      '/columns/7/fact/boolean missing_boolean_spellings',
      '/columns/7/fact/purpose missing_purpose',
      '/columns/7/fact/legalBasis placeholder_text',
      '/columns/7/fact/retention missing_retention',
      '/columns/8/header duplicate_header',
      '/columns/9/fact unexpected_fact',
      '/columns/10/fact missing_fact',
    ]);
  });

  it('refuses school, grade and nursery context: the school and nursery connectors own it', () => {
    for (const contextField of ['school', 'grade', 'nursery'] as const) {
      const columns: MappedColumn[] = [
        ...childrensHallMapping().columns,
        { header: '学校', role: 'context', contextField, required: false, personal: false },
      ];
      const result = validateMapping(withColumns(columns));
      expect(result.problems).toEqual([
        expect.objectContaining({
          path: '/columns/7/role',
          code: 'context_not_allowed',
          messageJa: expect.stringContaining('学校・保育のコネクタ'),
        }),
      ]);
    }
  });

  it('refuses two identity columns for one field; a personal column may name a field', () => {
    const hall = childrensHallMapping().columns;
    const guardian = { header: '保護者氏名', identityField: 'name', required: false } as const;
    const personal = withColumns([
      hall[0]!,
      { ...guardian, role: 'personal', personal: true },
      ...hall.slice(1),
    ]);
    expect(problems(personal)).toEqual([]);
    const twice = withColumns([
      hall[0]!,
      { ...guardian, role: 'identity', personal: true },
      ...hall.slice(1),
    ]);
    expect(problems(twice)).toEqual(['/columns/1/identityField duplicate_identity_field']);
  });

  it('refuses the name of a built-in connector: the source kinds, and any given', () => {
    for (const name of ['school', 'roster', 'welfare']) {
      expect(problems({ ...childrensHallMapping(), name })).toContain('/name reserved_name');
    }
    const mapping = childrensHallMapping();
    expect(problems(mapping)).toEqual([]);
    const reserved = validateMapping(mapping, { reservedNames: ['childrens-hall'] });
    expect(reserved.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['/name reserved_name']);
  });

  it('needs at least one identity column and says so in Japanese too', () => {
    const columns = childrensHallMapping().columns.filter((c) => c.role !== 'identity');
    const result = validateMapping(withColumns(columns));
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: '/columns',
        code: 'no_identity_column',
        messageJa: expect.stringContaining('本人特定列'),
      }),
    ]);
  });

  it('throws MappingError with the problems as cause', () => {
    expect(() => parseMapping({})).toThrow(
      expect.objectContaining({ name: 'MappingError', code: 'invalid_mapping' }),
    );
  });
});
