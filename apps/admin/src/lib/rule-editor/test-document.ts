/** A small synthetic rule set for unit tests (weights are invented, as in the demo). */
import type { RuleSetDocument } from './document';

export function testDocument(): RuleSetDocument {
  return {
    id: 'demo',
    version: 1,
    title: { ja: 'デモ判定ルール', en: 'Demo rules' },
    effectiveFrom: '2025-04-01',
    facts: [
      {
        id: 'school.absenceDays',
        label: { ja: '欠席日数', en: 'Absence days' },
        type: 'number',
        unit: '日',
        source: 'school',
        outsideSchool: false,
      },
      {
        id: 'welfare.childSupport',
        label: { ja: '児童扶養手当', en: 'Child support allowance' },
        type: 'code',
        source: 'welfare',
        allowedValues: ['全部支給', '一部支給', '停止', 'なし'],
        outsideSchool: true,
      },
      {
        id: 'health.checkupMissed',
        label: { ja: '健診未受診', en: 'Missed checkup' },
        type: 'boolean',
        source: 'health',
        outsideSchool: true,
      },
    ],
    types: [
      {
        id: 'poverty',
        label: { ja: '貧困', en: 'Poverty' },
        levels: [
          { id: 'watch', label: { ja: '見守り', en: 'Watch' }, minPoints: 3 },
          { id: 'support', label: { ja: '支援', en: 'Support' }, minPoints: 6 },
        ],
      },
    ],
    conditions: {},
    rules: [
      {
        id: 'absence',
        name: { ja: '長期欠席', en: 'Long absence' },
        conditions: {
          all: [
            { fact: 'school.absenceDays', operator: 'greaterThanInclusive', value: 30 },
            {
              any: [
                { fact: 'welfare.childSupport', operator: 'in', value: ['全部支給', '一部支給'] },
                { not: { fact: 'health.checkupMissed', operator: 'equal', value: false } },
              ],
            },
          ],
        },
        event: {
          type: 'poverty',
          params: {
            points: 2,
            explanation: { ja: '欠席が{{fact:school.absenceDays}}あります' },
            rationale: '仮の重み',
          },
        },
      },
    ],
  };
}
