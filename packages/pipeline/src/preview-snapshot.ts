import { readAllChildFacts, type Db } from '@mimamori/db';
import {
  createScorer,
  factTableFromColumns,
  type FactColumns,
  type FactTable,
  type LevelOverrides,
  type RuleSet,
  type ScoreTable,
  type Scorer,
} from '@mimamori/engine';
import { disparityGroups, type DisparityGroups } from './preview-groups';

/** Non-identifying context of every child, column by column (same order as the facts). */
export interface ChildContextColumns {
  readonly ids: readonly string[];
  readonly school: readonly (string | null)[];
  readonly grade: readonly (number | null)[];
  readonly age: Int16Array;
  readonly sex: Uint8Array;
}

/** A type's levels sorted by minPoints, as the scorer indexes them in `ScoreTable.levels`. */
export interface LevelOrder {
  readonly ids: readonly string[];
  readonly minPoints: readonly number[];
}

/** Every child's facts and the published rule set's scores, cached per data + rule-set version. */
export interface PreviewSnapshot {
  /** `<data version>:<rule-set version id>`: a new import or publish makes a new snapshot. */
  readonly key: string;
  readonly children: ChildContextColumns;
  readonly facts: FactColumns;
  /** The same facts as a typed fact table, built once: every what-if scores over it. */
  readonly table: FactTable;
  readonly ruleSet: RuleSet;
  readonly scorer: Scorer;
  /** The published rule set with its own thresholds. */
  readonly baseline: ScoreTable;
  readonly baselineLevels: readonly LevelOrder[];
  /** Children whose rules fired, per enabled rule of the published rule set. */
  readonly baselineHits: readonly number[];
  readonly groups: DisparityGroups;
}

/**
 * A type's levels with overrides, sorted by minPoints (the order the engine's `levelTables`
 * uses, so `ScoreTable.levels` indexes into it).
 */
export function levelOrders(ruleSet: RuleSet, overrides: LevelOverrides = {}): LevelOrder[] {
  return ruleSet.types.map(function sortLevels(type) {
    const moved = overrides[type.id] ?? {};
    const levels = type.levels
      .map((l) => ({ id: l.id, min: moved[l.id] ?? l.minPoints }))
      .sort((a, b) => a.min - b.min);
    return { ids: levels.map((l) => l.id), minPoints: levels.map((l) => l.min) };
  });
}

/** Per enabled rule: how many children it fired for (popcount over the fired bitmap). */
export function ruleHitCounts(table: ScoreTable, ruleCount: number): number[] {
  const hits = new Array<number>(ruleCount).fill(0);
  const { fired, wordsPerChild, count } = table;
  for (let r = 0; r < ruleCount; r += 1) {
    const word = r >>> 5;
    const shift = r & 31;
    let n = 0;
    for (let c = 0; c < count; c += 1)
      n += ((fired[c * wordsPerChild + word] as number) >>> shift) & 1;
    hits[r] = n;
  }
  return hits;
}

/** Reads every child's facts into columns, with the children's context alongside. */
export async function readFactColumns(
  db: Db,
): Promise<{ children: ChildContextColumns; facts: FactColumns }> {
  const ids: string[] = [];
  const school: (string | null)[] = [];
  const grade: (number | null)[] = [];
  const ages: number[] = [];
  const sexes: number[] = [];
  const rows: Record<string, unknown>[] = [];
  for await (const page of readAllChildFacts(db, { pageSize: 20_000 })) {
    for (const child of page) {
      ids.push(child.id);
      school.push(child.school);
      grade.push(child.grade);
      ages.push(child.age);
      sexes.push(child.sex);
      rows.push(child.facts);
    }
  }
  // Packed arrays (filled with undefined up front): sparse writes would make V8 store a
  // column as a dictionary, and scoring reads every cell of every column it uses.
  const columns: Record<string, unknown[]> = {};
  rows.forEach(function transpose(facts, i) {
    for (const fact in facts) {
      const column = (columns[fact] ??= new Array<unknown>(rows.length).fill(undefined));
      column[i] = facts[fact];
    }
  });
  return {
    children: { ids, school, grade, age: Int16Array.from(ages), sex: Uint8Array.from(sexes) },
    facts: { count: ids.length, columns },
  };
}

/** Builds a snapshot: facts in columns and the published rule set's baseline scores. */
export async function buildPreviewSnapshot(
  db: Db,
  key: string,
  ruleSet: RuleSet,
): Promise<PreviewSnapshot> {
  const { children, facts } = await readFactColumns(db);
  const scorer = createScorer(ruleSet);
  const table = factTableFromColumns(facts);
  const baseline = scorer.scoreTable(table);
  return {
    key,
    children,
    facts,
    table,
    ruleSet,
    scorer,
    baseline,
    baselineLevels: levelOrders(ruleSet),
    baselineHits: ruleHitCounts(baseline, scorer.rules.length),
    groups: disparityGroups(children),
  };
}
