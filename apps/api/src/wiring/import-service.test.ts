import { describe, expect, it } from 'vitest';
import type { Connector } from '@mimamori/connector-kit';
import { connectorSummary } from './import-service';

describe('connector summary', () => {
  it('names the connector in both languages', () => {
    const connector = {
      name: 'school',
      title: { ja: '学校', en: 'School' },
      source: 'school',
      version: '1',
      columns: [],
      facts: [],
    } as unknown as Connector;
    expect(connectorSummary(connector)).toMatchObject({
      id: 'school',
      kind: 'code',
      label: { ja: '学校', en: 'School' },
    });
  });
});
