import { connectors, imports } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => {
  const [list, batches] = await Promise.all([connectors.list(), imports.list()]);
  return { connectors: list, batches };
}) satisfies PageLoad;
