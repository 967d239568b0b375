import { createBatchTest, type BatchTest, type Columns } from '../compile/batch-test';
import { inheritedNames, ownFact, type Facts, type Values } from '../compile/fact-reader';
import type { Test } from '../compile/plan';
import { compileRuleSet, type CompiledRuleSet } from '../rule-set/compile-rule-set';
import type { RuleSet } from '../schema/rule-set-schema';
import { levelIndex, levelTables, type LevelOverrides, type LevelTable } from './levels';
import { rankWithinGroups } from './rank';

/** One child's result for one difficulty type. */
export interface TypeScore {
  readonly points: number;
  /** Level id reached, or null (なし). */
  readonly level: string | null;
  /** Points from rules that read only data held outside the school (学校以外). */
  readonly outsideSchoolPoints: number;
  readonly firedRules: readonly string[];
}
/** Per difficulty type id. */
export type Score = Readonly<Record<string, TypeScore>>;

/** Options for scoring: thresholds can move without recompiling. */
export interface ScoreOptions {
  readonly levels?: LevelOverrides;
}

/** Columnar results for many children (no per-child objects): index `child * types + type`. */
export interface ScoreTable {
  readonly count: number;
  readonly typeIds: readonly string[];
  readonly points: Float64Array;
  readonly outsideSchoolPoints: Float64Array;
  /** Level index per type's levels (sorted by minPoints), -1 = none. */
  readonly levels: Int8Array;
  /** Fired-rule bitmap: `wordsPerChild` 32-bit words per child, bit = enabled rule index. */
  readonly fired: Uint32Array;
  readonly wordsPerChild: number;
}

/** A child to score, with the grouping used for ranks. */
export interface ChildFacts {
  readonly id: string;
  readonly school?: string | undefined;
  readonly grade?: string | number | undefined;
  readonly facts: Facts;
}
/** A type score with ranks (rank 1 = most points; null when the child has no school/grade). */
export interface RankedTypeScore extends TypeScore {
  readonly rankInSchool: number | null;
  /** Rank among children of the same school and grade. */
  readonly rankInGrade: number | null;
}
export interface ScoredChild {
  readonly id: string;
  readonly school?: string | undefined;
  readonly grade?: string | number | undefined;
  readonly scores: Readonly<Record<string, RankedTypeScore>>;
}

/** Fact values by column: `columns[factId][child]` (how facts come out of a fact table). */
export interface FactColumns {
  readonly count: number;
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
}

/** Scores children against a compiled rule set. */
export interface Scorer extends CompiledRuleSet {
  score(facts: Facts, options?: ScoreOptions): Score;
  /** Scores fact records into a columnar table (no per-child objects). */
  scoreBatch(children: readonly Facts[], options?: ScoreOptions): ScoreTable;
  /** Like {@link Scorer.scoreBatch} for column-oriented facts: the fastest path. */
  scoreColumns(facts: FactColumns, options?: ScoreOptions): ScoreTable;
  scoreAll(children: readonly ChildFacts[], options?: ScoreOptions): ScoredChild[];
}

/** Rows per block: columns of one block stay in cache while every rule runs over them. */
const BLOCK = 2048;

/** Row-by-row evaluation for rules that can throw (their evaluation order matters). */
function rowFallback(test: Test, slotCount: number): BatchTest {
  const values: unknown[] = new Array<unknown>(slotCount);
  return function rowBatch(columns, start, end, out) {
    for (let i = start; i < end; i += 1) {
      for (let s = 0; s < slotCount; s += 1) values[s] = columns[s]?.[i];
      out[i - start] = test(values as Values) ? 1 : 0;
    }
  };
}

/**
 * Compiles a validated rule set into a scorer.
 *
 * @example
 * const scorer = createScorer(ruleSet);
 * scorer.score({ 'school.absenceDays': 42 }).bullying_absence; // { points: 7, level: 'watch', … }
 */
export function createScorer(ruleSet: RuleSet): Scorer {
  const compiledSet = compileRuleSet(ruleSet);
  const { rules } = compiledSet;
  const typeIds = ruleSet.types.map((t) => t.id);
  const typeCount = typeIds.length;
  const ruleCount = rules.length;
  const typeOf = Int32Array.from(rules.map((r) => r.typeIndex));
  const pointsOf = Float64Array.from(rules.map((r) => r.points));
  const outsideOf = Uint8Array.from(rules.map((r) => (r.outsideSchool ? 1 : 0)));
  const wordsPerChild = Math.max(1, Math.ceil(ruleCount / 32));
  const defaultTables = levelTables(ruleSet.types);

  const factIds = compiledSet.compiled.factIds;
  const slotCount = factIds.length;
  const batchTests = compiledSet.compiled.rules.map((r) => (r.root.mayThrow ? rowFallback(r.test, slotCount) : createBatchTest(r.root, BLOCK)));

  function scoreBatch(children: readonly Facts[], options: ScoreOptions = {}): ScoreTable {
    const block = factIds.map(() => new Array<unknown>(BLOCK));
    return scoreBlocks(children.length, options, (start, end) => {
      // Transpose one block of records into columns (the block stays in cache).
      for (let s = 0; s < slotCount; s += 1) {
        const id = factIds[s] as string;
        const column = block[s] as unknown[];
        const own = inheritedNames.has(id);
        for (let i = start; i < end; i += 1) {
          const facts = children[i] as Facts;
          column[i - start] = own ? ownFact(facts, id) : facts[id];
        }
      }
      return { columns: block, offset: start };
    });
  }

  function scoreColumns(facts: FactColumns, options: ScoreOptions = {}): ScoreTable {
    const columns = factIds.map((id) => (Object.hasOwn(facts.columns, id) ? facts.columns[id] : undefined));
    return scoreBlocks(facts.count, options, () => ({ columns, offset: 0 }));
  }

  function scoreBlocks(count: number, options: ScoreOptions, load: (start: number, end: number) => { columns: Columns; offset: number }): ScoreTable {
    const tables = options.levels ? levelTables(ruleSet.types, options.levels) : defaultTables;
    const points = new Float64Array(count * typeCount);
    const outside = new Float64Array(count * typeCount);
    const levels = new Int8Array(count * typeCount);
    const fired = new Uint32Array(count * wordsPerChild);
    const mask = new Uint8Array(BLOCK);
    for (let start = 0; start < count; start += BLOCK) {
      const end = Math.min(count, start + BLOCK);
      const { columns, offset } = load(start, end);
      for (let r = 0; r < ruleCount; r += 1) {
        (batchTests[r] as BatchTest)(columns, start - offset, end - offset, mask);
        const type = typeOf[r] as number;
        const p = pointsOf[r] as number;
        const isOutside = outsideOf[r] === 1;
        const word = r >>> 5;
        const bit = 1 << (r & 31);
        for (let i = 0; i < end - start; i += 1) {
          if (mask[i] === 0) continue;
          const c = start + i;
          const slot = c * typeCount + type;
          points[slot] = (points[slot] as number) + p;
          if (isOutside) outside[slot] = (outside[slot] as number) + p;
          fired[c * wordsPerChild + word] = (fired[c * wordsPerChild + word] as number) | bit;
        }
      }
    }
    for (let t = 0; t < typeCount; t += 1) {
      const table = tables[t] as LevelTable;
      for (let c = 0; c < count; c += 1) levels[c * typeCount + t] = levelIndex(table, points[c * typeCount + t] as number);
    }
    return { count, typeIds, points, outsideSchoolPoints: outside, levels, fired, wordsPerChild };
  }

  function typeScore(table: ScoreTable, c: number, t: number, tablesUsed: ReturnType<typeof levelTables>): TypeScore {
    const slot = c * typeCount + t;
    const level = table.levels[slot] as number;
    const firedRules: string[] = [];
    for (let r = 0; r < ruleCount; r += 1) {
      const word = table.fired[c * wordsPerChild + (r >>> 5)] as number;
      if (typeOf[r] === t && (word & (1 << (r & 31))) !== 0) firedRules.push(rules[r]!.rule.id);
    }
    return {
      points: table.points[slot] as number,
      level: level < 0 ? null : (tablesUsed[t]!.ids[level] as string),
      outsideSchoolPoints: table.outsideSchoolPoints[slot] as number,
      firedRules,
    };
  }

  function score(facts: Facts, options: ScoreOptions = {}): Score {
    const tablesUsed = options.levels ? levelTables(ruleSet.types, options.levels) : defaultTables;
    const table = scoreBatch([facts], options);
    return Object.fromEntries(typeIds.map((id, t) => [id, typeScore(table, 0, t, tablesUsed)]));
  }

  function scoreAll(children: readonly ChildFacts[], options: ScoreOptions = {}): ScoredChild[] {
    const tablesUsed = options.levels ? levelTables(ruleSet.types, options.levels) : defaultTables;
    const table = scoreBatch(children.map((c) => c.facts), options);
    const ranks = typeIds.map((_, t) => {
      const pts = Array.from({ length: children.length }, (_, c) => table.points[c * typeCount + t] as number);
      return {
        school: rankWithinGroups(pts, (c) => children[c]?.school),
        grade: rankWithinGroups(pts, (c) => {
          const child = children[c];
          return child?.school === undefined || child.grade === undefined ? undefined : `${child.school}\u0000${String(child.grade)}`;
        }),
      };
    });
    return children.map((child, c) => ({
      id: child.id,
      ...(child.school === undefined ? {} : { school: child.school }),
      ...(child.grade === undefined ? {} : { grade: child.grade }),
      scores: Object.fromEntries(
        typeIds.map((id, t) => [id, { ...typeScore(table, c, t, tablesUsed), rankInSchool: ranks[t]!.school[c] ?? null, rankInGrade: ranks[t]!.grade[c] ?? null }]),
      ),
    }));
  }

  return { ...compiledSet, score, scoreBatch, scoreColumns, scoreAll };
}
