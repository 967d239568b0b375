import { sheets } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async () => ({ sheets: await sheets.list() })) satisfies PageLoad;
