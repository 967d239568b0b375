import {
  getRun,
  listChildSheets,
  listChildren,
  listOverrides,
  listRunLevels,
  listRuns,
  type Db,
  type RunLevelRow,
} from '@mimamori/db';
import { CaseworkError } from './casework-error';
import { supportStatuses } from './decisions';
import { caseStatusAt, runPeriod } from './run-period';

/** The stages of the funnel: judged → flagged → watched → preventive support / continued watch. */
export interface FunnelCounts {
  judged: number;
  /** Flagged after human overrides (the engine's flag, raised or lowered by staff). */
  flagged: number;
  /** Flagged by the engine alone. */
  flaggedByEngine: number;
  /** Children the center took on: a sheet was filled in this run. */
  watched: number;
  /** Watched children whose sheet was shared with a school. */
  shared: number;
  /** Watched children now in 予防的支援, ケース会議 or 関係機関へ接続. */
  preventiveSupport: number;
  /** Watched children still in 見守り. */
  continuedWatch: number;
  /** Watched children whose case is closed. */
  closed: number;
}

/** A run's funnel, overall and per school and difficulty type. */
export interface Funnel extends FunnelCounts {
  runId: string;
  asOf: string;
  bySchool: (FunnelCounts & { school: string })[];
  byType: (FunnelCounts & { type: string })[];
}

/** Label for children with neither school nor nursery. */
export const noSchool = '-';

function zero(): FunnelCounts {
  return {
    judged: 0,
    flagged: 0,
    flaggedByEngine: 0,
    watched: 0,
    shared: 0,
    preventiveSupport: 0,
    continuedWatch: 0,
    closed: 0,
  };
}

/** Effective level per child and type: the latest override wins over the engine's level. */
export async function effectiveLevels(
  db: Db,
  runId: string,
): Promise<{ rows: RunLevelRow[]; levels: Map<string, Map<string, string | null>> }> {
  const rows = await listRunLevels(db, runId);
  const levels = new Map<string, Map<string, string | null>>();
  const set = (child: string, type: string, level: string | null) => {
    const perType = levels.get(child) ?? new Map<string, string | null>();
    perType.set(type, level);
    levels.set(child, perType);
  };
  for (const r of rows) set(r.childId, r.type, r.level);
  for (const o of await listOverrides(db, { runId })) set(o.childId, o.type, o.toLevel);
  return { rows, levels };
}

/** Children flagged in a run after overrides. */
export async function flaggedChildren(db: Db, runId: string): Promise<Set<string>> {
  const { levels } = await effectiveLevels(db, runId);
  const flagged = new Set<string>();
  for (const [child, perType] of levels)
    if ([...perType.values()].some((l) => l !== null)) flagged.add(child);
  return flagged;
}

/**
 * The funnel of one completed run: counts come straight from results, overrides, sheets and
 * cases. Per type a child counts in every type it is flagged in (types do not add up).
 * @example const funnel = await computeFunnel(db, runId); funnel.preventiveSupport;
 */
export async function computeFunnel(db: Db, runId: string): Promise<Funnel> {
  const run = await getRun(db, runId);
  if (!run) throw new CaseworkError('not_found', `run ${runId} not found`);
  const { rows, levels } = await effectiveLevels(db, runId);
  const roster = await listChildren(db, { limit: 10_000_000 });
  const schoolOf = new Map<string, string>();
  for (const c of roster) schoolOf.set(c.id, c.school ?? c.nursery ?? noSchool);
  for (const r of rows)
    if (!schoolOf.has(r.childId)) schoolOf.set(r.childId, r.school ?? r.nursery ?? noSchool);

  const engineFlagged = new Set(rows.filter((r) => r.level !== null).map((r) => r.childId));
  const sheets = await listChildSheets(db, { runId });
  const sheeted = new Set(sheets.map((s) => s.childId));
  const shared = new Set(sheets.filter((s) => s.sharedSchool !== null).map((s) => s.childId));
  const engineTypes = new Set(
    rows.filter((r) => r.level !== null).map((r) => `${r.childId}\u0000${r.type}`),
  );
  // Statuses at the end of the run's period: an older run's funnel does not move with later work.
  const status = await caseStatusAt(db, await runPeriod(db, run));

  const total = zero();
  const bySchool = new Map<string, FunnelCounts>();
  const byType = new Map<string, FunnelCounts>();
  const school = (id: string) => schoolOf.get(id) ?? noSchool;
  const bucket = <K>(map: Map<K, FunnelCounts>, key: K) => {
    let found = map.get(key);
    if (!found) map.set(key, (found = zero()));
    return found;
  };
  const judgedTotal = typeof run.counts?.judged === 'number' ? run.counts.judged : roster.length;
  total.judged = judgedTotal;
  for (const c of roster) bucket(bySchool, school(c.id)).judged += 1;
  const types = new Set(rows.map((r) => r.type));
  for (const type of types) bucket(byType, type).judged = judgedTotal;

  const add = (counts: FunnelCounts, child: string, flagged: boolean, engine: boolean) => {
    if (flagged) counts.flagged += 1;
    if (engine) counts.flaggedByEngine += 1;
    if (!sheeted.has(child)) return;
    counts.watched += 1;
    if (shared.has(child)) counts.shared += 1;
    const now = status.get(child);
    if ((supportStatuses as readonly (string | undefined)[]).includes(now))
      counts.preventiveSupport += 1;
    else if (now === 'watch') counts.continuedWatch += 1;
    else if (now === 'closed') counts.closed += 1;
  };
  const children = new Set([...levels.keys(), ...sheeted]);
  for (const child of children) {
    const perType = levels.get(child) ?? new Map<string, string | null>();
    const flagged = [...perType.values()].some((l) => l !== null);
    const engine = engineFlagged.has(child);
    add(total, child, flagged, engine);
    add(bucket(bySchool, school(child)), child, flagged, engine);
    for (const [type, level] of perType) {
      const engineType = engineTypes.has(`${child}\u0000${type}`);
      if (level !== null || engineType)
        add(bucket(byType, type), child, level !== null, engineType);
    }
  }
  return {
    runId,
    asOf: run.asOf,
    ...total,
    bySchool: [...bySchool]
      .map(([s, c]) => ({ school: s, ...c }))
      .sort((a, b) => a.school.localeCompare(b.school)),
    byType: [...byType]
      .map(([t, c]) => ({ type: t, ...c }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  };
}

/** Funnels of the latest completed runs, oldest first (the dashboard's "over time"). */
export async function computeFunnelSeries(
  db: Db,
  options: { limit?: number } = {},
): Promise<Funnel[]> {
  const runs = await listRuns(db, { status: 'completed', limit: options.limit ?? 12 });
  const series: Funnel[] = [];
  for (const run of runs.reverse()) series.push(await computeFunnel(db, run.id));
  return series;
}
