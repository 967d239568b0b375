import {
  getRun,
  getVersion,
  listResults,
  listRuns,
  type Db,
  type JudgementRun,
} from '@mimamori/db';
import type { RunService } from '../deps';
import type { RunSummary } from '../schemas/runs';

/** Stored run status → the API's. */
const statusOf = { running: 'running', completed: 'done', failed: 'failed' } as const;

async function toSummary(db: Db, run: JudgementRun): Promise<RunSummary> {
  const version = await getVersion(db, run.ruleSetVersionId);
  // Stored counts are { judged, flagged, byType: { type: { level: n } }, ruleSetVersion }.
  const stored = (run.counts ?? {}) as { judged?: unknown; flagged?: unknown; byType?: unknown };
  const counts =
    typeof stored.byType === 'object' && stored.byType !== null
      ? (stored.byType as RunSummary['counts'])
      : null;
  return {
    id: run.id,
    ruleSetId: version?.ruleSetId ?? '',
    version: version?.version ?? 0,
    status: statusOf[run.status],
    progress: run.status === 'running' ? 0 : 1,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(counts === null || counts === undefined ? {} : { counts }),
    ...(typeof stored.judged === 'number' ? { judged: stored.judged } : {}),
    ...(typeof stored.flagged === 'number' ? { flagged: stored.flagged } : {}),
  };
}

/** Reading runs and results from `@mimamori/db`; starting one is the pipeline's job. */
export function createRunReader(db: Db): Omit<RunService, 'start' | 'startScheduled'> {
  return {
    async list() {
      return Promise.all((await listRuns(db, { limit: 200 })).map((run) => toSummary(db, run)));
    },
    async get(id) {
      const run = await getRun(db, id);
      return run && toSummary(db, run);
    },
    async results(id, query) {
      if ((await getRun(db, id)) === undefined) return undefined;
      const filter = {
        ...(query.type === undefined ? {} : { type: query.type }),
        ...(query.level === undefined ? {} : { level: query.level }),
        ...(query.school === undefined ? {} : { school: query.school }),
        ...(query.flagged === true ? { flaggedOnly: true } : {}),
      };
      const rows = await listResults(db, id, {
        ...filter,
        limit: query.limit + 1,
        offset: query.offset,
      });
      const items = rows.slice(0, query.limit).map(function toResult(r) {
        return {
          childId: r.childId,
          school: r.school,
          grade: r.grade,
          type: r.type,
          points: r.points,
          level: r.level,
          outsideSchoolPoints: r.outsideSchoolPoints,
          rankSchool: r.rankSchool,
        };
      });
      return { items, total: query.offset + rows.length };
    },
  };
}
