import { error } from '@sveltejs/kit';
import { ApiError, connectors, ruleSets } from '$lib/api';
import type { ConnectorSummary } from '$lib/api-types';
import type { PageLoad } from './$types';

/**
 * The connectors' facts feed the editor's catalogue. A role the API does not show connectors to
 * (403) edits with the rule set's own facts only.
 */
async function catalogue(): Promise<ConnectorSummary[]> {
  try {
    return await connectors.list();
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 403) return [];
    throw cause;
  }
}

export const load = (async ({ params, url }) => {
  const draftId = url.searchParams.get('draft');
  const [sets, connectorList] = await Promise.all([ruleSets.list(), catalogue()]);
  const summary = sets.find((set) => set.id === params.id);
  if (!summary) error(404, 'rule set not found');
  if (draftId) {
    const { document } = await ruleSets.draft(params.id, draftId);
    return { summary, document, draftId, connectors: connectorList };
  }
  if (!summary.current) error(404, 'rule set has no published version');
  const { document } = await ruleSets.version(params.id, summary.current.version);
  return { summary, document, draftId: null, connectors: connectorList };
}) satisfies PageLoad;
