import { describe, expect, it } from 'vitest';
import { renderTemplate, renderText, templateFacts } from './explanation';
import { testDocument } from './test-document';

const facts = testDocument().facts;

describe('explanation templates', () => {
  it('fills facts with their unit', () => {
    expect(
      renderText('欠席が{{fact:school.absenceDays}}あります', { 'school.absenceDays': 32 }, facts),
    ).toBe('欠席が32日あります');
  });

  it('marks missing facts with their label', () => {
    const parts = renderTemplate('{{ fact:school.absenceDays }}', {}, facts);
    expect(parts).toEqual([
      { kind: 'fact', factId: 'school.absenceDays', text: '〈欠席日数〉', missing: true },
    ]);
  });

  it('renders booleans and lists in the chosen language', () => {
    expect(
      renderText('{{fact:health.checkupMissed}}', { 'health.checkupMissed': true }, facts),
    ).toBe('はい');
    expect(
      renderText('{{fact:health.checkupMissed}}', { 'health.checkupMissed': false }, facts, 'en'),
    ).toBe('no');
  });

  it('lists referenced facts once', () => {
    expect(templateFacts('{{fact:a.b}} {{fact:c.d}} {{fact:a.b}}')).toEqual(['a.b', 'c.d']);
  });
});
