import {
  appendAudit,
  completeRun,
  createRun,
  failRun,
  getCurrentVersion,
  getDataVersion,
  insertResults,
  listRuleSets,
  listVersions,
  type Db,
} from '@mimamori/db';
import { createScorer, loadRuleSet, type RuleSet } from '@mimamori/engine';
import { loadChildren, resolveJudgeAsOf, scoreToResults } from '@mimamori/pipeline';
import type { RunService } from '../deps';
import { ApiError } from '../problem';
import type { BackgroundJobs } from './background-jobs';

/** A published (or formerly published) version, validated. */
async function versionToJudge(
  db: Db,
  ruleSetId: string,
  version: number | undefined,
): Promise<{ id: string; version: number; ruleSet: RuleSet } | undefined> {
  const stored =
    version === undefined
      ? await getCurrentVersion(db, ruleSetId)
      : (await listVersions(db, ruleSetId)).find(
          (v) => v.version === version && v.status !== 'draft',
        );
  if (stored === undefined) return undefined;
  const loaded = loadRuleSet(stored.document);
  if (!loaded.ok) {
    throw new ApiError(422, 'invalid_rule_set', 'That version no longer validates.', {
      errors: loaded.errors.slice(0, 50).map((e) => ({ path: e.path, message: e.message })),
    });
  }
  return { id: stored.id, version: stored.version, ruleSet: loaded.ruleSet };
}

/**
 * Judgement runs started from the API: the run row is created at once (so `GET /runs/:id`
 * shows it), then the pipeline's scoring runs in the background with its progress kept in
 * memory until the run is stored; the stored status takes over from there.
 */
export function createRunService(
  db: Db,
  reader: Omit<RunService, 'start' | 'startScheduled'>,
  options: { asOf: string; jobs: BackgroundJobs },
): RunService {
  const progress = new Map<string, number>();

  async function execute(
    runId: string,
    version: { version: number; ruleSet: RuleSet },
    by: string | null,
  ) {
    try {
      const scorer = createScorer(version.ruleSet);
      const children = [...(await loadChildren(db)).values()];
      progress.set(runId, 0.4);
      const { results, counts } = scoreToResults(scorer, children);
      progress.set(runId, 0.7);
      await db.transaction().execute(async function storeRun(trx: Db) {
        await insertResults(trx, runId, results);
        await completeRun(trx, runId, { ...counts, ruleSetVersion: version.version });
        await appendAudit(trx, {
          actorId: by,
          actorRole: by === null ? 'scheduler' : 'family_center',
          action: 'run.complete',
          targetType: 'judgement_run',
          targetId: runId,
          ip: null,
          details: {
            judged: counts.judged,
            flagged: counts.flagged,
            ruleSetVersion: version.version,
          },
        });
      });
    } catch (error) {
      await failRun(db, runId, 'judge_failed');
      throw error;
    } finally {
      progress.delete(runId);
    }
  }

  async function begin(
    version: { id: string; version: number; ruleSet: RuleSet },
    by: string | null,
    scheduleId: string | null,
  ) {
    const run = await createRun(db, {
      ruleSetVersionId: version.id,
      dataVersion: await getDataVersion(db),
      // Runs take no date of their own: they are as of the roster import (ages were derived
      // then), the configured date only when no roster date was recorded (same rule as the CLI).
      asOf: await resolveJudgeAsOf(db, undefined, options.asOf),
      startedBy: by,
      scheduleId,
    });
    progress.set(run.id, 0.1);
    return { id: run.id, done: execute(run.id, version, by) };
  }

  return {
    ...reader,
    async start(input, by) {
      const version = await versionToJudge(db, input.ruleSetId, input.version);
      if (version === undefined) return undefined;
      const run = await begin(version, by, null);
      options.jobs.add(`run ${run.id}`, run.done);
      return { id: run.id };
    },
    async startScheduled(scheduleId) {
      // The published rule set (a municipality runs one; the first published when several).
      const published = (await listRuleSets(db)).find((r) => r.currentVersionId !== null);
      const version = published && (await versionToJudge(db, published.id, undefined));
      if (version === undefined)
        throw new ApiError(409, 'no_published_rule_set', 'No rule set is published.');
      const run = await begin(version, null, scheduleId);
      await run.done;
      return run.id;
    },
    async get(id) {
      // Progress first: it is dropped only after the run's final state is committed.
      const fraction = progress.get(id);
      const run = await reader.get(id);
      return run && fraction !== undefined && run.status === 'running'
        ? { ...run, progress: fraction }
        : run;
    },
  };
}
