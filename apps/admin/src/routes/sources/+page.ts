import { sources } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ sources: await sources.list() })) satisfies PageLoad;
