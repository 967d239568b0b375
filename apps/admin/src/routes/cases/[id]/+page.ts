import { cases, sheets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => {
  const history = await cases.get(params.id);
  // Newest sheet first: the one for the latest run the child was flagged in.
  const latest = [...history.sheets].sort((a, b) =>
    b.content.asOf.localeCompare(a.content.asOf),
  )[0];
  return { history, detail: latest ? await sheets.get(latest.id) : null };
}) satisfies PageLoad;
