import { encodeCp932 } from '@mimamori/connector-kit';
import { generateVillage } from '@mimamori/village';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { demoVillage, login, startDemoServer, type DemoServer } from '../support/server';

// Story 3: IT uploads the nursery office's file with a bad row, sees the error by line, uploads
// the fixed file and imports it; then a file with an unknown 外字 fails until the character is
// mapped on the 外字 page. The files are the demo's own nursery file (regenerated with the demo's
// seed, so every name links to the demo roster) with one cell changed.

const badLine = 5; // line 1 holds the column names: the 4th child
const gaijiLine = 8;
const absenceColumn = 7; // 月平均欠席日数
const nameColumn = 2; // 児童氏名
const unknownGaiji = '\u{E0A0}'; // private use; the demo's 外字 table stops at U+E00B

/** The demo's nursery extract as lines of cells (CP932 CSV, CRLF, no quoting). */
function demoNurseryLines(): string[][] {
  const file = generateVillage(demoVillage).files.find((f) => f.connector === 'nursery');
  if (!file) throw new Error('the demo village has no nursery file');
  const text = new TextDecoder('shift_jis').decode(file.bytes);
  if (text.includes('"'))
    throw new Error('the nursery extract is quoted: this test splits on commas');
  return text.split('\r\n').map((line) => line.split(','));
}

function withCell(lines: string[][], line: number, column: number, edit: (cell: string) => string) {
  return lines.map((cells, i) =>
    i === line - 1 ? cells.map((cell, c) => (c === column - 1 ? edit(cell) : cell)) : cells,
  );
}

function csv(name: string, lines: string[][]) {
  const text = lines.map((cells) => cells.join(',')).join('\r\n');
  return { name, mimeType: 'text/csv', buffer: Buffer.from(encodeCp932(text)) };
}

const demo = demoNurseryLines();
const originalAbsence = demo[badLine - 1]![absenceColumn - 1]!;
const originalName = demo[gaijiLine - 1]![nameColumn - 1]!;
const replaced = [...originalName][0]!;
const badFile = csv(
  'hoiku-bad.csv',
  withCell(demo, badLine, absenceColumn, () => '1..4'),
);
// A real correction, so the file differs from the one the demo already imported.
const fixedFile = csv(
  'hoiku-fixed.csv',
  withCell(demo, badLine, absenceColumn, (cell) => String(Number(cell) + 0.5)),
);
const gaijiFile = csv(
  'hoiku-gaiji.csv',
  withCell(demo, gaijiLine, nameColumn, (cell) => unknownGaiji + [...cell].slice(1).join('')),
);

let server: DemoServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await newPage(browser, server.baseURL);
  await login(page, server, 'it');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function upload(file: ReturnType<typeof csv>): Promise<void> {
  await page.getByTestId('connector-select').selectOption('nursery');
  await page.getByTestId('upload-input').setInputFiles(file);
}

async function dryRun(): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/imports'));
  await page.getByTestId('dry-run-button').click();
  await answered;
  await page.getByTestId('import-result').waitFor();
}

describe('story 3: IT imports', () => {
  it('dry-runs a file with a bad row and sees the error with its line', async () => {
    expect(Number.isFinite(Number(originalAbsence))).toBe(true);
    await page.getByTestId('nav-imports').click();
    await page.waitForURL('**/imports');
    await upload(badFile);
    await dryRun();
    await page.getByTestId('import-failed').waitFor();
    const issues = page.getByTestId('import-issue');
    expect(await issues.count()).toBe(1);
    expect(await issues.getByTestId('issue-line').textContent()).toBe(String(badLine));
    const cells = (await issues.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toBe('hoiku-bad.csv');
    expect(cells[2]).toBe(String(absenceColumn));
    // Errors carry file, line, column and code, never the cell's value.
    expect(cells.join(' ')).not.toContain('1..4');
    expect(await page.getByTestId('import-button').isDisabled()).toBe(true);
  });

  it('dry-runs the fixed file, then imports it with progress', async () => {
    await upload(fixedFile);
    await dryRun();
    await page.getByTestId('import-ok').waitFor();
    expect(await page.getByTestId('import-issue').count()).toBe(0);
    const importButton = page.getByTestId('import-button');
    await expect.poll(() => importButton.isEnabled()).toBe(true);

    const answered = page.waitForResponse((r) => r.url().endsWith('/api/imports'));
    await importButton.click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await answered;
    await page.getByTestId('import-ok').waitFor();
    await expect.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value)).toBe(1);
    const batches = page.getByTestId('import-batches').locator('tbody tr');
    await expect
      .poll(async () =>
        (await batches.allTextContents()).some((row) => row.includes('hoiku-fixed.csv')),
      )
      .toBe(true);
  });

  it('reports an unknown 外字 in a name', async () => {
    await upload(gaijiFile);
    await dryRun();
    await page.getByTestId('import-failed').waitFor();
    const issues = page.getByTestId('import-issue');
    expect(await issues.count()).toBe(1);
    expect(await issues.getByTestId('issue-line').textContent()).toBe(String(gaijiLine));
    const cells = (await issues.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells).toContain('gaiji_unmapped');
    expect(cells[2]).toBe(String(nameColumn));
    expect(await page.getByTestId('import-result').textContent()).toContain('外字');
  });

  it('maps the 外字 on the 外字 page', async () => {
    await page.getByTestId('nav-gaiji').click();
    await page.waitForURL('**/gaiji');
    const rows = page.getByTestId('gaiji-row');
    await rows.first().waitFor();
    const before = await rows.count();
    await page.getByTestId('gaiji-add').click();
    await expect.poll(() => rows.count()).toBe(before + 1);
    const row = rows.last();
    await row.getByTestId('gaiji-code-input').fill('u+e0a0');
    await row.getByTestId('gaiji-code-input').press('Tab');
    await expect.poll(() => row.getByTestId('gaiji-code-input').inputValue()).toBe('U+E0A0');
    await row.getByTestId('gaiji-standard-input').fill(replaced);
    await page.getByTestId('gaiji-save').click();
    const message = page.getByTestId('gaiji-message');
    await message.waitFor();
    expect(await message.getAttribute('role')).toBe('status');
  });

  it('re-runs the 外字 file: the dry run passes and it imports', async () => {
    await page.getByTestId('nav-imports').click();
    await page.waitForURL('**/imports');
    await upload(gaijiFile);
    await dryRun();
    await page.getByTestId('import-ok').waitFor();
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/imports'));
    await page.getByTestId('import-button').click();
    await answered;
    await page.getByTestId('import-ok').waitFor();
    const batches = page.getByTestId('import-batches').locator('tbody tr');
    await expect
      .poll(async () =>
        (await batches.allTextContents()).some((row) => row.includes('hoiku-gaiji.csv')),
      )
      .toBe(true);
  });
});
