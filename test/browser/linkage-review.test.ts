import { encodeCp932 } from '@mimamori/connector-kit';
import { generateVillage } from '@mimamori/village';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seriousA11yViolations } from '../support/browser';
import { demoVillage, login, startDemoServer, type DemoServer } from '../support/server';

// IT reviews linkage: a nursery file whose 2nd row carries another name (its reading and birth
// date still match a roster child: a candidate to compare) and whose 3rd row names nobody on the
// roster. The page shows the source's label, file and line, and the record's identity next to the
// candidate's; exclusion asks first; the decision is listed and can be undone.

const nameColumn = 2; // 児童氏名
const kanaColumn = 3; // ふりがな

/** The demo's nursery extract as lines of cells (CP932 CSV, CRLF, no quoting). */
function demoNurseryLines(): string[][] {
  const file = generateVillage(demoVillage).files.find((f) => f.connector === 'nursery');
  if (!file) throw new Error('the demo village has no nursery file');
  const text = new TextDecoder('shift_jis').decode(file.bytes);
  if (text.includes('"'))
    throw new Error('the nursery extract is quoted: this test splits on commas');
  return text.split('\r\n').map((line) => line.split(','));
}

const lines = demoNurseryLines();
const edited = lines.map((cells, i) => {
  if (i === 1) return cells.map((cell, c) => (c === nameColumn - 1 ? '新井　次郎' : cell));
  if (i === 2)
    return cells.map((cell, c) =>
      c === nameColumn - 1 ? '新井　三郎' : c === kanaColumn - 1 ? 'あらい　さぶろう' : cell,
    );
  return cells;
});
const file = {
  name: 'hoiku-review.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(encodeCp932(edited.map((cells) => cells.join(',')).join('\r\n'))),
};

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

/** The queue item of the file's `line`. */
function itemAt(line: number) {
  return page
    .getByTestId('linkage-item')
    .filter({ has: page.getByTestId('linkage-where').filter({ hasText: `${line}行目` }) });
}

describe('IT reviews linkage', () => {
  it('imports a nursery file with two records the linker cannot place', async () => {
    await page.getByTestId('nav-imports').click();
    await page.waitForURL('**/imports');
    await page.getByTestId('connector-select').selectOption('nursery');
    await page.getByTestId('upload-input').setInputFiles(file);
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/imports'));
    await page.getByTestId('dry-run-button').click();
    await checked;
    await page.getByTestId('import-ok').waitFor();
    const importButton = page.getByTestId('import-button');
    await expect.poll(() => importButton.isEnabled()).toBe(true);
    const imported = page.waitForResponse((r) => r.url().endsWith('/api/imports'));
    await importButton.click();
    await imported;
    await page.getByTestId('import-ok').waitFor();
  });

  it("shows the source's label, file and line, and the identities side by side", async () => {
    await page.getByTestId('nav-linkage').click();
    await page.waitForURL('**/linkage');
    await expect.poll(() => page.getByTestId('linkage-item').count()).toBe(2);
    const renamed = itemAt(2);
    const heading = await renamed.locator('h2').textContent();
    expect(heading).toContain('hoiku-review.csv');
    expect(heading).not.toContain('nursery');
    expect(await renamed.getByTestId('linkage-record-name').textContent()).toContain('新井');
    // The candidate's column holds the roster's spelling of the child the reading matched.
    const [, rosterName] = lines[1]!;
    const candidateCells = await renamed
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(candidateCells[1]!.replace(/\s/g, '')).toBe(rosterName!.replace(/\s/g, ''));
    expect(await renamed.getByTestId('linkage-match').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'linkage-review');
  });

  it('asks before excluding, lists the decision and undoes it', async () => {
    const stranger = itemAt(3);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await stranger.getByTestId('linkage-reject').click();
    expect(await page.getByTestId('linkage-item').count()).toBe(2);
    expect(await page.getByTestId('linkage-decision').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await stranger.getByTestId('linkage-reject').click();
    await expect.poll(() => page.getByTestId('linkage-item').count()).toBe(1);
    const decision = page.getByTestId('linkage-decision');
    await expect.poll(() => decision.count()).toBe(1);
    expect(await decision.textContent()).toContain('新井');

    page.once('dialog', (dialog) => void dialog.accept());
    await decision.getByTestId('linkage-undo').click();
    await expect.poll(() => page.getByTestId('linkage-item').count()).toBe(2);
    await expect.poll(() => page.getByTestId('linkage-decision').count()).toBe(0);
  });

  it('asks before marking a person not on the roster', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await itemAt(3).getByTestId('linkage-new').click();
    await expect.poll(() => page.getByTestId('linkage-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('linkage-decision').count()).toBe(1);
  });
});
