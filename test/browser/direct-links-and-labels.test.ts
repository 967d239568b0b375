import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { login, startDemoServer, type DemoRole, type DemoServer } from '../support/server';

// Pages opened by a reload or a direct link (not through the menu), and the words pages use:
// the rule set's names for types and levels, translated audit actions, the gaiji table under a
// filter, and English where the reader chose English.

let server: DemoServer;
let browser: Browser;
const pages = new Map<DemoRole, Page>();
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One signed-in page (own browser context) per role. */
async function pageFor(role: DemoRole): Promise<Page> {
  let page = pages.get(role);
  if (page === undefined) {
    page = await newPage(browser, server.baseURL);
    const self = page;
    page.on('pageerror', (error) => pageErrors.push(`${self.url()}: ${error.message}`));
    await login(page, server, role);
    pages.set(role, page);
  }
  return page;
}

async function setLanguage(page: Page, lang: 'ja' | 'en'): Promise<void> {
  await page.context().addCookies([{ name: 'lang', value: lang, url: server.baseURL }]);
}

const texts = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());

describe('reloads and direct links', () => {
  it("a teacher's page keeps the school after a reload", async () => {
    const page = await pageFor('teacher');
    await page.goto('/teacher');
    await page.getByTestId('teacher-sheets').waitFor();
    const listed = (await (await page.request.get('/api/sheets')).json()) as unknown[];
    await page.reload();
    await page.getByTestId('teacher-sheets').waitFor();
    expect(await page.getByTestId('teacher-no-school').count()).toBe(0);
    expect(await page.getByTestId('teacher-sheet-link').count()).toBe(listed.length);
    expect(await page.locator('main').textContent()).toContain('E01');
  });

  it('a teacher sent to the center’s case list lands on the teacher page', async () => {
    const page = await pageFor('teacher');
    await page.goto('/cases');
    await page.waitForURL('**/teacher');
    await page.getByTestId('teacher-sheets').waitFor();
  });

  it('the KPI page keeps its run picker after a reload', async () => {
    const page = await pageFor('family_center');
    await page.goto('/kpi');
    await page.getByTestId('kpi-run-picker').waitFor();
    await page.reload();
    await page.getByTestId('kpi-run-picker').waitFor();
    expect(await page.locator('#kpi-run option').count()).toBeGreaterThan(0);
  });
});

describe('the rule set’s names for types and levels', () => {
  it('the run detail names types and levels, not their ids', async () => {
    const page = await pageFor('family_center');
    await page.goto('/runs');
    await page.getByTestId('runs-table').locator('tbody a').first().click();
    await page.waitForURL('**/runs/*');
    const rows = page.getByTestId('run-count');
    await rows.first().waitFor();
    const support = page.locator('[data-testid="run-count"][data-level="support"]').first();
    expect((await support.locator('td').allTextContents()).slice(0, 2)).toEqual([
      expect.stringMatching(/^(虐待|貧困|いじめ・不登校)$/),
      '要支援',
    ]);
    const watch = page.locator(
      '[data-testid="run-count"][data-type="poverty"][data-level="watch"]',
    );
    expect((await watch.locator('td').allTextContents()).slice(0, 2)).toEqual(['貧困', '見守り']);
  });

  it('the case work list calls the support level 要支援, never a case decision’s word', async () => {
    const page = await pageFor('family_center');
    await page.goto('/cases');
    await page.getByTestId('worklist').waitFor();
    const tags = (await texts(page, '[data-testid="worklist"] .tag')).join('\n');
    expect(tags).toContain('見守り');
    expect(tags).toContain('要支援');
    expect(tags).not.toContain('予防的支援');
  });
});

describe('a child without a result in the run', () => {
  it('says the child matched no rule instead of showing an error', async () => {
    const page = await pageFor('family_center');
    // The API answers 200 with no rules for a known child without results in the run.
    await page.route('**/api/children/*/explanation*', (route) =>
      route.fulfill({ json: { childId: 'c-none', runId: 'r1', rules: [] } }),
    );
    try {
      await page.goto('/children/c-none');
      const none = page.getByTestId('explanation-none');
      await none.waitFor();
      expect(await none.textContent()).toContain('どのルールにも該当しませんでした');
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      expect(await page.getByTestId('child-explanation').count()).toBe(0);
    } finally {
      await page.unroute('**/api/children/*/explanation*');
    }
  });
});

describe('audit log filters', () => {
  it('picks the actor by username and the action by its name', async () => {
    const page = await pageFor('admin');
    await page.goto('/audit');
    await page.getByTestId('audit-table').waitFor();
    const username = server.credentials.admin.username;
    await page.getByTestId('audit-actor').selectOption({ label: `${username}（管理者）` });
    await page
      .getByTestId('audit-action')
      .selectOption({ label: 'ログイン（auth.login.success）' });
    await page.getByTestId('audit-filter').getByRole('button').click();
    await page.waitForURL(/actor=.*action=auth\.login\.success/);
    const cells = page.getByTestId('audit-action-cell');
    await expect.poll(() => cells.count()).toBeGreaterThan(0);
    for (const text of await texts(page, '[data-testid="audit-action-cell"]'))
      expect(text).toBe('ログイン auth.login.success');
    for (const text of await texts(page, '[data-testid="audit-table"] tbody td:nth-child(2)'))
      expect(text).toBe(username);
    // The form shows what the table is filtered by.
    expect(await page.getByTestId('audit-action').inputValue()).toBe('auth.login.success');
  });
});

describe('the gaiji table under a filter', () => {
  it('shows a new row, and a row that blocks saving, whatever the filter', async () => {
    const page = await pageFor('it');
    await page.goto('/gaiji');
    await page.getByTestId('gaiji-row').first().waitFor();
    const all = await page.getByTestId('gaiji-row').count();
    const firstStandard = await page.getByTestId('gaiji-standard-input').first().inputValue();
    await page.getByTestId('gaiji-filter').fill(firstStandard);
    await expect.poll(() => page.getByTestId('gaiji-row').count()).toBeLessThanOrEqual(all);

    await page.getByTestId('gaiji-add').click();
    // Adding clears the filter: the new row is in view, focused.
    expect(await page.getByTestId('gaiji-filter').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('gaiji-row').count()).toBe(all + 1);
    const newCode = page.getByTestId('gaiji-code-input').last();
    await expect.poll(() => newCode.evaluate((el) => el === document.activeElement)).toBe(true);

    // Filtering again keeps the empty new row: it is what blocks saving.
    await page.getByTestId('gaiji-filter').fill(firstStandard);
    await page.getByTestId('gaiji-shown-for-error').waitFor();
    await page.getByTestId('gaiji-save').click();
    const message = page.getByTestId('gaiji-message');
    await expect.poll(() => message.textContent()).toContain('入力に誤りがある行が1件');
    const newRow = page.locator('[data-testid="gaiji-row"][data-forced="true"]');
    expect(await newRow.count()).toBe(1);
    expect(await newRow.getByTestId('gaiji-code-input').getAttribute('aria-invalid')).toBe('true');
    if (all > 1) await page.getByTestId('gaiji-hidden').waitFor();
  });
});

describe('English', () => {
  it('names the rule set and the connectors in English', async () => {
    const editor = await pageFor('rule_editor');
    await setLanguage(editor, 'en');
    await editor.goto('/rules');
    await editor.getByTestId('rule-set-list').waitFor();
    expect(await editor.getByTestId('rule-set-list').textContent()).toContain(
      'Demo judgement rules',
    );
    await editor.goto('/preview');
    await editor.getByTestId('preview-rule-set').waitFor();
    expect(await editor.getByTestId('preview-rule-set').textContent()).toContain(
      'Demo judgement rules',
    );
    await setLanguage(editor, 'ja');

    const itStaff = await pageFor('it');
    await setLanguage(itStaff, 'en');
    await itStaff.goto('/imports');
    await itStaff.getByTestId('connector-select').waitFor();
    const options = await texts(itStaff, '[data-testid="connector-select"] option');
    expect(options).toEqual(expect.arrayContaining([expect.stringMatching(/^School \(school/)]));
    expect(options.join('\n')).not.toMatch(/学校|福祉|保育/);
    await setLanguage(itStaff, 'ja');
  });

  it('shows the run’s rule set in English on the runs page', async () => {
    const page = await pageFor('family_center');
    await setLanguage(page, 'en');
    await page.goto('/runs');
    await page.getByTestId('runs-table').waitFor();
    expect(await page.getByTestId('run-rule-set').textContent()).toContain('Demo judgement rules');
    await setLanguage(page, 'ja');
  });
});
