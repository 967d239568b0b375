import { sheets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => ({
  detail: await sheets.get(params.id),
})) satisfies PageLoad;
