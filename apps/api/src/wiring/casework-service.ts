import {
  addSchedule,
  collectDisclosure,
  changeSchedule,
  compareRuns,
  computeFunnel,
  computeFunnelSeries,
  computeKpis,
  createSheet,
  decide,
  exportDisclosure,
  exportFlaggedList,
  exportSheets,
  getCaseHistory,
  getRetentionDays,
  getSheet,
  levelsOfRun,
  listCasesByStatus,
  listFlaggedChildren,
  listLevelOverrides,
  listNotifications,
  listScheduleStatus,
  listSheets,
  listSheetsForSchool,
  listTombstones,
  markNotificationRead,
  openCaseOf,
  overrideLevel,
  purgeExpired,
  recordCaseMeeting,
  recordObservation,
  reviewOverride,
  setRetentionDays,
  shareSheet,
  updateSheetNotes,
  type Actor,
  type Disclosure,
} from '@mimamori/casework';
import { appendAudit, getRun, listCaseEventsWithCase, listRuns, type Db } from '@mimamori/db';

/** The `@mimamori/casework` functions the routes call, each taking the database first. */
const functions = {
  listFlaggedChildren,
  listSheets,
  listSheetsForSchool,
  createSheet,
  getSheet,
  levelsOfRun,
  updateSheetNotes,
  shareSheet,
  recordObservation,
  openCaseOf,
  listCasesByStatus,
  getCaseHistory,
  decide,
  recordCaseMeeting,
  listLevelOverrides,
  overrideLevel,
  reviewOverride,
  listNotifications,
  markNotificationRead,
  computeFunnel,
  computeKpis,
  compareRuns,
  computeFunnelSeries,
  listScheduleStatus,
  addSchedule,
  changeSchedule,
  exportSheets,
  exportFlaggedList,
  exportDisclosure,
  getRetentionDays,
  setRetentionDays,
  listTombstones,
  purgeExpired,
  listCaseEventsWithCase,
  /** Everything held about a child as JSON, audited like the file exports (`export.disclosure`). */
  async disclosureJson(db: Db, input: { childId: string; actor: Actor }): Promise<Disclosure> {
    const json = await collectDisclosure(db, input.childId);
    await appendAudit(db, {
      actorId: input.actor.id,
      actorRole: input.actor.role ?? null,
      action: 'export.disclosure',
      targetType: 'child',
      targetId: input.childId,
      ip: input.actor.ip ?? null,
      details: { format: 'json' },
    });
    return json;
  },
  /** True when the run exists (routes answer 404 before listing). */
  async runExists(db: Db, runId: string): Promise<boolean> {
    return (await getRun(db, runId)) !== undefined;
  },
  /** The latest completed run (the dashboard's default). */
  async latestCompletedRunId(db: Db): Promise<string | null> {
    const [run] = await listRuns(db, { status: 'completed', limit: 1 });
    return run?.id ?? null;
  },
};

type BoundToDb<F> = F extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Casework (issue 7) bound to one database: sheets, cases, overrides, KPIs, schedules, exports. */
export type CaseworkService = {
  readonly [K in keyof typeof functions]: BoundToDb<(typeof functions)[K]>;
};

/**
 * Binds every casework function the API uses to `db`, so routes stay thin wrappers and tests
 * exercise the real package.
 * @example const casework = createCaseworkService(db); await casework.listSheets({ runId });
 */
export function createCaseworkService(db: Db): CaseworkService {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions)) {
    const call = fn as (db: Db, ...args: unknown[]) => unknown;
    bound[name] = (...args: unknown[]) => call(db, ...args);
  }
  return bound as CaseworkService;
}
