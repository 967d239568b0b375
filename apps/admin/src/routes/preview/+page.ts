import { ruleSets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ url }) => {
  const list = await ruleSets.list();
  const draftId = url.searchParams.get('draft');
  const summary = list.find((set) => set.id === url.searchParams.get('ruleSet')) ?? list[0] ?? null;
  if (!summary) return { list, summary, draftId, document: null };
  if (draftId) {
    const { document } = await ruleSets.draft(summary.id, draftId);
    return { list, summary, draftId, document };
  }
  if (!summary.current) return { list, summary, draftId, document: null };
  const { document } = await ruleSets.version(summary.id, summary.current.version);
  return { list, summary, draftId, document };
}) satisfies PageLoad;
