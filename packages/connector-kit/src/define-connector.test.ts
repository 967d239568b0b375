import type { FactDeclaration } from '@mimamori/records';
import { describe, expect, it } from 'vitest';
import type { Connector } from './connector';
import { ConnectorKitError } from './connector-kit-error';
import { defineConnector } from './define-connector';

const fact: FactDeclaration = {
  id: 'nursery.absenceDays',
  label: { ja: '欠席日数', en: 'Absence days' },
  type: 'number',
  purpose: 'p',
  legalBasis: 'l',
  retention: 'r',
};

const base: Connector = {
  name: 'nursery',
  version: '1',
  title: { ja: '保育', en: 'Nursery' },
  source: 'nursery',
  roster: false,
  file: { formats: ['csv'], encoding: 'auto' },
  columns: [
    { header: '宛名番号', key: 'id', role: 'identity', required: true, personal: true },
    { header: '欠席日数', key: 'absence', role: 'fact', required: true, personal: false },
  ],
  facts: [fact],
  normalize: () => ({ records: [], issues: [] }),
};

function problemsOf(def: Connector): string {
  try {
    defineConnector(def);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorKitError);
    expect((error as ConnectorKitError).code).toBe('invalid_connector');
    return (error as Error).message;
  }
}

describe('defineConnector', () => {
  it('returns a valid definition frozen', () => {
    const connector = defineConnector({ ...base, columns: [...base.columns], facts: [fact] });
    expect(Object.isFrozen(connector)).toBe(true);
    expect(Object.isFrozen(connector.columns)).toBe(true);
    expect(Object.isFrozen(connector.columns[0])).toBe(true);
  });

  it('rejects duplicate keys and headers (headers compared after NFKC and trim)', () => {
    const column = {
      header: ' 宛名番号 ',
      key: 'id',
      role: 'identity',
      required: false,
      personal: true,
    } as const;
    const message = problemsOf({ ...base, columns: [...base.columns, column] });
    expect(message).toContain('column key id is declared more than once');
    expect(message).toContain('column header 宛名番号 is declared more than once');
  });

  it('rejects facts declared twice or invalid, and personal fact columns', () => {
    const bad = { ...fact, id: 'Absence', purpose: '' };
    const personal = {
      header: '住所',
      key: 'address',
      role: 'fact',
      required: false,
      personal: true,
    } as const;
    const message = problemsOf({
      ...base,
      facts: [fact, fact, bad],
      columns: [...base.columns, personal],
    });
    expect(message).toContain('fact nursery.absenceDays is declared more than once');
    expect(message).toContain('fact #3 (Absence) is invalid at: id, purpose');
    expect(message).toContain('column address is personal and cannot have role fact');
  });

  it('rejects a bad name, empty formats and no columns', () => {
    const message = problemsOf({
      ...base,
      name: 'Bad Name',
      file: { formats: [], encoding: 'auto' },
      columns: [],
    });
    expect(message).toContain('name must be kebab-case');
    expect(message).toContain('file.formats');
    expect(message).toContain('columns must not be empty');
  });
});
