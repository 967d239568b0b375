import { ruleSets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ ruleSets: await ruleSets.list() })) satisfies PageLoad;
