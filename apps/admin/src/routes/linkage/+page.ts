import { linkage } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ queue: await linkage.queue() })) satisfies PageLoad;
