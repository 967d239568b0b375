import { runs } from '$lib/api';
import type { PageLoad } from './$types';

export const load = (async ({ params }) => ({ run: await runs.get(params.id) })) satisfies PageLoad;
