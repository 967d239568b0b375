import { children } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => ({
  explanation: await children.explanation(params.id),
})) satisfies PageLoad;
