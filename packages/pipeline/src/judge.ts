import {
  completeRun,
  createRun,
  failRun,
  getCurrentVersion,
  getDataVersion,
  insertResults,
  listRuleSets,
  type Db,
  type JudgementResult,
} from '@mimamori/db';
import {
  createExplainer,
  createRuleDescriber,
  createScorer,
  loadRuleSet,
  type RuleSet,
  type Scorer,
} from '@mimamori/engine';
import { resolveJudgeAsOf } from './as-of';
import { auditAs, type PipelineContext } from './context';
import { loadChildren } from './derive-facts';
import { PipelineError } from './pipeline-error';

/** Counts a run stores: judged children and flagged children per type and level. */
export interface RunCounts {
  judged: number;
  flagged: number;
  byType: Record<string, Record<string, number>>;
}

/** The published rule set (validated), by id or the only one. */
export async function loadPublishedRuleSet(
  db: Db,
  ruleSetId?: string,
): Promise<{ versionId: string; version: number; ruleSet: RuleSet }> {
  const id = ruleSetId ?? (await listRuleSets(db)).find((r) => r.currentVersionId !== null)?.id;
  const current = id === undefined ? undefined : await getCurrentVersion(db, id);
  if (!current)
    throw new PipelineError('no_published_rule_set', 'no published rule set: publish one first');
  const loaded = loadRuleSet(current.document);
  if (!loaded.ok) {
    throw new PipelineError(
      'invalid_rule_set',
      `published rule set ${current.ruleSetId} v${current.version} is invalid: ${loaded.errors.map((e) => `${e.path} ${e.code}`).join('; ')}`,
    );
  }
  return { versionId: current.id, version: current.version, ruleSet: loaded.ruleSet };
}

/** Scores children and turns them into stored results (rows only for children with points). */
export function scoreToResults(
  scorer: Scorer,
  children: readonly {
    id: string;
    school: string | null;
    grade: number | null;
    facts: Record<string, unknown>;
  }[],
): { results: JudgementResult[]; counts: RunCounts } {
  const explainChild = createExplainer(scorer);
  const describe = createRuleDescriber(scorer);
  /**
   * What a flagged child's results keep: the reasons in words (ranked by points, for sheets)
   * and the fired rules with their lit condition trees (for the child's explanation page).
   */
  const explanationOf = (facts: Record<string, unknown>) => {
    const explained = explainChild(facts, 'ja');
    const fired = explained.rules.filter((r) => r.fired);
    return { reasons: explained.reasons, rules: describe(fired, facts, 'ja') };
  };
  const scored = scorer.scoreAll(
    children.map((c) => ({
      id: c.id,
      school: c.school ?? undefined,
      grade: c.grade ?? undefined,
      facts: c.facts,
    })),
  );
  const counts: RunCounts = { judged: children.length, flagged: 0, byType: {} };
  const results: JudgementResult[] = [];
  for (let i = 0; i < scored.length; i += 1) {
    const child = scored[i]!;
    let flagged = false;
    let explanation: unknown = null;
    for (const [type, s] of Object.entries(child.scores)) {
      if (s.points <= 0 && s.level === null) continue;
      if (s.level !== null) {
        flagged = true;
        const perType = (counts.byType[type] ??= {});
        perType[s.level] = (perType[s.level] ?? 0) + 1;
        explanation ??= explanationOf(children[i]!.facts);
      }
      results.push({
        childId: child.id,
        type,
        points: s.points,
        level: s.level,
        outsideSchoolPoints: s.outsideSchoolPoints,
        rankSchool: s.rankInSchool,
        rankGrade: s.rankInGrade,
        explanation: s.level === null ? null : explanation,
      });
    }
    if (flagged) counts.flagged += 1;
  }
  return { results, counts };
}

/**
 * Scores every child from stored facts with the published rule set and stores an immutable
 * run: rule-set version + data version + results + explanations for flagged children.
 * The run is as of the roster import's date; a different `asOf` is refused (`as_of_mismatch`).
 * @example const { runId, counts } = await judge(ctx, { asOf: '2026-04-01' });
 */
export async function judge(
  ctx: PipelineContext,
  options: { ruleSetId?: string; asOf?: string; scheduleId?: string | null } = {},
): Promise<{ runId: string; counts: RunCounts }> {
  const { db } = ctx;
  const published = await loadPublishedRuleSet(db, options.ruleSetId);
  const scorer = createScorer(published.ruleSet);
  const asOf = await resolveJudgeAsOf(db, options.asOf, ctx.asOf);
  const run = await createRun(db, {
    ruleSetVersionId: published.versionId,
    dataVersion: await getDataVersion(db),
    asOf,
    startedBy: ctx.actor?.id ?? null,
    scheduleId: options.scheduleId ?? null,
  });
  try {
    const children = [...(await loadChildren(db)).values()];
    const { results, counts } = scoreToResults(scorer, children);
    await db.transaction().execute(async function storeRun(trx: Db) {
      await insertResults(trx, run.id, results);
      await completeRun(trx, run.id, { ...counts, ruleSetVersion: published.version });
      await auditAs(trx, ctx.actor, {
        action: 'run.complete',
        targetType: 'judgement_run',
        targetId: run.id,
        details: {
          judged: counts.judged,
          flagged: counts.flagged,
          ruleSetVersion: published.version,
        },
      });
    });
    return { runId: run.id, counts };
  } catch (error) {
    await failRun(db, run.id, error instanceof PipelineError ? error.code : 'judge_failed');
    throw error;
  }
}
