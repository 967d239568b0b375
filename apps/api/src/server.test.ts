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
