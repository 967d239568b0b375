import { gaiji } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ entries: await gaiji.list() })) satisfies PageLoad;
