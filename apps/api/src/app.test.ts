import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/test-app';

describeEachDatabase('api app', (getDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDb().db);
  });

  it('answers unknown paths with a problem+json 404', async () => {
    const res = await t.call('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Not Found' });
  });

  it('sets security headers on every answer', async () => {
    const res = await t.call('GET', '/api/auth/me');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves the OpenAPI 3.1 document with an access rule on every operation', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-access'?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/children/{id}']?.get).toBeDefined();
    expect(doc.paths['/api/auth/login']?.post?.['x-access']).toEqual({ public: true });
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) expect(op['x-access']).toBeDefined();
  });

  it('serves the interactive reference from the installed swagger-ui-dist (no CDN)', async () => {
    const page = await t.call('GET', '/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await t.call('GET', '/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await t.call('GET', '/api/docs/package.json')).status).toBe(404);
  });

  it('answers 404 for reference files it does not serve, Object.prototype names included', async () => {
    for (const file of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await t.call('GET', `/api/docs/${file}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('refuses cross-site state changes (CSRF) with 403 csrf', async () => {
    const login = (headers: Record<string, string>) =>
      t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'admin1', password: 'x' }),
      });
    for (const headers of [
      {},
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await login(headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'csrf' });
    }
    expect((await login({ 'sec-fetch-site': 'same-origin' })).status).toBe(401);
  });

  it('maps malformed JSON to 400, wrong content type to 415, huge bodies to 413', async () => {
    const bad = await t.call('POST', '/api/auth/login', {
      body: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const text = await t.call('POST', '/api/auth/login', {
      body: 'username=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await t.call('POST', '/api/auth/login', {
      json: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses path tricks with 400 or 404, never 5xx', async () => {
    const cookie = await t.login('center1');
    for (const path of [
      '/api/children/..%2f..%2fetc',
      '/api/children/%2e%2e',
      '/api/children/a%2fb',
      `/api/children/${'x'.repeat(3000)}`,
      '/api/children/%E0%A4%A',
      `/api/children/${'y'.repeat(100)}`,
      '/api/children/a.b',
    ]) {
      const res = await t.call('GET', path, { cookie });
      expect([400, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
