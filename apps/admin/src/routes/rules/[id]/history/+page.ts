import { ruleSets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => {
  const versions = await ruleSets.versions(params.id);
  return { id: params.id, versions: [...versions].sort((a, b) => b.version - a.version) };
}) satisfies PageLoad;
