import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { login, startDemoServer, type DemoServer } from '../support/server';

// Story 2: the family center moves a threshold on the preview page and sees, without a page
// load, how many children enter or leave 見守り and who they are.

// Poverty: the demo village has children just below and just above its 見守り threshold.
const type = 'poverty';

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

const text = async (testid: string) =>
  ((await page.getByTestId(testid).textContent()) ?? '').trim();
const count = async (testid: string) => Number((await text(testid)).replace(/[^\d]/g, ''));

/** Moves the 見守り slider `steps` steps with the keyboard and waits for the preview's answer. */
async function moveWatchSlider(key: 'ArrowLeft' | 'ArrowRight', steps: number): Promise<void> {
  const slider = page.getByTestId(`threshold-slider-${type}-watch`);
  const from = Number(await slider.inputValue());
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/preview' && r.ok(),
  );
  await slider.focus();
  for (let i = 0; i < steps; i++) await slider.press(key);
  const to = from + (key === 'ArrowLeft' ? -steps : steps);
  await expect.poll(() => slider.inputValue()).toBe(String(to));
  expect(await page.getByTestId(`threshold-input-${type}-watch`).inputValue()).toBe(String(to));
  await answered;
  await expect.poll(() => page.getByTestId('preview-loading').count()).toBe(0);
  // The score distribution chart moved its 見守り line, in place.
  const chart = page.getByTestId(`distribution-${type}`).locator('[role="img"]');
  await expect.poll(() => chart.getAttribute('aria-label')).toContain(`見守り ${to}`);
  expect(await chart.locator('svg text', { hasText: `見守り ${to}` }).count()).toBe(1);
}

describe('story 2: family center moves a threshold', () => {
  it('opens the preview of the published rule set', async () => {
    await login(page, server, 'family_center');
    await page.getByTestId('nav-preview').click();
    await page.waitForURL('**/preview');
    await page.getByTestId('preview-counts').waitFor();
    expect(await text('preview-target')).not.toBe('');
    // Nothing moved yet: before and after agree, nobody enters or leaves.
    expect(await text(`count-change-${type}-watch`)).toBe('±0');
    for (const list of ['preview-entered', 'preview-left'])
      expect(await page.getByTestId(list).locator('tbody td').count()).toBe(1);
  });

  it('lowers the 見守り threshold: children enter 見守り, listed with id, school and grade', async () => {
    const navigations = await page.evaluate(
      () => performance.getEntriesByType('navigation').length,
    );
    const url = page.url();
    const before = await count(`count-before-${type}-watch`);
    const beforeSupport = await count(`count-before-${type}-support`);

    await moveWatchSlider('ArrowLeft', 2);
    const after = await count(`count-after-${type}-watch`);
    const change = await text(`count-change-${type}-watch`);
    expect(after).toBeGreaterThan(before);
    expect(change).toBe(`+${after - before}`);
    expect(await count(`count-after-${type}-support`)).toBe(beforeSupport);
    expect(await count(`count-before-${type}-watch`)).toBe(before);

    // Who: every child that entered, with pseudonymous id, school and grade.
    const entered = page.getByTestId('preview-entered');
    const rows = entered.locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(after - before, 200));
    expect(await entered.locator('caption').textContent()).toContain(String(after - before));
    const [id, school, grade, typeLabel, move] = (
      await rows.first().locator('td').allTextContents()
    ).map((c) => c.trim());
    expect(id).toMatch(/^[0-9a-z_-]{6,}$/i);
    expect(school).not.toBe('');
    expect(grade).not.toBe('');
    expect(typeLabel).toBe('貧困');
    expect(move).toMatch(/→ 見守り$/);
    expect(await page.getByTestId('preview-left').locator('tbody td').count()).toBe(1);

    // No page load, no URL change: the view updated in place.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(
      navigations,
    );
    expect(navigations).toBe(1);
    expect(page.url()).toBe(url);
  });

  it('raises it above the published value: children leave 見守り', async () => {
    const before = await count(`count-before-${type}-watch`);
    await moveWatchSlider('ArrowRight', 4);
    const after = await count(`count-after-${type}-watch`);
    expect(after).toBeLessThan(before);
    expect(await text(`count-change-${type}-watch`)).toBe(`−${before - after}`);
    const left = page.getByTestId('preview-left').locator('tbody tr');
    expect(await left.count()).toBeGreaterThan(0);
    expect(await left.first().locator('td').nth(4).textContent()).toMatch(/^見守り →/);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });
});
