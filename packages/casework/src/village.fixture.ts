import {
  completeRun,
  createDraft,
  createRuleSet,
  createRun,
  insertBatch,
  insertResults,
  type Db,
  type JudgementResult,
} from '@mimamori/db';

// Synthetic test village (made-up ids, names and numbers). Test helper, not exported.

/** A small rule-set document: facts from three offices, two types, three rules. */
export const testRuleSetDocument = {
  facts: [
    { id: 'school.absenceDays', label: { ja: '欠席日数' }, source: 'school', outsideSchool: false },
    {
      id: 'welfare.childSupport',
      label: { ja: '児童扶養手当' },
      source: 'welfare',
      outsideSchool: true,
    },
    {
      id: 'health.checkupMissed',
      label: { ja: '健診未受診' },
      source: 'health',
      outsideSchool: true,
    },
  ],
  types: [
    {
      id: 'poverty',
      label: { ja: '貧困' },
      levels: [
        { id: 'support', minPoints: 10 },
        { id: 'watch', minPoints: 5 },
      ],
    },
    { id: 'abuse', label: { ja: '虐待' }, levels: [{ id: 'watch', minPoints: 5 }] },
  ],
  rules: [
    {
      id: 'absence',
      conditions: {
        all: [{ fact: 'school.absenceDays', operator: 'greaterThanInclusive', value: 30 }],
      },
    },
    {
      id: 'child-support',
      conditions: {
        all: [
          { fact: 'welfare.childSupport', operator: 'in', value: ['全部支給'] },
          { not: { fact: 'school.absenceDays', operator: 'equal', value: 0 } },
        ],
      },
    },
    {
      id: 'checkup',
      conditions: { any: [{ fact: 'health.checkupMissed', operator: 'equal', value: true }] },
    },
  ],
};

/** Reasons as the judge stores them for a flagged child. */
export const testReasons = [
  {
    ruleId: 'absence',
    type: 'poverty',
    points: 4,
    text: '欠席日数 42日 (30日以上)',
    rationale: '欠席は困窮の兆候',
  },
  {
    ruleId: 'child-support',
    type: 'poverty',
    points: 3,
    text: '児童扶養手当 全部支給',
    rationale: '所得の目安',
  },
  {
    ruleId: 'checkup',
    type: 'abuse',
    points: 5,
    text: '3歳児健診 未受診',
    rationale: 'ネグレクトの兆候',
  },
];

/** Child ids `${prefix}-NN`; even children go to S01, odd to S02, every fifth to a nursery. */
export async function seedVillage(
  db: Db,
  options: { prefix: string; children: number },
): Promise<string[]> {
  const ids: string[] = [];
  const children = [];
  const persons = [];
  for (let i = 0; i < options.children; i++) {
    const id = `${options.prefix}-${String(i).padStart(2, '0')}`;
    ids.push(id);
    const nursery = i % 5 === 4;
    children.push({
      id,
      sex: (i % 2) + 1,
      age: nursery ? 4 : 8,
      school: nursery ? null : i % 2 === 0 ? 'S01' : 'S02',
      grade: nursery ? null : (i % 6) + 1,
      nursery: nursery ? 'N01' : null,
    });
    persons.push({
      childId: id,
      residentNumber: `${options.prefix}R${String(i).padStart(8, '0')}`,
      householdNumber: `H${i}`,
      name: `試験 花子${i}`,
      nameKey: `試験花子${i}`,
      kana: 'シケン ハナコ',
      kanaKey: 'シケンハナコ',
      birthDate: '2018-05-01',
      sex: (i % 2) + 1,
      relation: '子',
      address: `試験村${i}番地`,
      dvSupport: false,
    });
  }
  await insertBatch(db, {
    batch: {
      id: `${options.prefix}-roster`,
      connector: 'roster',
      connectorVersion: '1.0.0',
      fileName: 'roster.csv',
      fileHash: `${options.prefix}`.padEnd(64, '0'),
      encoding: 'cp932',
      rowCount: options.children,
      summary: {},
      createdBy: 'it',
    },
    children,
    persons,
    records: [],
  });
  return ids;
}

/** Creates the test rule set and returns its version id. */
export async function seedRuleSet(db: Db, id = 'village'): Promise<string> {
  await createRuleSet(db, { id, title: { ja: '試験', en: 'test' } });
  const draft = await createDraft(db, {
    ruleSetId: id,
    document: testRuleSetDocument,
    createdBy: 'rule',
    note: null,
  });
  return draft.id;
}

/** A flag of one child for one type. */
export interface TestFlag {
  childId: string;
  type: string;
  level: string | null;
  points: number;
}

/** A completed run with the given results (flagged ones carry {@link testReasons}). */
export async function seedRun(
  db: Db,
  input: {
    id: string;
    versionId: string;
    flags: readonly TestFlag[];
    judged: number;
    startedAt?: string;
    scheduleId?: string;
  },
): Promise<string> {
  await createRun(db, {
    id: input.id,
    ruleSetVersionId: input.versionId,
    dataVersion: 1,
    asOf: (input.startedAt ?? '2026-04-08').slice(0, 10),
    startedBy: 'fc',
    ...(input.scheduleId === undefined ? {} : { scheduleId: input.scheduleId }),
  });
  const results: JudgementResult[] = input.flags.map((f, i) => ({
    childId: f.childId,
    type: f.type,
    points: f.points,
    level: f.level,
    outsideSchoolPoints: Math.max(0, f.points - 4),
    rankSchool: i + 1,
    rankGrade: 1,
    explanation: f.level === null ? null : testReasons,
  }));
  await insertResults(db, input.id, results);
  await completeRun(db, input.id, { judged: input.judged });
  if (input.startedAt !== undefined)
    await db
      .updateTable('judgement_runs')
      .set({ started_at: input.startedAt })
      .where('id', '=', input.id)
      .execute();
  return input.id;
}
