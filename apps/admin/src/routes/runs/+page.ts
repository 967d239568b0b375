import { ruleSets, runs } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => {
  const [list, sets] = await Promise.all([runs.list(), ruleSets.list()]);
  return { runs: list, ruleSets: sets };
}) satisfies PageLoad;
