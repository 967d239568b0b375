import { children, ruleSets, type ChildFilter } from '$lib/api';
import { may } from '$lib/access';
import type { DifficultyTypeDefinition } from '$lib/rule-editor/document';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

/**
 * The published rule set's difficulty types and levels, for their labels (要支援, not a generic
 * word). Teachers may not read rule sets: they get the built-in labels.
 */
async function publishedTypes(): Promise<DifficultyTypeDefinition[]> {
  if (!may(session.user?.role, 'GET /rule-sets/{id}/versions/{v}')) return [];
  const published = (await ruleSets.list()).find((set) => set.current !== null);
  if (!published?.current) return [];
  return (await ruleSets.version(published.id, published.current.version)).document.types;
}

export const load = (async ({ url }) => {
  const filter: ChildFilter = {};
  for (const key of ['school', 'grade', 'level', 'type'] as const) {
    const value = url.searchParams.get(key);
    if (value) filter[key] = value;
  }
  const [list, types] = await Promise.all([children.list(filter), publishedTypes()]);
  return { filter, children: list, types };
}) satisfies PageLoad;
