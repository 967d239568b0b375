import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');

/** Staff roles the demo creates one account for (as printed by `mimamori serve --demo`). */
export const demoRoles = ['admin', 'rule_editor', 'family_center', 'teacher', 'it'] as const;
/** One of {@link demoRoles}. */
export type DemoRole = (typeof demoRoles)[number];

/** A demo account printed by `serve --demo`. */
export interface DemoCredential {
  username: string;
  password: string;
}

/** A running `mimamori serve --demo`; call `stop()` in `afterAll`. */
export interface DemoServer {
  baseURL: string;
  /** The first account printed for each role. */
  credentials: Record<DemoRole, DemoCredential>;
  /** Every printed account by username (e.g. `demo-editor2`, the second rule editor). */
  accounts: Record<string, DemoCredential & { role: DemoRole }>;
  stop(): Promise<void>;
}

/** The reference date the server is started with (MIMAMORI_AS_OF). */
const demoAsOf = '2026-04-01';
/** The demo village's size and seed (apps/cli/src/commands/serve.ts) and reference date. */
export const demoVillage = { children: 600, seed: 1, asOf: demoAsOf } as const;

const testKey = 'browser-test-pseudonym-key-0123456789abcdef';
const startTimeoutMs = 90_000;

function parseAccounts(stdout: string): DemoServer['accounts'] {
  const out: DemoServer['accounts'] = {};
  for (const line of stdout.split('\n')) {
    const [tag, role, username, password] = line.trim().split('\t');
    if (tag !== 'demo user' || !role || !username || !password) continue;
    if ((demoRoles as readonly string[]).includes(role))
      out[username] = { username, password, role: role as DemoRole };
  }
  return out;
}

/** The first printed account of each role. */
function firstPerRole(accounts: DemoServer['accounts']): Partial<Record<DemoRole, DemoCredential>> {
  const out: Partial<Record<DemoRole, DemoCredential>> = {};
  for (const { role, username, password } of Object.values(accounts))
    out[role] ??= { username, password };
  return out;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

/**
 * Starts `mimamori serve --demo` on a free port with a throwaway SQLite file, waits until the API
 * answers, and returns its address and the printed demo credentials.
 *
 * @example
 * const server = await startDemoServer();
 * const page = await newPage(browser, server.baseURL);
 * await login(page, server, 'rule_editor');
 * await server.stop();
 */
export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(join(root, 'apps', 'admin', 'build', 'handler.js')))
    throw new Error('the admin UI is not built: run `pnpm --filter @mimamori/admin build` first');
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-browser-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--demo', '--port', '0'],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MIMAMORI_DB_FILE: join(dir, 'mimamori.db'),
        MIMAMORI_PSEUDONYM_KEY: testKey,
        MIMAMORI_AS_OF: demoAsOf,
        DATABASE_URL: '',
        PORT: '',
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A test run that dies without teardown must not leave the server behind.
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  async function stop(): Promise<void> {
    process.off('exit', onExit);
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited(child);
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    const deadline = Date.now() + startTimeoutMs;
    let baseURL: string | undefined;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`serve --demo exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`serve --demo did not start in time:\n${stderr}`);
      baseURL ??= /^listening on (http:\/\/\S+?)\/?$/m.exec(stdout)?.[1];
      if (baseURL !== undefined && (await answers(`${baseURL}/api/auth/me`))) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    const accounts = parseAccounts(stdout);
    const found = firstPerRole(accounts);
    const missing = demoRoles.filter((role) => found[role] === undefined);
    if (missing.length > 0)
      throw new Error(`serve --demo printed no account for ${missing.join(', ')}`);
    return {
      baseURL,
      credentials: found as Record<DemoRole, DemoCredential>,
      accounts,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in through the login form and waits until the app has left the login page. */
export async function login(
  page: Page,
  server: Pick<DemoServer, 'credentials'>,
  role: DemoRole,
): Promise<void> {
  await loginAs(page, server.credentials[role]);
}

/** Signs in as one account (e.g. `server.accounts['demo-editor2']`). */
export async function loginAs(page: Page, { username, password }: DemoCredential): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByTestId('current-user').waitFor();
}
