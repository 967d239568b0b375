import { children, ruleSets, type ChildFilter } from '$lib/api';
import { may } from '$lib/access';
import type { Role } from '$lib/api-types';
import type { DifficultyTypeDefinition } from '$lib/rule-editor/document';
import type { PageLoad } from './$types';

/**
 * The published rule set's difficulty types and levels, for their labels (要支援, not a generic
 * word). Teachers may not read rule sets: they get the built-in labels.
 */
async function publishedTypes(role: Role | undefined): Promise<DifficultyTypeDefinition[]> {
  if (!may(role, 'GET /rule-sets/{id}/versions/{v}')) return [];
  const published = (await ruleSets.list()).find((set) => set.current !== null);
  if (!published?.current) return [];
  return (await ruleSets.version(published.id, published.current.version)).document.types;
}

export const load = (async ({ url, parent }) => {
  const filter: ChildFilter = {};
  for (const key of ['school', 'grade', 'level', 'type'] as const) {
    const value = url.searchParams.get(key);
    if (value) filter[key] = value;
  }
  // The role comes from the layout's load (`parent()`): on a reload the shared session state is
  // not filled in yet.
  const [list, types] = await Promise.all([
    children.list(filter),
    parent().then(({ user }) => publishedTypes(user?.role)),
  ]);
  return { filter, children: list, types };
}) satisfies PageLoad;
