import type { RuleSet, ScoreTable, ScoredRule } from '@mimamori/engine';
import type { DisparityGroups, GroupIndex } from './preview-groups';
import type { ChildContextColumns, LevelOrder } from './preview-snapshot';
import { levelLabel, reasonText, ruleName, sexLabels, type PreviewLanguage } from './preview-text';

/** `{ [type]: { [level]: children } }` */
export type LevelCounts = Record<string, Record<string, number>>;

/** A child whose level for a type changed (pseudonymous id and context only). */
export interface PreviewMove {
  childId: string;
  school: string;
  grade: number | null;
  type: string;
  from: string | null;
  to: string | null;
  /** What changed for this child, in words (rules that newly fire or stop, moved thresholds). */
  reasons: string[];
}

/** Flagged children of a group before and after. */
export interface DisparityRow {
  group: string;
  total: number;
  before: number;
  after: number;
}

/** Before/after of a change over every child. */
export interface PreviewResult {
  before: { counts: LevelCounts };
  after: { counts: LevelCounts };
  /** Children reaching a higher level (capped; see `enteredTotal`). */
  entered: PreviewMove[];
  left: PreviewMove[];
  enteredTotal: number;
  leftTotal: number;
  ruleHits: { ruleId: string; before: number; after: number }[];
  /** `points[i]` = children whose score for the type is `i` (after the change). */
  distribution: Record<string, { points: number[] }>;
  /** Children flagged if the type's lowest level started at `minPoints` (after the change). */
  sweep: Record<string, { minPoints: number; flagged: number }[]>;
  disparity: {
    bySchool: DisparityRow[];
    byGrade: DisparityRow[];
    bySex: DisparityRow[];
    byAge: DisparityRow[];
  };
}

/** One side of the comparison: a rule set's scores with its level order. */
export interface PreviewSide {
  readonly ruleSet: RuleSet;
  readonly table: ScoreTable;
  readonly levels: readonly LevelOrder[];
  readonly rules: readonly ScoredRule[];
  readonly hits: readonly number[];
}

/** Longest entered/left list returned (totals are always exact). */
export const moveListCap = 500;
/** Highest histogram bucket (scores above land in it). */
const maxBucket = 1000;

function levelOf(side: PreviewSide, child: number, type: number): string | null {
  if (type < 0) return null;
  const index = side.table.levels[child * side.table.typeIds.length + type] as number;
  return index < 0 ? null : (side.levels[type]?.ids[index] ?? null);
}

function countLevels(side: PreviewSide): LevelCounts {
  const { table } = side;
  const typeCount = table.typeIds.length;
  const counts: LevelCounts = {};
  table.typeIds.forEach(function countType(typeId, t) {
    const order = side.levels[t] as LevelOrder;
    const perLevel = new Array<number>(order.ids.length).fill(0);
    for (let c = 0; c < table.count; c += 1) {
      const index = table.levels[c * typeCount + t] as number;
      if (index >= 0) perLevel[index] = (perLevel[index] as number) + 1;
    }
    counts[typeId] = Object.fromEntries(order.ids.map((id, i) => [id, perLevel[i] as number]));
  });
  return counts;
}

/** Severity of each level per type: the published order, then levels only the draft has. */
function severityRanks(before: RuleSet, after: RuleSet): Map<string, Map<string, number>> {
  const ranks = new Map<string, Map<string, number>>();
  for (const type of [...before.types, ...after.types]) {
    const rank = ranks.get(type.id) ?? new Map<string, number>();
    for (const level of [...type.levels].sort((a, b) => a.minPoints - b.minPoints)) {
      if (!rank.has(level.id)) rank.set(level.id, rank.size);
    }
    ranks.set(type.id, rank);
  }
  return ranks;
}

function firedRules(side: PreviewSide, child: number, typeId: string): Map<string, ScoredRule> {
  const fired = new Map<string, ScoredRule>();
  const { fired: bits, wordsPerChild } = side.table;
  side.rules.forEach(function checkRule(rule, r) {
    if (rule.rule.event.type !== typeId) return;
    const word = bits[child * wordsPerChild + (r >>> 5)] as number;
    if (((word >>> (r & 31)) & 1) === 1) fired.set(rule.rule.id, rule);
  });
  return fired;
}

function thresholdOf(side: PreviewSide, t: number, levelId: string): number | undefined {
  const order = side.levels[t];
  const i = order?.ids.indexOf(levelId) ?? -1;
  return i < 0 ? undefined : order?.minPoints[i];
}

/** Why a child's level changed: rules that newly fire or stop, changed points, moved thresholds. */
function reasonsFor(
  before: PreviewSide,
  after: PreviewSide,
  child: number,
  typeId: string,
  level: string | null,
  lang: PreviewLanguage,
): string[] {
  const say = reasonText[lang];
  const was = firedRules(before, child, typeId);
  const now = firedRules(after, child, typeId);
  const reasons: string[] = [];
  for (const [id, rule] of now) {
    const old = was.get(id);
    if (old === undefined) reasons.push(say.fires(ruleName(rule, lang), rule.points));
    else if (old.points !== rule.points)
      reasons.push(say.points(ruleName(rule, lang), old.points, rule.points));
  }
  for (const [id, rule] of was) {
    if (!now.has(id)) reasons.push(say.stops(ruleName(rule, lang), rule.points));
  }
  if (level !== null) {
    const tb = before.table.typeIds.indexOf(typeId);
    const ta = after.table.typeIds.indexOf(typeId);
    const from = tb < 0 ? undefined : thresholdOf(before, tb, level);
    const to = ta < 0 ? undefined : thresholdOf(after, ta, level);
    if (from !== to && from !== undefined && to !== undefined) {
      const points = after.table.points[child * after.table.typeIds.length + ta] as number;
      reasons.push(say.threshold(levelLabel(after.ruleSet, typeId, level, lang), from, to, points));
    }
  }
  return reasons;
}

function anyLevel(side: PreviewSide, child: number): boolean {
  const typeCount = side.table.typeIds.length;
  for (let t = 0; t < typeCount; t += 1)
    if ((side.table.levels[child * typeCount + t] as number) >= 0) return true;
  return false;
}

function disparityRows(
  group: GroupIndex,
  flagged: Uint8Array,
  label: (key: string) => string = (key) => key,
): DisparityRow[] {
  const rows = group.labels.map((key) => ({ group: label(key), total: 0, before: 0, after: 0 }));
  for (let c = 0; c < group.index.length; c += 1) {
    const row = rows[group.index[c] as number];
    if (row === undefined) continue;
    const f = flagged[c] as number;
    row.total += 1;
    row.before += f & 1;
    row.after += f >>> 1;
  }
  return rows;
}

function histogram(side: PreviewSide, t: number): number[] {
  const { table } = side;
  const typeCount = table.typeIds.length;
  let top = 0;
  const buckets = new Array<number>(maxBucket + 1).fill(0);
  for (let c = 0; c < table.count; c += 1) {
    const p = table.points[c * typeCount + t] as number;
    const bucket = Math.min(maxBucket, Math.max(0, Math.floor(p)));
    buckets[bucket] = (buckets[bucket] as number) + 1;
    if (bucket > top) top = bucket;
  }
  return buckets.slice(0, top + 1);
}

function sweepOf(points: readonly number[]): { minPoints: number; flagged: number }[] {
  const sweep: { minPoints: number; flagged: number }[] = [];
  let flagged = 0;
  for (let m = points.length - 1; m >= 1; m -= 1) {
    flagged += points[m] as number;
    sweep.push({ minPoints: m, flagged });
  }
  return sweep.reverse();
}

function ruleHits(before: PreviewSide, after: PreviewSide): PreviewResult['ruleHits'] {
  const hits = new Map<string, { ruleId: string; before: number; after: number }>();
  before.rules.forEach((r, i) =>
    hits.set(r.rule.id, { ruleId: r.rule.id, before: before.hits[i] ?? 0, after: 0 }),
  );
  after.rules.forEach(function addAfter(r, i) {
    const entry = hits.get(r.rule.id) ?? { ruleId: r.rule.id, before: 0, after: 0 };
    entry.after = after.hits[i] ?? 0;
    hits.set(r.rule.id, entry);
  });
  return [...hits.values()];
}

/**
 * Compares two scorings of the same children (same order): counts, who moved and why, rule
 * hits, score distributions, threshold sweeps and flag rates by group.
 */
export function comparePreview(
  children: ChildContextColumns,
  groups: DisparityGroups,
  before: PreviewSide,
  after: PreviewSide,
  lang: PreviewLanguage = 'ja',
): PreviewResult {
  const count = children.ids.length;
  const typeIds = [...new Set([...before.table.typeIds, ...after.table.typeIds])];
  const ranks = severityRanks(before.ruleSet, after.ruleSet);
  const entered: PreviewMove[] = [];
  const left: PreviewMove[] = [];
  let enteredTotal = 0;
  let leftTotal = 0;
  for (const typeId of typeIds) {
    const tb = before.table.typeIds.indexOf(typeId);
    const ta = after.table.typeIds.indexOf(typeId);
    const rank = ranks.get(typeId) ?? new Map<string, number>();
    for (let c = 0; c < count; c += 1) {
      const from = levelOf(before, c, tb);
      const to = levelOf(after, c, ta);
      if (from === to) continue;
      const up =
        (to === null ? -1 : (rank.get(to) ?? -1)) > (from === null ? -1 : (rank.get(from) ?? -1));
      if (up) enteredTotal += 1;
      else leftTotal += 1;
      const list = up ? entered : left;
      if (list.length >= moveListCap) continue;
      list.push({
        childId: children.ids[c] as string,
        school: children.school[c] ?? '',
        grade: children.grade[c] ?? null,
        type: typeId,
        from,
        to,
        reasons: reasonsFor(before, after, c, typeId, up ? to : from, lang),
      });
    }
  }
  // bit 0: flagged before, bit 1: flagged after (any type, any level).
  const flagged = new Uint8Array(count);
  for (let c = 0; c < count; c += 1)
    flagged[c] = (anyLevel(before, c) ? 1 : 0) | (anyLevel(after, c) ? 2 : 0);
  const distribution: PreviewResult['distribution'] = {};
  const sweep: PreviewResult['sweep'] = {};
  after.table.typeIds.forEach(function describeType(typeId, t) {
    const points = histogram(after, t);
    distribution[typeId] = { points };
    sweep[typeId] = sweepOf(points);
  });
  return {
    before: { counts: countLevels(before) },
    after: { counts: countLevels(after) },
    entered,
    left,
    enteredTotal,
    leftTotal,
    ruleHits: ruleHits(before, after),
    distribution,
    sweep,
    disparity: {
      bySchool: disparityRows(groups.bySchool, flagged),
      byGrade: disparityRows(groups.byGrade, flagged),
      bySex: disparityRows(groups.bySex, flagged, (key) => sexLabels[lang][key] ?? key),
      byAge: disparityRows(groups.byAge, flagged),
    },
  };
}
