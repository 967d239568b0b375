import type { ChildInput, InsertBatchInput, PersonInput, RecordInput } from './repositories/ingest';

/**
 * A synthetic import (made-up names and numbers): `children` roster children, each with
 * `recordsPerChild` observation records. Test helper, not exported from the package entry.
 */
export function makeBatch(options: {
  id: string;
  children: number;
  recordsPerChild: number;
  fileHash?: string;
  childPrefix?: string;
}): InsertBatchInput & { children: ChildInput[]; persons: PersonInput[]; records: RecordInput[] } {
  const prefix = options.childPrefix ?? options.id;
  const children: ChildInput[] = [];
  const persons: PersonInput[] = [];
  const records: RecordInput[] = [];
  for (let i = 0; i < options.children; i++) {
    const id = `${prefix}-c${String(i).padStart(7, '0')}`;
    const sex = (i % 2) + 1;
    children.push({
      id,
      sex,
      age: 3 + (i % 13),
      school: `S${i % 7}`,
      grade: (i % 9) + 1,
      nursery: null,
    });
    persons.push({
      childId: id,
      residentNumber: `${prefix}-${String(i).padStart(10, '0')}`,
      householdNumber: `H${Math.floor(i / 2)}`,
      name: `試験 太郎${i}`,
      nameKey: `試験太郎${i}`,
      kana: `シケン タロウ`,
      kanaKey: `シケンタロウ`,
      birthDate: `2015-04-${String((i % 28) + 1).padStart(2, '0')}`,
      sex,
      relation: '子',
      address: `試験村${i}番地`,
      dvSupport: i % 97 === 0,
    });
    for (let r = 0; r < options.recordsPerChild; r++) {
      const linked = (i + r) % 50 !== 0;
      records.push({
        line: i * options.recordsPerChild + r + 2,
        kind: 'observation',
        childId: linked ? id : null,
        linkStatus: linked ? 'linked' : 'unmatched',
        linkMethod: linked ? 'resident_number' : null,
        linkConfidence: linked ? 1 : null,
        facts: {
          'school.absenceDays': (i * 7 + r) % 60,
          'school.lateCount': r,
          'welfare.status': 'なし',
        },
        context: { school: `S${i % 7}`, grade: (i % 9) + 1 },
        ...(linked
          ? {}
          : {
              identity: {
                value: { name: `試験 花子${i}`, birthDate: '2016-01-01' },
                key: `k${i}-${r}`,
              },
            }),
      });
    }
  }
  return {
    batch: {
      id: options.id,
      connector: 'school',
      connectorVersion: '1.0.0',
      fileName: `${options.id}.csv`,
      fileHash: options.fileHash ?? options.id.padEnd(64, '0'),
      encoding: 'cp932',
      rowCount: records.length,
      summary: { rows: records.length },
      createdBy: 'tester',
    },
    children,
    persons,
    records,
  };
}
