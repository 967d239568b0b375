import { children, type ChildFilter } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const filter: ChildFilter = {};
  for (const key of ['school', 'grade', 'level', 'type'] as const) {
    const value = url.searchParams.get(key);
    if (value) filter[key] = value;
  }
  return { filter, children: await children.list(filter) };
}) satisfies PageLoad;
