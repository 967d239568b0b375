import {
  bumpDataVersion,
  completeRun,
  createDraft,
  createRuleSet,
  createRun,
  createUser,
  insertBatch,
  insertResults,
  publishVersion,
  upsertChildFacts,
  type Db,
  type JudgementResult,
} from '@mimamori/db';
import type { RuleCase } from '@mimamori/engine';
import type { PasswordHasher } from '../password';
import type { Role } from '../roles';

/** Password of every seeded account (synthetic; test and bench only). */
export const seedPassword = 'correct-horse-battery-staple';

/** What {@link seedDatabase} created. */
export interface Seed {
  users: Record<
    'admin' | 'rule_editor' | 'family_center' | 'teacher' | 'teacher2' | 'it',
    { id: string; username: string; role: Role }
  >;
  /** Flagged child of school S0 (the teacher's school), unflagged S0 child, flagged S1 child. */
  children: { flaggedS0: string; unflaggedS0: string; flaggedS1: string; dv: string };
  ruleSetId: string;
  runId: string;
}

/** A small rule-set document (shape of the engine's; weights are ours, synthetic). */
export function demoDocument(version = 1, minPoints = 3): Record<string, unknown> {
  return {
    id: 'demo',
    version,
    title: { ja: 'デモ', en: 'Demo' },
    effectiveFrom: '2026-04-01',
    facts: [
      {
        id: 'school.absenceDays',
        label: { ja: '欠席日数', en: 'Absence days' },
        type: 'number',
        source: 'school',
        outsideSchool: false,
      },
    ],
    types: [
      {
        id: 'futoko',
        label: { ja: '不登校', en: 'School refusal' },
        levels: [{ id: 'watch', label: { ja: '見守り', en: 'Watch' }, minPoints }],
      },
    ],
    conditions: {},
    rules: [
      {
        id: 'absence',
        conditions: {
          all: [{ fact: 'school.absenceDays', operator: 'greaterThanInclusive', value: 30 }],
        },
        event: {
          type: 'futoko',
          params: { points: 3, explanation: { ja: '欠席が多い' }, rationale: 'synthetic' },
        },
      },
    ],
  };
}

/** The demo rule set plus one rule reading `factId` (declared in the document's catalogue). */
export function documentUsingFact(
  factId: string,
  version: number,
  label = '新しい項目',
): Record<string, unknown> {
  const base = demoDocument(version);
  return {
    ...base,
    facts: [
      ...(base.facts as unknown[]),
      {
        id: factId,
        label: { ja: label, en: 'New item' },
        type: 'number',
        source: 'other',
        outsideSchool: true,
      },
    ],
    rules: [
      ...(base.rules as unknown[]),
      {
        id: 'new-fact',
        conditions: { all: [{ fact: factId, operator: 'greaterThanInclusive', value: 10 }] },
        event: {
          type: 'futoko',
          params: { points: 1, explanation: { ja: label }, rationale: 'synthetic' },
        },
      },
    ],
  };
}

/** One synthetic account per role (two teachers: S0 and S1), password {@link seedPassword}. */
export async function seedUsers(db: Db, hasher: PasswordHasher): Promise<Seed['users']> {
  const hash = await hasher.hash(seedPassword);
  async function user(username: string, role: Role, school: string | null = null) {
    const created = await createUser(db, {
      username,
      passwordHash: hash,
      role,
      school,
      displayName: username,
    });
    return { id: created.id, username, role };
  }
  return {
    admin: await user('admin1', 'admin'),
    rule_editor: await user('editor1', 'rule_editor'),
    family_center: await user('center1', 'family_center'),
    teacher: await user('teacher1', 'teacher', 'S0'),
    teacher2: await user('teacher2', 'teacher', 'S1'),
    it: await user('it1', 'it'),
  };
}

/** The seeded rule set's test case (as `rules/<id>.cases.json` holds a real set's cases). */
export const seedCases: RuleCase[] = [
  {
    name: '40 days absent fires the absence rule',
    facts: { 'school.absenceDays': 40 },
    expect: { events: ['absence'] },
  },
];

/**
 * Seeds synthetic staff (one per role, two teachers), `children` children in schools S0–S6,
 * a published demo rule set and a completed run flagging every third child.
 */
export async function seedDatabase(
  db: Db,
  hasher: PasswordHasher,
  options: { children?: number } = {},
): Promise<Seed> {
  const users = await seedUsers(db, hasher);
  const count = Math.max(options.children ?? 30, 21);
  const ids = Array.from({ length: count }, (_, i) => `c${String(i).padStart(6, '0')}`);
  await insertBatch(db, {
    batch: {
      id: 'seed',
      connector: 'roster',
      connectorVersion: '1',
      fileName: 'seed.csv',
      fileHash: 'f'.repeat(64),
      encoding: 'utf-8',
      rowCount: count,
      summary: {},
      createdBy: null,
    },
    children: ids.map((id, i) => ({
      id,
      sex: (i % 2) + 1,
      age: 6 + (i % 9),
      school: `S${i % 7}`,
      grade: (i % 9) + 1,
      nursery: null,
    })),
    persons: ids.map((id, i) => ({
      childId: id,
      residentNumber: String(1000000000 + i),
      householdNumber: `H${i}`,
      name: `試験 太郎${i}`,
      nameKey: `試験太郎${i}`,
      kana: 'シケン タロウ',
      kanaKey: 'シケンタロウ',
      birthDate: '2016-04-02',
      sex: (i % 2) + 1,
      relation: '子',
      address: `試験村${i}番地`,
      dvSupport: i === 14,
    })),
    records: [],
  });
  const flagged = (i: number) => i % 3 === 0;
  await upsertChildFacts(
    db,
    ids.map((childId, i) => ({ childId, facts: { 'school.absenceDays': flagged(i) ? 40 : 2 } })),
    await bumpDataVersion(db),
  );
  await createRuleSet(db, { id: 'demo', title: { ja: 'デモ', en: 'Demo' } });
  const draft = await createDraft(db, {
    ruleSetId: 'demo',
    document: demoDocument(),
    createdBy: users.rule_editor.id,
    note: 'seed',
  });
  await publishVersion(db, { versionId: draft.id, publishedBy: users.rule_editor.id });
  const run = await createRun(db, {
    ruleSetVersionId: draft.id,
    dataVersion: 1,
    asOf: '2026-04-01',
    startedBy: users.family_center.id,
  });
  const results: JudgementResult[] = ids.map((childId, i) => ({
    childId,
    type: 'futoko',
    points: flagged(i) ? 3 : 0,
    level: flagged(i) ? 'watch' : null,
    outsideSchoolPoints: 0,
    rankSchool: null,
    rankGrade: null,
    explanation: {
      rules: [
        {
          ruleId: 'absence',
          name: '欠席',
          type: 'futoko',
          points: 3,
          fired: flagged(i),
          explanation: '欠席が多い',
          conditions: { kind: 'all', result: flagged(i), children: [] },
        },
      ],
    },
  }));
  await insertResults(db, run.id, results);
  await completeRun(db, run.id, { futoko: { watch: ids.filter((_, i) => flagged(i)).length } });
  // i % 7 is the school: 0 → S0 (flagged), 7 → S0 (not flagged), 15 → S1 (flagged), 14 → S0 with DV.
  return {
    users,
    children: { flaggedS0: ids[0]!, unflaggedS0: ids[7]!, flaggedS1: ids[15]!, dv: ids[14]! },
    ruleSetId: 'demo',
    runId: run.id,
  };
}
