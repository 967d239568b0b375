import { createRequire } from 'node:module';

/** The slice of autocannon's result the bench reports. */
interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** The slice of autocannon's API we call (declared here, as Kysely dialects do). */
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<AutocannonResult>;

/** One load scenario. */
export interface LoadOptions {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
}

/** What the bench prints: latency percentiles (ms), throughput and failures. */
export interface LoadReport {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  total: number;
  errors: number;
}

/**
 * Runs autocannon against one loopback URL (refuses anything else: the bench stays local).
 * @example await runLoad({ url: 'http://127.0.0.1:3000/api/children', method: 'GET', headers, connections: 50, durationSeconds: 30 });
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const host = new URL(options.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]')
    throw new Error('load tests run on loopback only');
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method,
    headers: options.headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
