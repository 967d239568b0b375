import { sheets } from '$lib/api';
import type { PageLoad } from './$types';

// The API scopes GET /sheets to the teacher's school; other schools' sheets never arrive here.
// The user comes from the layout's load (`parent()`): on a reload or a direct link the page's
// load runs alongside the layout's, before the shared session state is filled in.
export const load = (async ({ parent }) => {
  const { user } = await parent();
  const school = user?.school ?? null;
  return { school, sheets: school ? await sheets.list() : [] };
}) satisfies PageLoad;
