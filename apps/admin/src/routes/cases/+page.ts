import { redirect } from '@sveltejs/kit';
import { cases, notifications, runs, sheets } from '$lib/api';
import { caseStatuses, type CaseStatus } from '$lib/api-types';
import type { PageLoad } from './$types';

const isStatus = (value: string): value is CaseStatus =>
  (caseStatuses as readonly string[]).includes(value);

export const load = (async ({ url, parent }) => {
  // Teachers work from the sheets shared with their school. The user comes from the layout's
  // load: on a reload the shared session state is not filled in yet.
  const { user } = await parent();
  if (user?.role === 'teacher') redirect(307, '/teacher');
  const statuses = url.searchParams.getAll('status').filter(isStatus);
  const completed = (await runs.list()).filter((r) => r.status === 'done');
  const runId = url.searchParams.get('run') ?? completed[0]?.id ?? null;
  const [flagged, list, unread] = await Promise.all([
    runId === null ? Promise.resolve([]) : sheets.flagged(runId),
    cases.list({ statuses }),
    notifications.list(true),
  ]);
  return { runs: completed, runId, statuses, flagged, cases: list, notifications: unread };
}) satisfies PageLoad;
