import { kpi, runs } from '$lib/api';
import { may } from '$lib/access';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const runId = url.searchParams.get('run') ?? undefined;
  // Administrators see the dashboard but not the runs list (the API keeps runs to the center):
  // they get the latest run's figures without the run picker.
  const [dashboard, schedules, list] = await Promise.all([
    kpi.dashboard(runId),
    kpi.schedules(),
    may(session.user?.role, 'GET /runs') ? runs.list() : Promise.resolve([]),
  ]);
  return { dashboard, schedules, runs: list.filter((r) => r.status === 'done') };
}) satisfies PageLoad;
