import { request } from 'node:http';
import { listAudit } from '@mimamori/db';
import { createTestDatabase, type TestDatabase } from '@mimamori/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ApiServer } from './server';
import { seedPassword } from './testing/seed';
import { createTestApp } from './testing/test-app';

let database: TestDatabase;
let server: ApiServer;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  const { app } = await createTestApp(database.db);
  server = createServer({
    app,
    port: 0,
    fallback(_req, res) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>admin ui</p>');
    },
  });
  url = (await server.listen()).url;
});
afterAll(async () => {
  await server.close();
  await database.dispose();
});

it('serves /api/* from Hono and everything else from the fallback on one loopback port', async () => {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const me = await fetch(`${url}/api/auth/me`);
  expect(me.status).toBe(401);
  expect(me.headers.get('content-type')).toBe('application/problem+json');
  expect(await (await fetch(`${url}/rules`)).text()).toBe('<p>admin ui</p>');
  expect(await (await fetch(`${url}/apis`)).text()).toBe('<p>admin ui</p>');
});

it('records the socket address in the audit log', async () => {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
    body: JSON.stringify({ username: 'admin1', password: seedPassword }),
  });
  expect(res.status).toBe(200);
  const [entry] = await listAudit(database.db, { action: 'auth.login.success' });
  expect(entry?.ip).toMatch(/127\.0\.0\.1/);
});

/** Sends a body in chunks (Transfer-Encoding: chunked, no Content-Length); resolves the status. */
function sendChunked(path: string, parts: readonly string[]): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: {
          origin: url,
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on('error', fail);
    for (const part of parts) req.write(part);
    req.end();
  });
}

it('reads chunked bodies (no Content-Length) within the limits, never answering 500', async () => {
  const body = JSON.stringify({ username: 'center1', password: seedPassword });
  expect(await sendChunked('/api/auth/login', [body.slice(0, 10), body.slice(10)])).toBe(200);
  const big = `{"username":"${'x'.repeat(1024 * 1024)}","password":"p"}`;
  const parts = Array.from({ length: 17 }, (_, i) => big.slice(i * 65_536, (i + 1) * 65_536));
  expect(await sendChunked('/api/auth/login', parts)).toBe(413);
});

it('answers a body-less DELETE on the real server (no Content-Length), never 500', async () => {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'it1', password: seedPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${url}/api/linkage/decisions/k_${'0'.repeat(32)}`, {
    method: 'DELETE',
    headers: { origin: url, cookie },
  });
  expect(res.status).toBe(404);
});
