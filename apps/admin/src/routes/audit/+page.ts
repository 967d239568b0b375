import { audit } from '$lib/api';
import type { AuditQuery } from '$lib/api-types';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const query: AuditQuery = {};
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = url.searchParams.get(key);
    if (value) query[key] = value;
  }
  return { query, entries: await audit.list(query) };
}) satisfies PageLoad;
