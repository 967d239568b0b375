import { runs } from '$lib/api';
import { loadRuleSetTypes } from '$lib/rule-set-types.svelte';
import type { PageLoad } from './$types';

/** The run, and its rule set's types and levels (the labels the counts are shown with). */
export const load = (async ({ params }) => {
  const run = await runs.get(params.id);
  return { run, types: await loadRuleSetTypes(run.ruleSetId, run.version) };
}) satisfies PageLoad;
