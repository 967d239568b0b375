import { kpi, runs } from '$lib/api';
import { may } from '$lib/access';
import type { PageLoad } from './$types';

export const load = (async ({ url, parent }) => {
  const runId = url.searchParams.get('run') ?? undefined;
  // Administrators see the dashboard but not the runs list (the API keeps runs to the center):
  // they get the latest run's figures without the run picker. The role comes from the layout's
  // load (`parent()`): on a reload the shared session state is not filled in yet.
  const [dashboard, schedules, list] = await Promise.all([
    kpi.dashboard(runId),
    kpi.schedules(),
    parent().then(({ user }) => (may(user?.role, 'GET /runs') ? runs.list() : [])),
  ]);
  return { dashboard, schedules, runs: list.filter((r) => r.status === 'done') };
}) satisfies PageLoad;
