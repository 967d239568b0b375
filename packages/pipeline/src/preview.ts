import { getCurrentVersion, getDataVersion, type Db } from '@mimamori/db';
import {
  createScorer,
  loadRuleSet,
  type LevelOverrides,
  type ScoreTable,
  type ValidationError,
} from '@mimamori/engine';
import {
  buildPreviewSnapshot,
  levelOrders,
  ruleHitCounts,
  type LevelOrder,
  type PreviewSnapshot,
} from './preview-snapshot';
import { comparePreview, type PreviewResult, type PreviewSide } from './preview-stats';
import type { PreviewLanguage } from './preview-text';

export type { PreviewMove, PreviewResult, DisparityRow, LevelCounts } from './preview-stats';
export { moveListCap } from './preview-stats';
export { previewLanguages, type PreviewLanguage } from './preview-text';

/** What to compare with the published version: a draft document, moved thresholds, or both. */
export interface PreviewInput {
  ruleSetId: string;
  /** A rule-set document (a draft); validated first. */
  draftDocument?: unknown;
  /** Replacement `minPoints` per type and level (applied to the draft, if any). */
  levels?: LevelOverrides;
  /** The language of the words in the result (reasons, group labels); Japanese by default. */
  lang?: PreviewLanguage;
}

/** A preview, or why there is none (expected failures are values). */
export type PreviewOutcome =
  | { ok: true; result: PreviewResult }
  | { ok: false; code: 'invalid_rule_set'; errors: readonly ValidationError[] }
  | { ok: false; code: 'no_published_rule_set' };

/** What-if previews over every child, with the facts and baseline scores cached. */
export interface PreviewService {
  preview(input: PreviewInput): Promise<PreviewOutcome>;
}

/** Points as they are, levels recomputed for moved thresholds (no re-scoring). */
function relevel(table: ScoreTable, orders: readonly LevelOrder[]): ScoreTable {
  const typeCount = table.typeIds.length;
  const levels = new Int8Array(table.levels.length);
  for (let t = 0; t < typeCount; t += 1) {
    const min = (orders[t] as LevelOrder).minPoints;
    for (let c = 0; c < table.count; c += 1) {
      const points = table.points[c * typeCount + t] as number;
      let index = min.length - 1;
      while (index >= 0 && points < (min[index] as number)) index -= 1;
      levels[c * typeCount + t] = index;
    }
  }
  return { ...table, levels };
}

function baselineSide(snapshot: PreviewSnapshot): PreviewSide {
  return {
    ruleSet: snapshot.ruleSet,
    table: snapshot.baseline,
    levels: snapshot.baselineLevels,
    rules: snapshot.scorer.rules,
    hits: snapshot.baselineHits,
  };
}

/** The "after" side: re-levelled baseline for threshold moves, a fresh scoring for a draft. */
function afterSide(
  snapshot: PreviewSnapshot,
  input: PreviewInput,
): PreviewSide | { errors: readonly ValidationError[] } {
  if (input.draftDocument === undefined) {
    const levels = levelOrders(snapshot.ruleSet, input.levels);
    return { ...baselineSide(snapshot), table: relevel(snapshot.baseline, levels), levels };
  }
  const loaded = loadRuleSet(input.draftDocument);
  if (!loaded.ok) return { errors: loaded.errors };
  const scorer = createScorer(loaded.ruleSet);
  const options = input.levels === undefined ? {} : { levels: input.levels };
  const table = scorer.scoreTable(snapshot.table, options);
  return {
    ruleSet: loaded.ruleSet,
    table,
    levels: levelOrders(loaded.ruleSet, input.levels),
    rules: scorer.rules,
    hits: ruleHitCounts(table, scorer.rules.length),
  };
}

/**
 * What-if previews against the published rule set. Every child's facts (in columns) and the
 * published scores are cached per (data version, published version): a threshold move only
 * re-levels cached points; a draft is scored over the cached columns.
 * @example
 * const previews = createPreviewService(db);
 * const outcome = await previews.preview({ ruleSetId: 'demo', levels: { abuse: { watch: 4 } } });
 * if (outcome.ok) console.log(outcome.result.after.counts);
 */
export function createPreviewService(db: Db): PreviewService {
  const snapshots = new Map<string, Promise<PreviewSnapshot>>();

  async function snapshotFor(ruleSetId: string): Promise<PreviewSnapshot | undefined> {
    const [current, dataVersion] = await Promise.all([
      getCurrentVersion(db, ruleSetId),
      getDataVersion(db),
    ]);
    if (current === undefined) return undefined;
    const key = `${dataVersion}:${current.id}`;
    const cached = snapshots.get(ruleSetId);
    if (cached !== undefined && (await cached).key === key) return cached;
    const loaded = loadRuleSet(current.document);
    if (!loaded.ok) return undefined;
    const building = buildPreviewSnapshot(db, key, loaded.ruleSet);
    snapshots.set(ruleSetId, building);
    building.catch(function forgetFailedSnapshot() {
      if (snapshots.get(ruleSetId) === building) snapshots.delete(ruleSetId);
    });
    return building;
  }

  return {
    async preview(input) {
      const snapshot = await snapshotFor(input.ruleSetId);
      if (snapshot === undefined) return { ok: false, code: 'no_published_rule_set' };
      const after = afterSide(snapshot, input);
      if ('errors' in after) return { ok: false, code: 'invalid_rule_set', errors: after.errors };
      const result = comparePreview(
        snapshot.children,
        snapshot.groups,
        baselineSide(snapshot),
        after,
        input.lang ?? 'ja',
      );
      return { ok: true, result };
    },
  };
}
