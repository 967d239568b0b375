import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeChildrensHallSample } from '@mimamori/mapping';
import { generateVillage } from '@mimamori/village';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seriousA11yViolations } from '../support/browser';
import { demoVillage, login, startDemoServer, type DemoServer } from '../support/server';

// Issue 8, a source never seen before, without code: IT uploads a 30-row sample of the
// children's hall attendance file (CP932, 和暦 dates), accepts the inferred mapping with one
// correction, saves it as a new source and imports the full file through it; a rule editor then
// writes a rule on the new fact and sees it take effect in the preview. The file is generated
// from the demo's own village, so its children link to the demo roster.

const source = 'jidoukan'; // inferred from the sample's file name
const visitDays = { inferred: `${source}.col5`, corrected: `${source}.visitDays` };
const legal = {
  purpose: 'こどもの孤立・困難の早期把握と支援（こどもデータ連携）',
  legalBasis: '個人情報保護法第61条第1項',
  retention: '判定後5年',
};
const ruleName = '児童館への来館が多い';
const village = generateVillage(demoVillage);

let server: DemoServer;
let browser: Browser;
let itStaff: Page;
let editor: Page;
let dir: string;
const files = { sample: '', full: '' };
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mimamori-hall-'));
  files.sample = join(dir, `${source}.csv`);
  files.full = join(dir, `${source}-2025.csv`);
  writeFileSync(files.sample, makeChildrensHallSample(village, { rows: 30 }));
  writeFileSync(files.full, makeChildrensHallSample(village));
  server = await startDemoServer();
  browser = await launchBrowser();
  itStaff = await newPage(browser, server.baseURL);
  editor = await newPage(browser, server.baseURL);
  for (const page of [itStaff, editor])
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
const mappingRow = (header: string) =>
  itStaff.getByTestId('mapping-table').locator(`tr[data-header="${header}"]`);

describe('issue 8: a new source without code', () => {
  it('IT uploads a 30-row sample and sees the inferred mapping and linkage', async () => {
    await login(itStaff, server, 'it');
    await itStaff.getByTestId('nav-sources').click();
    await itStaff.waitForURL('**/sources');
    await itStaff.getByTestId('source-upload').setInputFiles(files.sample);
    const inferred = itStaff.waitForResponse((r) => r.url().endsWith('/api/sources/infer'));
    await itStaff.getByTestId('source-infer').click();
    expect((await inferred).status()).toBe(200);
    await itStaff.getByTestId('mapping-table').waitFor();

    const detected = (await itStaff.getByTestId('source-sample').textContent()) ?? '';
    expect(detected).toMatch(/CSV/);
    expect(detected.toLowerCase()).toMatch(/cp932|shift_jis/);
    expect(await itStaff.getByTestId('source-name').inputValue()).toBe(source);
    // Identity columns, the two facts and the free-text note as personal data.
    const roles = await itStaff
      .getByTestId('mapping-row')
      .evaluateAll((rows) => rows.map((r) => [r.dataset.header, r.dataset.role]));
    expect(Object.fromEntries(roles)).toEqual({
      氏名: 'identity',
      フリガナ: 'identity',
      生年月日: 'identity',
      性別: 'identity',
      来館日数: 'fact',
      最終来館日: 'fact',
      備考: 'personal',
    });
    expect(await mappingRow('来館日数').getByTestId('mapping-fact-id').inputValue()).toBe(
      visitDays.inferred,
    );
    // The sample's 30 rows are read; the first rows are previewed as stored, and they link.
    expect(detected).toContain('30行');
    const previewed = await itStaff.getByTestId('preview-row').count();
    expect(previewed).toBeGreaterThan(0);
    expect(previewed).toBeLessThanOrEqual(30);
    expect(digits(await itStaff.getByTestId('linkage-linked').textContent())).toBe(previewed);
  });

  it('accepts it with one correction and the legal fields filled for all facts', async () => {
    const row = mappingRow('来館日数');
    await row.getByTestId('mapping-fact-id').fill(visitDays.corrected);
    await row.getByTestId('mapping-fact-id').press('Tab');
    await row.locator('input[lang="en"]').fill('Visit days');
    await row.locator('input[lang="en"]').press('Tab');

    await itStaff.getByTestId('bulk-purpose').fill(legal.purpose);
    await itStaff.getByTestId('bulk-legalBasis').fill(legal.legalBasis);
    await itStaff.getByTestId('bulk-retention').fill(legal.retention);
    await itStaff.getByTestId('apply-legal-all').click();
    for (const header of ['来館日数', '最終来館日']) {
      expect(await mappingRow(header).getByTestId('mapping-purpose').inputValue()).toBe(
        legal.purpose,
      );
      expect(await mappingRow(header).getByTestId('mapping-retention').inputValue()).toBe(
        legal.retention,
      );
    }

    const refreshed = itStaff.waitForResponse((r) => r.url().endsWith('/api/sources/infer'));
    await itStaff.getByTestId('source-refresh').click();
    expect((await refreshed).status()).toBe(200);
    await expect
      .poll(() => itStaff.getByTestId('source-preview').locator('thead').textContent())
      .toContain(visitDays.corrected);
    await itStaff.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(itStaff, 'sources');
    expect(await seriousA11yViolations(itStaff)).toEqual([]);
  });

  it('saves it as a new source, listed in the data inventory', async () => {
    const saved = itStaff.waitForResponse(
      (r) => r.url().endsWith('/api/sources') && r.request().method() === 'POST',
    );
    await itStaff.getByTestId('source-save').click();
    expect((await saved).status()).toBe(201);
    const message = itStaff.getByTestId('source-saved');
    await message.waitFor();
    expect(await message.textContent()).toContain(source);
    expect(await itStaff.getByTestId('source-problems').count()).toBe(0);

    await message.getByRole('link', { name: /データ項目|inventory/i }).click();
    await itStaff.waitForURL('**/inventory');
    const item = itStaff
      .locator(`[data-testid="inventory-source"][data-source="${source}"]`)
      .locator(`[data-testid="inventory-item"][data-fact="${visitDays.corrected}"]`);
    await item.waitFor();
    const cells = (await item.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells).toEqual(
      expect.arrayContaining([legal.purpose, legal.legalBasis, legal.retention]),
    );
    expect(await itStaff.getByTestId('inventory-item-missing').count()).toBe(0);
    await itStaff.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(itStaff, 'inventory');
    expect(await seriousA11yViolations(itStaff)).toEqual([]);
  });

  it('imports the full file through the new source: dry run, then import', async () => {
    await itStaff.goto(`/imports?connector=${source}`);
    const select = itStaff.getByTestId('connector-select');
    await select.waitFor();
    expect(await select.inputValue()).toBe(source);
    await itStaff.getByTestId('upload-input').setInputFiles(files.full);
    for (const button of ['dry-run-button', 'import-button']) {
      const answered = itStaff.waitForResponse((r) => r.url().endsWith('/api/imports'));
      await expect.poll(() => itStaff.getByTestId(button).isEnabled()).toBe(true);
      await itStaff.getByTestId(button).click();
      expect((await answered).status()).toBe(200);
      const ok = itStaff.getByTestId('import-ok');
      await ok.waitFor();
      expect(digits(await ok.textContent())).toBe(village.truth.children.length);
    }
    expect(await itStaff.getByTestId('import-ok').textContent()).toContain('取り込みました');
    const batches = itStaff.getByTestId('import-batches').locator('tbody tr');
    await expect
      .poll(async () =>
        (await batches.allTextContents()).some((r) => r.includes(`${source}-2025.csv`)),
      )
      .toBe(true);
  });

  it('a rule editor writes a rule on the new fact and sees it in the preview', async () => {
    await login(editor, server, 'rule_editor');
    await editor.goto('/rules/demo/edit');
    await expect.poll(() => editor.getByTestId('rule-item').count()).toBeGreaterThan(10);
    await editor.getByTestId('add-rule').click();
    const form = editor.getByTestId('rule-form');
    await form.getByTestId('rule-name').fill(ruleName);

    const leaf = form.getByTestId('condition-leaf').first();
    const picker = leaf.getByTestId('fact-select');
    // The catalogue offers the new fact under the new source's own group.
    const option = picker.locator(`option[value="${visitDays.corrected}"]`);
    expect(await option.count()).toBe(1);
    expect(await option.textContent()).toContain('来館日数');
    await picker.selectOption(visitDays.corrected);
    await leaf.getByTestId('operator-select').selectOption({ label: '以上' });
    const value = leaf.getByTestId('value-input');
    expect(await value.getAttribute('type')).toBe('number');
    await value.fill('60');
    await form.getByTestId('type-select').selectOption('poverty');
    await form.getByTestId('points-input').fill('3');
    await form.getByTestId('explanation-input').fill('児童館に年60日以上来館している');
    await form.getByTestId('rationale-input').fill('放課後の居場所が児童館に限られている可能性');

    await editor.getByTestId('save-draft').click();
    await editor.getByTestId('editor-message').waitFor();
    await editor.waitForURL(/draft=/);
    expect(await editor.getByTestId('validation-errors').count()).toBe(0);
    const answered = editor.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/preview' && r.ok(),
    );
    await editor.getByTestId('open-preview').click();
    await editor.waitForURL(/\/preview\?.*draft=/);
    await answered;
    const hit = editor
      .getByTestId('preview-rule-hits')
      .locator('tbody tr')
      .filter({ hasText: ruleName });
    await hit.waitFor();
    const [, before, after] = (await hit.locator('td').allTextContents()).map(digits);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(0);
    const watch = async (when: string) =>
      digits(await editor.getByTestId(`count-${when}-poverty-watch`).textContent()) +
      digits(await editor.getByTestId(`count-${when}-poverty-support`).textContent());
    expect(await watch('after')).toBeGreaterThanOrEqual(await watch('before'));
  });
});
