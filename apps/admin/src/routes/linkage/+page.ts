import { connectors, linkage } from '$lib/api';
import { linkagePageSize } from './page-size';
import type { PageLoad } from './$types';

export const load = (async () => {
  const first = { limit: linkagePageSize, offset: 0 };
  const [queue, decisions, sources] = await Promise.all([
    linkage.queue(first),
    linkage.decisions(first),
    connectors.list(),
  ]);
  return { queue, decisions, sources };
}) satisfies PageLoad;
