import { kpi, runs } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const runId = url.searchParams.get('run') ?? undefined;
  const [dashboard, schedules, list] = await Promise.all([
    kpi.dashboard(runId),
    kpi.schedules(),
    runs.list(),
  ]);
  return { dashboard, schedules, runs: list.filter((r) => r.status === 'done') };
}) satisfies PageLoad;
