import { describe, expect, it } from 'vitest';
import {
  applyLegalToAll,
  codeRows,
  codesFromRows,
  factPrefix,
  mappingForSave,
  renameMapping,
  setFactType,
  setIdentityField,
  setRole,
  updateFact,
} from './mapping-edit';
import { testInference, testMapping } from './test-mapping';

describe('mapping edits', () => {
  it('derives the fact prefix from the kebab-case name', () => {
    expect(factPrefix('childrens-hall')).toBe('childrensHall');
    expect(factPrefix('hall2-visits')).toBe('hall2Visits');
  });

  it('moves fact ids to the new prefix on rename, leaving hand-made ids alone', () => {
    const m = updateFact(testMapping(), 2, { id: 'other.kind' });
    const renamed = renameMapping(m, 'jidokan');
    expect(renamed.name).toBe('jidokan');
    expect(renamed.columns[1]!.fact!.id).toBe('jidokan.col2');
    expect(renamed.columns[2]!.fact!.id).toBe('other.kind');
  });

  it('turns a column into a fact with a fresh declaration typed from inference', () => {
    const m = setRole(testMapping(), 3, 'fact', {
      inference: testInference(3, { type: 'date' }),
    });
    const column = m.columns[3]!;
    expect(column).toMatchObject({ role: 'fact', personal: false });
    expect(column.fact).toMatchObject({
      id: 'childrensHall.col4',
      label: { ja: '備考' },
      type: 'date',
      purpose: '',
    });
  });

  it('drops the fact when a column becomes identity and restores it on the way back', () => {
    const original = testMapping();
    const fact = original.columns[1]!.fact!;
    const identity = setRole(original, 1, 'identity', {
      inference: testInference(1, { candidates: [{ field: 'birthDate', confidence: 0.8 }] }),
    });
    expect(identity.columns[1]).toEqual({
      header: '来館日数',
      role: 'identity',
      identityField: 'birthDate',
      required: true,
      personal: true,
    });
    const back = setRole(identity, 1, 'fact', { restore: fact });
    expect(back.columns[1]!.fact).toBe(fact);
  });

  it('keeps the identity field on personal columns and drops it on ignore', () => {
    const personal = setRole(testMapping(), 0, 'personal');
    expect(personal.columns[0]).toMatchObject({ role: 'personal', identityField: 'name' });
    expect(setRole(personal, 0, 'ignore').columns[0]!.identityField).toBeUndefined();
    expect(setIdentityField(personal, 0, undefined).columns[0]).not.toHaveProperty('identityField');
  });

  it('adds a code table or yes/no spellings when the type needs one', () => {
    const code = setFactType(testMapping(), 1, 'code').columns[1]!.fact!;
    expect(code).toMatchObject({ type: 'code', codes: {} });
    expect(code).not.toHaveProperty('integer');
    const yesNo = setFactType(testMapping(), 1, 'boolean').columns[1]!.fact!;
    expect(yesNo.boolean).toEqual({ true: ['1'], false: ['', '0'] });
    const text = setFactType(testMapping(), 2, 'text').columns[2]!.fact!;
    expect(text).not.toHaveProperty('codes');
  });

  it('removes an emptied unit instead of sending an empty string', () => {
    const withUnit = updateFact(testMapping(), 1, { unit: '日' });
    expect(withUnit.columns[1]!.fact!.unit).toBe('日');
    expect(updateFact(withUnit, 1, { unit: '' }).columns[1]!.fact).not.toHaveProperty('unit');
  });

  it('round-trips code tables through editor rows (a later duplicate wins)', () => {
    expect(codeRows({ '1': '全部支給', '': 'なし' })).toEqual([
      { code: '1', value: '全部支給' },
      { code: '', value: 'なし' },
    ]);
    expect(
      codesFromRows([
        { code: '1', value: 'a' },
        { code: '1', value: 'b' },
      ]),
    ).toEqual({ '1': 'b' });
  });

  it('applies purpose, legal basis and retention to every fact, copying typed text', () => {
    const typed = updateFact(testMapping(), 2, { retention: '5年' });
    const m = applyLegalToAll(typed, { purpose: '早期支援', legalBasis: '', retention: '' });
    for (const index of [1, 2]) {
      expect(m.columns[index]!.fact).toMatchObject({
        purpose: '早期支援',
        legalBasis: '',
        retention: '5年',
      });
    }
    expect(m.columns[3]).toEqual(typed.columns[3]);
  });

  it('fills an empty English label from the Japanese one and trims on save', () => {
    const m = updateFact(testMapping(), 1, { label: { ja: ' 来館日数 ', en: '' }, purpose: ' x ' });
    const saved = mappingForSave({ ...m, title: { ja: '児童館', en: ' ' } });
    expect(saved.title).toEqual({ ja: '児童館', en: '児童館' });
    expect(saved.columns[1]!.fact).toMatchObject({
      label: { ja: '来館日数', en: '来館日数' },
      purpose: 'x',
    });
  });
});
