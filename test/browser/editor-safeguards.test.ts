import type { Browser, Dialog, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { login, startDemoServer, type DemoServer } from '../support/server';

// The rule editor keeps work from being lost (leaving, deleting, previewing with unsaved
// edits), says at each field what is wrong, lays out its thresholds and simulator at the
// municipal screen size (1366 px), and reads failed rule tests in words.

let server: DemoServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** Dialogs nobody expected (each test that expects one handles it itself). */
const unexpectedDialogs: string[] = [];
/** How the next dialog is answered (set by `answering`). */
let answer: ((dialog: Dialog) => void) | null = null;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await newPage(browser, server.baseURL);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    const expected = answer;
    answer = null;
    if (expected) return expected(dialog);
    unexpectedDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await login(page, server, 'rule_editor');
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
  expect(unexpectedDialogs.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openEditor(): Promise<void> {
  await page.goto('/rules/demo/edit');
  await expect.poll(() => page.getByTestId('rule-item').count()).toBeGreaterThan(10);
}

/** Does `action`, answering the one dialog it opens; returns the dialog's message. */
async function answering(accept: boolean, action: () => Promise<void>): Promise<string> {
  // Answered in the listener: the action that opened the dialog waits until it is closed.
  const opened = new Promise<string>((done) => {
    answer = (dialog) => {
      done(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    };
  });
  await action();
  return opened;
}

const status = () => page.getByTestId('draft-status').textContent();

type Box = { x: number; y: number; width: number; height: number };
const box = async (locator: Locator): Promise<Box> => {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not on screen');
  return found;
};
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe('layout at 1366 px', () => {
  it('shows each threshold’s unit whole, inside its own box', async () => {
    await openEditor();
    expect(page.viewportSize()?.width).toBe(1366);
    await page.getByTestId('tab-thresholds').click();
    const boxes = page.locator('[data-testid^="threshold-type-"]');
    await expect.poll(() => boxes.count()).toBeGreaterThan(1);
    const typeBoxes = await Promise.all((await boxes.all()).map(box));
    for (const [i, type] of (await boxes.all()).entries()) {
      const own = typeBoxes[i] as Box;
      for (const unit of await type.getByTestId('threshold-unit').all()) {
        const u = await box(unit);
        expect(u.width).toBeGreaterThan(0);
        expect(u.x + u.width).toBeLessThanOrEqual(own.x + own.width);
        for (const [j, other] of typeBoxes.entries())
          if (j !== i) expect(overlaps(u, other)).toBe(false);
      }
    }
  });

  it('keeps the simulator’s units on one line beside their inputs', async () => {
    await page.getByTestId('tab-simulator').click();
    const units = page.getByTestId('sim-unit');
    await expect.poll(() => units.count()).toBeGreaterThan(5);
    for (const unit of await units.all()) {
      const field = unit.locator('xpath=ancestor::label[1]');
      const input = field.locator('input');
      const [u, i, f] = await Promise.all([box(unit), box(input), box(field)]);
      expect(u.height, (await unit.textContent()) ?? '').toBeLessThan(i.height);
      expect(overlaps(u, i)).toBe(false);
      expect(u.x + u.width).toBeLessThanOrEqual(f.x + f.width + 0.5);
    }
  });
});

describe('fields say what is wrong', () => {
  it('asks for the English name where it is typed, and for points that were cleared', async () => {
    await page.getByTestId('tab-builder').click();
    const before = await page.getByTestId('rule-item').count();
    await page.getByTestId('add-rule').click();
    await expect.poll(() => page.getByTestId('rule-item').count()).toBe(before + 1);
    const form = page.getByTestId('rule-form');
    await form.getByTestId('rule-name-en').fill('');
    await form.getByTestId('rule-name').fill('児童館の利用が多い');
    const en = form.getByTestId('rule-name-en');
    expect(await en.getAttribute('aria-invalid')).toBe('true');
    const described = (await en.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${described}"]`).textContent()).toContain('英語のルール名');

    const points = form.getByTestId('points-input');
    await points.fill('');
    await form.getByTestId('points-empty').waitFor();
    expect(await form.getByTestId('points-empty').textContent()).toContain('点数を入力');
    expect(await points.getAttribute('aria-invalid')).toBe('true');
    await points.fill('2');
    await expect.poll(() => form.getByTestId('points-empty').count()).toBe(0);
  });

  it('names the field of each error in the summary, not only the rule', async () => {
    await page.getByTestId('validate').click();
    const summary = page.getByTestId('validation-errors');
    await summary.waitFor();
    const lines = (await summary.locator('li button').allTextContents()).map((l) => l.trim());
    const mine = lines.filter((l) => l.includes('児童館の利用が多い'));
    expect(mine).toEqual(
      expect.arrayContaining([
        'ルール「児童館の利用が多い」のルール名（英語）',
        'ルール「児童館の利用が多い」の説明文',
        'ルール「児童館の利用が多い」の根拠',
        'ルール「児童館の利用が多い」の条件1の項目',
      ]),
    );
    // Each line of the summary (place and message) is different.
    const full = (await summary.locator('li').allTextContents()).map((l) => l.trim());
    expect(new Set(full).size).toBe(full.length);
    // Saved by validating: the own navigation to the new draft asked nothing.
    await page.waitForURL(/draft=/);
    expect(await status()).not.toMatch(/未保存/);
  });
});

describe('unsaved work is not lost without asking', () => {
  const leaveBlocked = () =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });

  it('asks before a link leaves the editor, and the browser asks on unload', async () => {
    expect(await leaveBlocked()).toBe(false);
    await page.getByTestId('rule-name').fill('児童館の利用がとても多い');
    await expect.poll(status).toMatch(/未保存/);
    expect(await leaveBlocked()).toBe(true);
    const url = page.url();
    const question = await answering(false, () => page.getByTestId('nav-rules').click());
    expect(question).toContain('保存していない変更');
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('rule-name').inputValue()).toBe('児童館の利用がとても多い');
  });

  it('asks before deleting a rule', async () => {
    const count = await page.getByTestId('rule-item').count();
    const question = await answering(false, () => page.getByTestId('remove-rule').click());
    expect(question).toContain('児童館の利用がとても多い');
    expect(await page.getByTestId('rule-item').count()).toBe(count);
    await answering(true, () => page.getByTestId('remove-rule').click());
    await expect.poll(() => page.getByTestId('rule-item').count()).toBe(count - 1);
  });

  it('saves before previewing instead of leaving the edits behind', async () => {
    await expect.poll(status).toMatch(/未保存/);
    const preview = page.getByTestId('open-preview');
    expect(await preview.textContent()).toContain('保存して影響をプレビュー');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && /\/drafts\//.test(r.url()) && r.ok(),
    );
    await preview.click();
    await saved;
    await page.waitForURL(/\/preview\?.*draft=/);
    await page.getByTestId('preview-counts').waitFor();
  });
});

describe('rule tests in words', () => {
  it('shows a failed case’s differences as sentences, not JSON', async () => {
    await openEditor();
    await page.getByTestId('tab-thresholds').click();
    const input = page.getByTestId('threshold-input-bullying_absence-watch');
    await input.fill('5');
    await input.press('Tab');
    await page.getByTestId('tab-publish').click();
    await page.getByTestId('run-tests').click();
    await page.getByTestId('test-summary').waitFor();
    const diffs = page.getByTestId('test-diff');
    await expect.poll(() => diffs.count()).toBeGreaterThan(0);
    const lines = (await diffs.locator('li').allTextContents()).map((l) => l.trim());
    expect(lines).toContain(
      'いじめ・不登校: 期待した段階は「なし」でしたが、結果は「見守り」（7点）でした。',
    );
    for (const line of lines) expect(line).not.toMatch(/^\[|expected level/);
  });

  it('in English, with English units in the simulator', async () => {
    await page.context().addCookies([{ name: 'lang', value: 'en', url: server.baseURL }]);
    try {
      await page.reload();
      await page.getByTestId('tab-publish').click();
      await page.getByTestId('run-tests').click();
      const diffs = page.getByTestId('test-diff');
      await expect.poll(() => diffs.count()).toBeGreaterThan(0);
      expect(await diffs.locator('li').allTextContents()).toContain(
        'Bullying / school refusal: expected level "none", got "Watch" (7 points).',
      );
      await page.getByTestId('tab-simulator').click();
      const units = (await page.getByTestId('sim-unit').allTextContents()).map((u) => u.trim());
      expect(units).toEqual(expect.arrayContaining(['times', 'people', 'percentile']));
      for (const unit of units) expect(unit).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    } finally {
      await page.context().addCookies([{ name: 'lang', value: 'ja', url: server.baseURL }]);
    }
  });
});
