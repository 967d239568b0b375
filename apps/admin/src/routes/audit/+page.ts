import { audit, users } from '$lib/api';
import type { AuditQuery } from '$lib/api-types';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const query: AuditQuery = {};
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = url.searchParams.get(key);
    if (value) query[key] = value;
  }
  // The log names actors by id; the filter offers them by username.
  const [entries, accounts] = await Promise.all([audit.list(query), users.list()]);
  return { query, entries, users: accounts };
}) satisfies PageLoad;
