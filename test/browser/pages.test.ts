import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seriousA11yViolations } from '../support/browser';
import { login, startDemoServer, type DemoRole, type DemoServer } from '../support/server';

// The main pages, each opened by a role the API lets use it: axe-core finds no serious or
// critical violation, and a screenshot of each is saved for the README.

interface MainPage {
  name: string;
  path: string;
  role: DemoRole | null;
  /** A testid that is on screen once the page's data has arrived. */
  ready: string;
  /** What to do before checking (so the check and the screenshot cover the page in use). */
  use?: (page: Page) => Promise<void>;
}

/** Lowers the poverty 見守り threshold so the preview lists who enters. */
async function moveThreshold(page: Page): Promise<void> {
  const input = page.getByTestId('threshold-input-poverty-watch');
  const from = Number(await input.inputValue());
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/preview' && r.ok(),
  );
  await input.fill(String(from - 2));
  await input.press('Tab');
  await answered;
  await page.getByTestId('preview-entered').locator('tbody a').first().waitFor();
}

const mainPages: readonly MainPage[] = [
  { name: 'login', path: '/login', role: null, ready: 'login-form' },
  { name: 'rules', path: '/rules', role: 'rule_editor', ready: 'edit-rule-set' },
  { name: 'rule-editor', path: '/rules/demo/edit', role: 'rule_editor', ready: 'condition-leaf' },
  {
    name: 'preview',
    path: '/preview?ruleSet=demo',
    role: 'family_center',
    ready: 'preview-counts',
    use: moveThreshold,
  },
  { name: 'imports', path: '/imports', role: 'it', ready: 'import-batches' },
  { name: 'gaiji', path: '/gaiji', role: 'it', ready: 'gaiji-row' },
  { name: 'linkage', path: '/linkage', role: 'it', ready: 'linkage-count' },
  { name: 'runs', path: '/runs', role: 'family_center', ready: 'runs-table' },
  // Filtered to 見守り: the whole village makes a 19,000-pixel screenshot.
  {
    name: 'children',
    path: '/children?level=watch',
    role: 'family_center',
    ready: 'children-table',
  },
  { name: 'audit', path: '/audit', role: 'admin', ready: 'audit-table' },
];

let server: DemoServer;
let browser: Browser;
const pages = new Map<DemoRole | null, Page>();

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One signed-in page (own browser context) per role. */
async function pageFor(role: DemoRole | null): Promise<Page> {
  let page = pages.get(role);
  if (page === undefined) {
    page = await newPage(browser, server.baseURL);
    if (role !== null) await login(page, server, role);
    pages.set(role, page);
  }
  return page;
}

describe('main pages: accessibility and screenshots', () => {
  it.each(mainPages)('$name ($path)', async ({ name, path, role, ready, use }) => {
    const page = await pageFor(role);
    await page.goto(path);
    await page.getByTestId(ready).first().waitFor();
    await use?.(page);
    expect(page.url()).toContain(path.split('?')[0]);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    // The fonts must have loaded, or the screenshot shows boxes instead of Japanese.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, name);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
