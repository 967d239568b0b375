import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { login, startDemoServer, type DemoServer } from '../support/server';

// Story 1: a rule editor changes the demo rule set without touching JSON, checks whom it
// affects, runs the rule tests, publishes with a note and finds the change in the history.
//
// The edits are chosen so the demo's rule tests (rules/demo.cases.json) keep passing and so
// each difficulty type moves in one known direction:
//   abuse            — a condition is added to `abuse-moves` (narrower: never more flags)
//   bullying_absence — `nurse-visits-frequent` gets one more point (never fewer flags)
//   poverty          — the 見守り threshold is lowered by 2 (never fewer flags, 要支援 unchanged)

const narrowedRule = 'abuse-moves';
const reweightedRule = 'nurse-visits-frequent';
const loweredType = 'poverty';
const types = ['abuse', 'poverty', 'bullying_absence'] as const;

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

async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const n = Number(text.replace(/[^\d]/g, ''));
  if (text.trim() === '' || Number.isNaN(n)) throw new Error(`not a count: '${text}'`);
  return n;
}

/** Children at or above each level (the table counts each child at its own level only). */
async function flagged(when: 'before' | 'after', type: string) {
  const watch = await numberIn(page.getByTestId(`count-${when}-${type}-watch`));
  const support = await numberIn(page.getByTestId(`count-${when}-${type}-support`));
  return { atLeastWatch: watch + support, support };
}

async function selectRule(id: string): Promise<void> {
  await page.getByTestId('rule-item').filter({ hasText: id }).click();
  await expect
    .poll(() => page.getByTestId('rule-item').filter({ hasText: id }).getAttribute('aria-current'))
    .toBe('true');
}

describe('story 1: rule editor', () => {
  let thresholdBefore = 0;
  let pointsBefore = 0;
  let published = 0;

  it('signs in as rule_editor and opens the demo rule set in the editor', async () => {
    await login(page, server, 'rule_editor');
    await page.getByTestId('nav-rules').click();
    const list = page.getByTestId('rule-set-list');
    await list.getByText('(demo)').waitFor();
    const row = list.getByRole('row').filter({ hasText: '(demo)' });
    published = Number(/第(\d+)版/.exec((await row.textContent()) ?? '')?.[1]);
    expect(published).toBeGreaterThan(0);
    await row.getByTestId('edit-rule-set').click();
    await page.waitForURL('**/rules/demo/edit');
    await expect.poll(() => page.getByTestId('rule-item').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('draft-status').textContent()).toContain(`第${published}版`);
  });

  it('adds a condition to an existing rule with the visual builder', async () => {
    await selectRule(narrowedRule);
    const form = page.getByTestId('rule-form');
    const root = form.getByTestId('condition-group').first();
    const leaves = root.getByTestId('condition-leaf');
    const before = await leaves.count();
    await root.getByTestId('add-condition').last().click();
    await expect.poll(() => leaves.count()).toBe(before + 1);
    const leaf = leaves.nth(before);
    // The fact picker lists facts grouped by source, with units; pick by label.
    const picker = leaf.getByTestId('fact-select');
    expect(await picker.locator('optgroup').count()).toBeGreaterThan(3);
    await picker.selectOption({ label: '過去3年の転居回数（回）' });
    // Operators are offered by the fact's type (a number here).
    const operator = leaf.getByTestId('operator-select');
    const offered = (await operator.locator('option').allTextContents()).map((o) => o.trim());
    expect(offered).toEqual(expect.arrayContaining(['以上', '以下', '未満']));
    expect(offered).not.toContain('いずれかに該当');
    await operator.selectOption({ label: '以下' });
    // A number fact takes a number, shown with its unit.
    const value = leaf.getByTestId('value-input');
    expect(await value.getAttribute('type')).toBe('number');
    expect(await leaf.locator('.unit').textContent()).toBe('回');
    await value.fill('9');
    await expect.poll(() => page.getByTestId('draft-status').textContent()).toMatch(/未保存/);
  });

  it("changes another rule's points", async () => {
    await selectRule(reweightedRule);
    const points = page.getByTestId('rule-form').getByTestId('points-input');
    pointsBefore = Number(await points.inputValue());
    await points.fill(String(pointsBefore + 1));
    await expect
      .poll(() => page.getByTestId('rule-item').filter({ hasText: reweightedRule }).textContent())
      .toContain(`${pointsBefore + 1}点`);
  });

  it('lowers a threshold with the number input beside its slider', async () => {
    await page.getByTestId('tab-thresholds').click();
    const input = page.getByTestId(`threshold-input-${loweredType}-watch`);
    thresholdBefore = Number(await input.inputValue());
    await input.fill(String(thresholdBefore - 2));
    await input.press('Tab');
    const slider = page.getByTestId(`threshold-slider-${loweredType}-watch`);
    await expect.poll(() => slider.inputValue()).toBe(String(thresholdBefore - 2));
  });

  it('saves a draft and previews it against the published version', async () => {
    await page.getByTestId('save-draft').click();
    await page.getByTestId('editor-message').waitFor();
    await page.waitForURL(/draft=/);
    // Saved: the link opens the preview as it is (with unsaved edits it would save first).
    expect((await page.getByTestId('open-preview').textContent())?.trim()).toBe('影響をプレビュー');
    const answered = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/preview' && r.ok(),
    );
    await page.getByTestId('open-preview').click();
    await page.waitForURL(/\/preview\?.*draft=/);
    await answered;
    await page.getByTestId('preview-counts').waitFor();

    const poverty = {
      before: await flagged('before', loweredType),
      after: await flagged('after', loweredType),
    };
    expect(poverty.after.atLeastWatch).toBeGreaterThan(poverty.before.atLeastWatch);
    expect(poverty.after.support).toBe(poverty.before.support);
    const abuse = {
      before: await flagged('before', 'abuse'),
      after: await flagged('after', 'abuse'),
    };
    expect(abuse.after.atLeastWatch).toBeLessThanOrEqual(abuse.before.atLeastWatch);
    expect(abuse.after.support).toBeLessThanOrEqual(abuse.before.support);
    const bullying = {
      before: await flagged('before', 'bullying_absence'),
      after: await flagged('after', 'bullying_absence'),
    };
    expect(bullying.after.atLeastWatch).toBeGreaterThanOrEqual(bullying.before.atLeastWatch);
    expect(bullying.after.support).toBeGreaterThanOrEqual(bullying.before.support);
    for (const type of types)
      expect(await page.getByTestId(`count-change-${type}-watch`).textContent()).toMatch(/[+−±]/);

    // Whoever entered a level is listed; with a lowered threshold somebody did.
    const entered = page.getByTestId('preview-entered');
    expect(await entered.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await entered.locator('tbody tr').first().textContent()).toContain('貧困');
  });

  it('comes back to the draft from the rule set list', async () => {
    // Through the list, not the Back button: Back shows the published version (see the report).
    await page.getByTestId('nav-rules').click();
    await page.waitForURL('**/rules');
    const row = page.getByTestId('rule-set-list').getByRole('row').filter({ hasText: '(demo)' });
    await row.getByTestId('draft-link').click();
    await page.waitForURL('**/rules/demo/edit?draft=*');
    await page.getByTestId('rule-form').waitFor();
    expect(await page.getByTestId('draft-status').textContent()).toContain('下書き');
    expect(
      await page.getByTestId('rule-item').filter({ hasText: reweightedRule }).textContent(),
    ).toContain(`${pointsBefore + 1}点`);
  });

  it('runs the rule tests from the UI and sees the summary', async () => {
    await page.getByTestId('tab-publish').click();
    await page.getByTestId('run-tests').click();
    const summary = page.getByTestId('test-summary');
    await summary.waitFor();
    const rows = await page.getByTestId('test-results').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    expect(await summary.getAttribute('class')).toContain('ok');
    expect(await summary.textContent()).toContain(String(rows));
  });

  it('publishes with a note', async () => {
    await page
      .getByTestId('publish-note')
      .fill('転居の条件に上限、保健室利用の配点、貧困の見守りしきい値を変更');
    await page.getByTestId('publish-button').click();
    const result = page.getByTestId('publish-result');
    await result.waitFor();
    // Drafts take the next version number when created; publishing keeps it.
    expect(await result.textContent()).toContain(`第${published + 1}版`);
  });

  it('shows the new version in the history with a readable diff', async () => {
    await page.getByTestId('publish-result').getByTestId('history-link').click();
    await page.waitForURL('**/rules/demo/history');
    const rows = page.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(published + 1);
    expect(await rows.first().locator('td').first().textContent()).toBe(`v${published + 1}`);
    expect(await rows.first().textContent()).toContain('貧困の見守りしきい値を変更');

    const diff = page.getByTestId('history-diff');
    await diff.getByTestId('diff-thresholds').waitFor();
    const changed = diff.getByTestId('diff-changed');
    const captions = await changed.locator('caption').allTextContents();
    expect(captions.map((c) => c.trim()).sort()).toEqual([narrowedRule, reweightedRule].sort());
    const reweighted = changed.filter({ hasText: reweightedRule }).locator('tbody tr');
    expect(await reweighted.count()).toBe(1);
    const points = (await reweighted.locator('td').allTextContents()).map((c) => c.trim());
    expect(points.slice(1)).toEqual([String(pointsBefore), String(pointsBefore + 1)]);
    // Ids or labels: the added condition names its fact and operator, the threshold its level.
    const narrowed = (await changed.filter({ hasText: narrowedRule }).textContent()) ?? '';
    expect(narrowed).toMatch(/movesLast3Years|転居/);
    expect(narrowed).toMatch(/lessThanInclusive|以下/);
    const threshold = diff.getByTestId('diff-thresholds').locator('tbody tr');
    expect(await threshold.count()).toBe(1);
    const cells = (await threshold.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toMatch(/^(poverty|貧困)$/);
    expect(cells[1]).toMatch(/^(watch|見守り)$/);
    expect(cells.slice(2)).toEqual([String(thresholdBefore), String(thresholdBefore - 2)]);
    // Readable, not raw JSON: no braces of a serialized document anywhere in the diff.
    expect(await diff.textContent()).not.toContain('"rules"');
  });
});
