import { listCases, listResults, type CaseStatus, type Db } from '@mimamori/db';
import { effectiveLevels } from './funnel';
import { listSheets } from './sheets';

/** A flagged child of a run with its types, sheet and case: the family center's work list. */
export interface FlaggedChild {
  childId: string;
  school: string | null;
  grade: number | null;
  types: {
    type: string;
    points: number;
    outsideSchoolPoints: number;
    rankSchool: number | null;
    rankGrade: number | null;
    /** The engine's level. */
    level: string | null;
    /** After human overrides. */
    effectiveLevel: string | null;
  }[];
  sheetId: string | null;
  caseId: string | null;
  caseStatus: CaseStatus | null;
}

/** A child's highest score over its types: the work list shows the most pressing first. */
function topPoints(child: FlaggedChild): number {
  return child.types.reduce((top, t) => Math.max(top, t.points), 0);
}

/**
 * Children flagged in a run after overrides (optionally one school's), highest score first
 * (ties by child id, so the order is stable).
 * @example const list = await listFlaggedChildren(db, runId, { school: 'S01' });
 */
export async function listFlaggedChildren(
  db: Db,
  runId: string,
  filter: { school?: string } = {},
): Promise<FlaggedChild[]> {
  const { levels } = await effectiveLevels(db, runId);
  const results = await listResults(db, runId, {
    ...(filter.school === undefined ? {} : { school: filter.school }),
    limit: 10_000_000,
  });
  const sheets = new Map((await listSheets(db, { runId })).map((s) => [s.childId, s.id]));
  const cases = new Map<string, { id: string; status: CaseStatus }>();
  for (const c of await listCases(db, { limit: 10_000_000 }))
    if (!cases.has(c.childId)) cases.set(c.childId, c);
  const byChild = new Map<string, FlaggedChild>();
  for (const r of results) {
    const effectiveLevel = levels.get(r.childId)?.get(r.type) ?? null;
    if (effectiveLevel === null && r.level === null) continue;
    let child = byChild.get(r.childId);
    if (!child) {
      const c = cases.get(r.childId);
      child = {
        childId: r.childId,
        school: r.school,
        grade: r.grade,
        types: [],
        sheetId: sheets.get(r.childId) ?? null,
        caseId: c?.id ?? null,
        caseStatus: c?.status ?? null,
      };
      byChild.set(r.childId, child);
    }
    child.types.push({
      type: r.type,
      points: r.points,
      outsideSchoolPoints: r.outsideSchoolPoints,
      rankSchool: r.rankSchool,
      rankGrade: r.rankGrade,
      level: r.level,
      effectiveLevel,
    });
  }
  return [...byChild.values()]
    .map((c) => ({ ...c, types: c.types.sort((a, b) => a.type.localeCompare(b.type)) }))
    .sort((a, b) => topPoints(b) - topPoints(a) || a.childId.localeCompare(b.childId));
}
