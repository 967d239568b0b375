import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { login, loginAs, startDemoServer, type DemoServer } from '../support/server';

// Story: publishing needs a second person. The admin requires approval for the demo rule set;
// editor A lowers a threshold and asks for approval, cannot approve it herself; editor B reviews
// the change and approves it; the history shows who published and who approved.

const type = 'poverty';
const note = '貧困の見守りしきい値を2点下げる（承認テスト）';

let server: DemoServer;
let browser: Browser;
let admin: Page;
let editorA: Page;
let editorB: Page;
let published = 0;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  // Each person in their own browser context (own session cookie).
  [admin, editorA, editorB] = await Promise.all([
    newPage(browser, server.baseURL),
    newPage(browser, server.baseURL),
    newPage(browser, server.baseURL),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const demoRow = (page: Page) =>
  page.getByTestId('rule-set-list').getByRole('row').filter({ hasText: '(demo)' });

describe('second-person approval of a rule-set publish', () => {
  it('the admin requires approval for the demo rule set', async () => {
    await login(admin, server, 'admin');
    await admin.getByTestId('nav-rules').click();
    await admin.waitForURL('**/rules');
    const row = demoRow(admin);
    await row.waitFor();
    // The admin switches approval but does not edit rules.
    expect(await row.getByTestId('edit-rule-set').count()).toBe(0);
    const toggle = row.getByTestId('approval-toggle');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await expect
      .poll(() => admin.getByTestId('rules-message').textContent())
      .toContain('別の職員の承認が必要になりました');
    await admin.reload();
    expect(await demoRow(admin).getByTestId('approval-toggle').isChecked()).toBe(true);
  });

  it('editor A changes a threshold and requests approval instead of publishing', async () => {
    await login(editorA, server, 'rule_editor');
    await editorA.getByTestId('nav-rules').click();
    const row = demoRow(editorA);
    await row.waitFor();
    expect(await row.getByTestId('approval-setting').textContent()).toBe('承認が必要');
    published = Number(/第(\d+)版/.exec((await row.textContent()) ?? '')?.[1]);
    expect(published).toBeGreaterThan(0);
    await row.getByTestId('edit-rule-set').click();
    await editorA.waitForURL('**/rules/demo/edit');

    await editorA.getByTestId('tab-thresholds').click();
    const input = editorA.getByTestId(`threshold-input-${type}-watch`);
    const before = Number(await input.inputValue());
    await input.fill(String(before - 2));
    await input.press('Tab');

    await editorA.getByTestId('tab-publish').click();
    expect(await editorA.getByTestId('publish-button').count()).toBe(0);
    expect(await editorA.getByTestId('publish-intro').textContent()).toContain('承認が必要です');
    // An empty note is caught in the form, in Japanese, before anything is sent.
    await editorA.getByTestId('request-approval-button').click();
    await expect
      .poll(() => editorA.locator('#publish-note-error').textContent())
      .toContain('変更内容のメモを入力してください');
    expect(await editorA.getByTestId('publish-note').getAttribute('aria-invalid')).toBe('true');

    await editorA.getByTestId('publish-note').fill(note);
    await editorA.getByTestId('request-approval-button').click();
    const pending = editorA.getByTestId('approval-pending');
    await pending.waitFor();
    await editorA.waitForURL(/draft=/);
    expect(await editorA.getByTestId('editor-message').textContent()).toContain(
      '承認を依頼しました',
    );
    expect(await pending.getByTestId('approval-note').textContent()).toBe(note);
    expect(await editorA.getByTestId('approval-status').textContent()).toContain('承認待ち');
  });

  it('editor A cannot approve her own request', async () => {
    const pending = editorA.getByTestId('approval-pending');
    expect(await pending.getByTestId('approval-own').textContent()).toContain(
      '承認も差し戻しもできません',
    );
    expect(await pending.getByTestId('approve-button').isDisabled()).toBe(true);
    expect(await pending.getByTestId('reject-button').isDisabled()).toBe(true);
    // Nor through the API: 403 with its own code.
    const draftId = new URL(editorA.url()).searchParams.get('draft') ?? '';
    const res = await editorA.request.post(`/api/rule-sets/demo/drafts/${draftId}/approve`, {
      headers: { origin: server.baseURL },
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'approval_same_person' });

    await editorA.getByTestId('nav-rules').click();
    await expect
      .poll(() => demoRow(editorA).getByTestId('approval-badge').textContent())
      .toBe('承認待ち');
  });

  it('editor B reviews the change and approves it', async () => {
    const b = server.accounts['demo-editor2'];
    expect(b?.role).toBe('rule_editor');
    await loginAs(editorB, b!);
    await editorB.getByTestId('nav-rules').click();
    const row = demoRow(editorB);
    await row.getByTestId('approval-badge').waitFor();
    await row.getByTestId('draft-link').click();
    await editorB.waitForURL('**/rules/demo/edit?draft=*');
    await editorB.getByTestId('tab-publish').click();
    const pending = editorB.getByTestId('approval-pending');
    await pending.waitFor();
    expect(await pending.getByTestId('approval-requester').textContent()).toBe(
      server.credentials.rule_editor.username,
    );
    expect(await pending.getByTestId('approval-note').textContent()).toBe(note);
    expect(await pending.getByTestId('approval-own').count()).toBe(0);
    expect(await pending.getByTestId('approval-preview').getAttribute('href')).toMatch(
      /^\/preview\?ruleSet=demo&draft=/,
    );
    // What changes, in words: one threshold, nothing else.
    await pending.getByTestId('approval-diff-toggle').click();
    const threshold = pending.getByTestId('diff-thresholds').locator('tbody tr');
    await expect.poll(() => threshold.count()).toBe(1);
    expect(await threshold.textContent()).toMatch(/貧困|poverty/);
    await screenshot(editorB, 'approval');

    await pending.getByTestId('approve-button').click();
    const result = editorB.getByTestId('publish-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(`第${published + 1}版`);
  });

  it('the history shows the version with its publisher and approver', async () => {
    await editorB.getByTestId('publish-result').getByTestId('history-link').click();
    await editorB.waitForURL('**/rules/demo/history');
    const rows = editorB.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(published + 1);
    const top = rows.first();
    expect(await top.locator('td').first().textContent()).toBe(`v${published + 1}`);
    expect(await top.getByTestId('history-publisher').textContent()).toBe(
      server.credentials.rule_editor.username,
    );
    expect(await top.getByTestId('history-approver').textContent()).toBe('demo-editor2');
    expect(await top.textContent()).toContain(note);
    // Versions published without approval show no approver.
    expect(await rows.nth(1).getByTestId('history-approver').textContent()).toBe('—');
    await screenshot(editorB, 'approval-history');
  });
});
