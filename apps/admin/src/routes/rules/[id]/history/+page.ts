import { error } from '@sveltejs/kit';
import { ruleSets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => {
  const [versions, sets] = await Promise.all([ruleSets.versions(params.id), ruleSets.list()]);
  const summary = sets.find((set) => set.id === params.id);
  if (!summary) error(404, 'rule set not found');
  return {
    id: params.id,
    summary,
    versions: [...versions].sort((a, b) => b.version - a.version),
  };
}) satisfies PageLoad;
