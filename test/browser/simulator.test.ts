import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousA11yViolations } from '../support/browser';
import { login, startDemoServer, type DemoServer } from '../support/server';

// The single-child simulator: staff type facts (no JSON) and see every rule and condition lit.

let server: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await newPage(browser, server.baseURL);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('single-child simulator in the rule editor', () => {
  it('lights the rules a typed fact makes fire, with the level it reaches', async () => {
    await login(page, server, 'rule_editor');
    await page.goto('/rules/demo/edit');
    await page.getByTestId('tab-simulator').click();
    const registered = page.locator(
      '[data-testid="sim-fact-input"][data-fact="welfare.youtaikyoRegistered"]',
    );
    await registered.selectOption('true');
    const answered = page.waitForResponse((r) => r.url().endsWith('/simulate') && r.ok());
    await page.getByTestId('sim-run').click();
    await answered;

    const rule = page.locator('[data-testid="sim-rule"][data-rule="abuse-youtaikyo"]');
    await expect.poll(() => rule.getAttribute('data-fired')).toBe('true');
    expect(
      await rule.locator('[data-testid="sim-condition"][data-result="true"]').count(),
    ).toBeGreaterThan(0);
    // A rule on a fact nobody typed stays dark.
    const other = page.locator('[data-testid="sim-rule"][data-rule="bullying-victim-report"]');
    if ((await other.count()) > 0) expect(await other.getAttribute('data-fired')).toBe('false');
    const abuse = page.locator('[data-testid="sim-score"][data-type="abuse"]');
    expect(await abuse.getAttribute('data-level')).toBe('watch');

    // Typing "no" instead: the rule stops firing and the child reaches no level.
    await registered.selectOption('false');
    const again = page.waitForResponse((r) => r.url().endsWith('/simulate') && r.ok());
    await page.getByTestId('sim-run').click();
    await again;
    await expect.poll(() => rule.getAttribute('data-fired')).toBe('false');
    expect(await abuse.getAttribute('data-level')).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
