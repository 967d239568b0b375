import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schoolYearStart } from './serve';

const bin = resolve(import.meta.dirname, '../../bin/mimamori.js');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-serve-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `mimamori serve --demo` and resolves with its URL and printed credentials. */
function startDemo(extraEnv: Record<string, string> = {}): Promise<{
  child: ChildProcess;
  url: string;
  users: Map<string, string>;
  output: () => string;
}> {
  const child = spawn(process.execPath, [bin, 'serve', '--demo'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      MIMAMORI_DB_FILE: join(dir, 'serve.db'),
      MIMAMORI_PSEUDONYM_KEY: 'serve-test-pseudonym-key-0123456789abcdef',
      MIMAMORI_AS_OF: '2026-04-01',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^listening on (\S+)$/m.exec(stdout)?.[1];
      if (url === undefined) return;
      const users = new Map<string, string>();
      for (const [, username = '', password = ''] of stdout.matchAll(
        /^demo user\t\w+\t(\S+)\t(\S+)$/gm,
      ))
        users.set(username, password);
      done({ child, url, users, output: () => stdout + stderr });
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code}: ${stdout}${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });
}

describe('mimamori serve --demo', () => {
  it('loads the demo, prints credentials, answers the API and stops on SIGTERM', async () => {
    const first = await startDemo();
    expect(first.users.size).toBe(6);
    const me = await fetch(`${first.url}/api/auth/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: first.url, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-center', password: first.users.get('demo-center') }),
    });
    expect(login.status, first.output()).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const list = await fetch(`${first.url}/api/children?limit=5`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(Number(list.headers.get('x-total-count'))).toBe(600);
    expect(await stop(first.child)).toBe(0);

    // A second start keeps the data and gives the demo users new passwords.
    const second = await startDemo();
    expect(second.output()).toContain('already loaded');
    const old = first.users.get('demo-it') ?? '';
    expect(second.users.get('demo-it')).not.toBe(old);
    const stale = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: second.url, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-it', password: old }),
    });
    expect(stale.status).toBe(401);
    expect(await stop(second.child)).toBe(0);

    // Behind a trusted proxy, one client's failures do not lock out another client.
    const proxied = await startDemo({ MIMAMORI_TRUST_PROXY: '1' });
    const signIn = (username: string, password: string, client: string) =>
      fetch(`${proxied.url}/api/auth/login`, {
        method: 'POST',
        headers: {
          origin: proxied.url,
          'content-type': 'application/json',
          'x-forwarded-for': client,
        },
        body: JSON.stringify({ username, password }),
      });
    for (let i = 0; i < 20; i++)
      expect((await signIn(`nobody${i}`, 'wrong-password', '198.51.100.7')).status).toBe(401);
    expect((await signIn('nobody', 'wrong-password', '198.51.100.7')).status).toBe(429);
    const other = await signIn(
      'demo-center',
      proxied.users.get('demo-center') ?? '',
      '203.0.113.20',
    );
    expect(other.status, proxied.output()).toBe(200);
    expect(await stop(proxied.child)).toBe(0);
  }, 120_000);

  it('refuses a MIMAMORI_TRUST_PROXY that is not 1 or 0', async () => {
    await expect(startDemo({ MIMAMORI_TRUST_PROXY: 'yes' })).rejects.toThrow(
      /MIMAMORI_TRUST_PROXY expects 1 or 0/,
    );
  });
});

describe('schoolYearStart', () => {
  it('is April 1st of the current school year', () => {
    expect(schoolYearStart(new Date(2026, 3, 1))).toBe('2026-04-01');
    expect(schoolYearStart(new Date(2027, 2, 31))).toBe('2026-04-01');
  });
});
