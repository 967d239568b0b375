import { error } from '@sveltejs/kit';
import { ruleSets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params, url }) => {
  const draftId = url.searchParams.get('draft');
  const summary = (await ruleSets.list()).find((set) => set.id === params.id);
  if (!summary) error(404, 'rule set not found');
  if (draftId) {
    const { document } = await ruleSets.draft(params.id, draftId);
    return { summary, document, draftId };
  }
  if (!summary.current) error(404, 'rule set has no published version');
  const { document } = await ruleSets.version(params.id, summary.current.version);
  return { summary, document, draftId: null };
}) satisfies PageLoad;
