import { extractSlots, type Facts } from '../compile/fact-reader';
import { blockSize, createTableEvaluator } from '../columnar/evaluate-table';
import {
  createFactTable,
  factTableFromColumns,
  type FactColumns,
  type FactTable,
} from '../columnar/fact-table';
import { compileRuleSet, type CompiledRuleSet } from '../rule-set/compile-rule-set';
import type { RuleSet } from '../schema/rule-set-schema';
import { levelTables, type LevelOverrides } from './levels';
import { rankWithinGroups } from './rank';
import { createAccumulator, type Accumulator, type PointsPlan } from './accumulate';

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

/** Scores children against a compiled rule set. */
export interface Scorer extends CompiledRuleSet {
  score(facts: Facts, options?: ScoreOptions): Score;
  /** Scores fact records into a columnar table (no per-child objects). */
  scoreBatch(children: readonly Facts[], options?: ScoreOptions): ScoreTable;
  /** Like {@link Scorer.scoreBatch} for column-oriented facts (converted to a fact table first). */
  scoreColumns(facts: FactColumns, options?: ScoreOptions): ScoreTable;
  /**
   * Scores a typed fact table (see `createFactTable`): the fastest path. Build the table once
   * and score it again for every threshold or rule-set what-if.
   */
  scoreTable(facts: FactTable, options?: ScoreOptions): ScoreTable;
  scoreAll(children: readonly ChildFacts[], options?: ScoreOptions): ScoredChild[];
}

/**
 * Compiles a validated rule set into a scorer.
 *
 * @example
 * const scorer = createScorer(ruleSet);
 * scorer.score({ 'school.absenceDays': 42 }).bullying_absence; // { points: 7, level: null, … }
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
  const pointsPlan: PointsPlan = { typeCount, wordsPerChild, typeOf, pointsOf, outsideOf };

  const { factIds } = compiledSet.compiled;
  const evaluateTable = createTableEvaluator(compiledSet.compiled);

  function scoreBatch(children: readonly Facts[], options: ScoreOptions = {}): ScoreTable {
    return scoreTable(createFactTable(children, { facts: factIds }), options);
  }

  function scoreColumns(facts: FactColumns, options: ScoreOptions = {}): ScoreTable {
    const used: Record<string, ArrayLike<unknown>> = {};
    for (const id of factIds) if (Object.hasOwn(facts.columns, id)) used[id] = facts.columns[id]!;
    return scoreTable(factTableFromColumns({ count: facts.count, columns: used }), options);
  }

  function emptyTable(count: number): ScoreTable {
    return {
      count,
      typeIds,
      points: new Float64Array(count * typeCount),
      outsideSchoolPoints: new Float64Array(count * typeCount),
      levels: new Int8Array(count * typeCount),
      fired: new Uint32Array(count * wordsPerChild),
      wordsPerChild,
    };
  }

  function accumulator(table: ScoreTable, options: ScoreOptions, rows: number): Accumulator {
    const tables = options.levels ? levelTables(ruleSet.types, options.levels) : defaultTables;
    return createAccumulator(pointsPlan, table, tables, rows);
  }

  function scoreTable(facts: FactTable, options: ScoreOptions = {}): ScoreTable {
    const table = emptyTable(facts.count);
    const { addRule, blockDone } = accumulator(table, options, blockSize);
    evaluateTable(facts, addRule, blockDone);
    return table;
  }

  /** One record through the row-wise closures (no table to build for a single child). */
  function scoreRecord(facts: Facts, options: ScoreOptions): ScoreTable {
    const table = emptyTable(1);
    const { addRule, blockDone } = accumulator(table, options, 1);
    const values = extractSlots(factIds, facts, new Array<unknown>(factIds.length));
    const holds = Int32Array.of(1);
    compiledSet.compiled.rules.forEach((plan, r) => {
      if (plan.test(values)) addRule(r, 0, 1, holds);
    });
    blockDone(0, 1);
    return table;
  }

  function typeScore(
    table: ScoreTable,
    c: number,
    t: number,
    tablesUsed: ReturnType<typeof levelTables>,
  ): TypeScore {
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
    const table = scoreRecord(facts, options);
    return Object.fromEntries(typeIds.map((id, t) => [id, typeScore(table, 0, t, tablesUsed)]));
  }

  function scoreAll(children: readonly ChildFacts[], options: ScoreOptions = {}): ScoredChild[] {
    const tablesUsed = options.levels ? levelTables(ruleSet.types, options.levels) : defaultTables;
    const table = scoreBatch(
      children.map((c) => c.facts),
      options,
    );
    const ranks = typeIds.map((_, t) => {
      const pts = Array.from(
        { length: children.length },
        (_, c) => table.points[c * typeCount + t] as number,
      );
      return {
        school: rankWithinGroups(pts, (c) => children[c]?.school),
        grade: rankWithinGroups(pts, (c) => {
          const child = children[c];
          return child?.school === undefined || child.grade === undefined
            ? undefined
            : `${child.school}\u0000${String(child.grade)}`;
        }),
      };
    });
    return children.map((child, c) => ({
      id: child.id,
      ...(child.school === undefined ? {} : { school: child.school }),
      ...(child.grade === undefined ? {} : { grade: child.grade }),
      scores: Object.fromEntries(
        typeIds.map((id, t) => [
          id,
          {
            ...typeScore(table, c, t, tablesUsed),
            rankInSchool: ranks[t]!.school[c] ?? null,
            rankInGrade: ranks[t]!.grade[c] ?? null,
          },
        ]),
      ),
    }));
  }

  return { ...compiledSet, score, scoreBatch, scoreColumns, scoreTable, scoreAll };
}
