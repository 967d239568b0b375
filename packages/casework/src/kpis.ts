import { getRun, listCaseEventsWithCase, listChildSheets, listRuns, type Db } from '@mimamori/db';
import { CaseworkError } from './casework-error';
import { agencies, supportStatuses, type Agency } from './decisions';
import { flaggedChildren } from './funnel';
import { inPeriod, runPeriod } from './run-period';
import { summarizeOverrides, type OverrideSummary } from './overrides';

/** Contacts between schools and the family center (the village's second KPI). */
export interface ContactCounts {
  /** Observations teachers recorded (school → center). */
  observations: number;
  /** Observations saying support seems needed (notifications to the center). */
  notifications: number;
  /** Sheets shared with a school (center → school). */
  shares: number;
  total: number;
}

/** The KPIs of one run: children connected to support, contacts, overrides. */
export interface Kpis {
  runId: string;
  watched: number;
  /** Watched children who were ever decided into 予防的支援, ケース会議 or 関係機関へ接続. */
  connectedToSupport: number;
  /** connectedToSupport / watched (0 when nobody is watched). */
  connectedShare: number;
  referralsByAgency: Record<Agency, number>;
  contacts: ContactCounts;
  contactsBySchool: (ContactCounts & { school: string })[];
  overrides: OverrideSummary;
}

function zeroContacts(): ContactCounts {
  return { observations: 0, notifications: 0, shares: 0, total: 0 };
}

/**
 * KPIs for the children the center took on in a run (those with a sheet in it).
 * @example const { connectedToSupport, connectedShare } = await computeKpis(db, runId);
 */
export async function computeKpis(db: Db, runId: string): Promise<Kpis> {
  const run = await getRun(db, runId);
  if (!run) throw new CaseworkError('not_found', `run ${runId} not found`);
  const watched = new Set((await listChildSheets(db, { runId })).map((s) => s.childId));
  // What happened in this run's period only: a later run's work is that run's.
  const period = await runPeriod(db, run);
  const events = (
    await listCaseEventsWithCase(db, { kinds: ['decision', 'observation', 'share'] })
  ).filter((e) => watched.has(e.childId) && inPeriod(period, e.at));
  const connected = new Set<string>();
  const referralsByAgency = Object.fromEntries(agencies.map((a) => [a, 0])) as Record<
    Agency,
    number
  >;
  const contacts = zeroContacts();
  const bySchool = new Map<string, ContactCounts>();
  const count = (school: unknown, key: keyof Omit<ContactCounts, 'total'>) => {
    const name = typeof school === 'string' ? school : '-';
    let entry = bySchool.get(name);
    if (!entry) bySchool.set(name, (entry = zeroContacts()));
    for (const target of [contacts, entry]) {
      target[key] += 1;
      target.total += 1;
    }
  };
  for (const e of events) {
    if (e.kind === 'decision') {
      if ((supportStatuses as readonly unknown[]).includes(e.data.status)) connected.add(e.childId);
      const agency = e.data.agency;
      if (e.data.status === 'referred' && typeof agency === 'string' && agency in referralsByAgency)
        referralsByAgency[agency as Agency] += 1;
    } else if (e.kind === 'observation') {
      count(e.data.school, 'observations');
      if (e.data.supportNeeded === true) count(e.data.school, 'notifications');
    } else {
      count(e.data.school, 'shares');
    }
  }
  return {
    runId,
    watched: watched.size,
    connectedToSupport: connected.size,
    connectedShare: watched.size === 0 ? 0 : connected.size / watched.size,
    referralsByAgency,
    contacts,
    contactsBySchool: [...bySchool]
      .map(([school, c]) => ({ school, ...c }))
      .sort((a, b) => a.school.localeCompare(b.school)),
    overrides: await summarizeOverrides(db, { runId }),
  };
}

/** Flags of two consecutive runs compared: who is new, who continues, who is no longer flagged. */
export interface RunComparison {
  fromRunId: string | null;
  toRunId: string;
  newlyFlagged: string[];
  continuing: string[];
  resolved: string[];
}

/**
 * Compares a run's flagged children with the previous completed run's (or `fromRunId`).
 * @example const { newlyFlagged, continuing, resolved } = await compareRuns(db, { toRunId });
 */
export async function compareRuns(
  db: Db,
  input: { toRunId: string; fromRunId?: string },
): Promise<RunComparison> {
  const to = await getRun(db, input.toRunId);
  if (!to) throw new CaseworkError('not_found', `run ${input.toRunId} not found`);
  let fromRunId = input.fromRunId ?? null;
  if (fromRunId === null) {
    const earlier = (await listRuns(db, { status: 'completed', limit: 1_000 })).filter(
      (r) => r.id !== to.id && r.startedAt <= to.startedAt,
    );
    fromRunId = earlier[0]?.id ?? null;
  }
  const after = await flaggedChildren(db, to.id);
  const before = fromRunId === null ? new Set<string>() : await flaggedChildren(db, fromRunId);
  const sorted = (ids: Iterable<string>) => [...ids].sort();
  return {
    fromRunId,
    toRunId: to.id,
    newlyFlagged: sorted([...after].filter((c) => !before.has(c))),
    continuing: sorted([...after].filter((c) => before.has(c))),
    resolved: sorted([...before].filter((c) => !after.has(c))),
  };
}
