import {
  listCaseEventsWithCase,
  listCases,
  listRuns,
  type Db,
  type JudgementRun,
} from '@mimamori/db';

/**
 * What belongs to a run: from its start until the next completed run started (open-ended for
 * the latest). A run's KPIs and funnel count what happened in that period, so an older run's
 * figures do not change when later work happens.
 */
export interface RunPeriod {
  from: string;
  /** Start of the next completed run; null for the latest run. */
  to: string | null;
}

/** The period of a run. */
export async function runPeriod(db: Db, run: JudgementRun): Promise<RunPeriod> {
  let to: string | null = null;
  // Newest first: the last one still after this run is the next run.
  for (const other of await listRuns(db, { status: 'completed', limit: 100_000 })) {
    if (other.id === run.id) continue;
    const after =
      other.startedAt > run.startedAt || (other.startedAt === run.startedAt && other.id > run.id);
    if (after) to = other.startedAt;
  }
  return { from: run.startedAt, to };
}

/** True when an ISO time falls in the period. */
export function inPeriod(period: RunPeriod, at: string): boolean {
  return at >= period.from && (period.to === null || at < period.to);
}

/**
 * Each child's case status at the end of the period: its newest case opened before then, with
 * the last decision taken before then (a case opens as 見守り). The latest run reads the
 * statuses as they are now.
 */
export async function caseStatusAt(db: Db, period: RunPeriod): Promise<Map<string, string>> {
  const status = new Map<string, string>();
  const cases = await listCases(db, { limit: 10_000_000 });
  if (period.to === null) {
    // listCases is newest first: the first case seen per child is its current one.
    for (const c of cases) if (!status.has(c.childId)) status.set(c.childId, c.status);
    return status;
  }
  const end = period.to;
  const newest = new Map<string, string>();
  for (const c of cases)
    if (c.openedAt < end && !newest.has(c.childId)) newest.set(c.childId, c.id);
  const decided = new Map<string, string>();
  for (const e of await listCaseEventsWithCase(db, { kinds: ['decision'] })) {
    // In time order: the last decision before the end wins.
    if (e.at < end && typeof e.data.status === 'string') decided.set(e.caseId, e.data.status);
  }
  for (const [child, caseId] of newest) status.set(child, decided.get(caseId) ?? 'watch');
  return status;
}
