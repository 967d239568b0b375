import { sheets } from '$lib/api';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

// The API scopes GET /sheets to the teacher's school; other schools' sheets never arrive here.
export const load = (async () => ({
  school: session.user?.school ?? null,
  sheets: session.user?.school ? await sheets.list() : [],
})) satisfies PageLoad;
