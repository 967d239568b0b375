import { generateVillage } from '@mimamori/village';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, seriousA11yViolations } from '../support/browser';
import { demoVillage, login, startDemoServer, type DemoServer } from '../support/server';

// The family center reads who a flagged child is (name, reading, birth date, address, resident
// and household numbers) on the child page and the case page, only when it presses the button:
// each view is an audited `personal.read`. A DV support measure hides the address; other roles
// never see the button.

let server: DemoServer;
let browser: Browser;
let center: Page;
let admin: Page;
let childId = '';
/** Requests the center's page sent for personal data (none may go out without a press). */
const personalReads: string[] = [];
const pageErrors: string[] = [];

const isPersonal = (url: string) => /\/api\/children\/[^/]+\/personal$/.test(new URL(url).pathname);

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  center = await newPage(browser, server.baseURL);
  admin = await newPage(browser, server.baseURL);
  for (const page of [center, admin])
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  center.on('request', (request) => {
    if (isPersonal(request.url())) personalReads.push(request.url());
  });
  await login(center, server, 'family_center');
  await login(admin, server, 'admin');
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The demo server's village, regenerated from the same seed. */
const village = generateVillage(demoVillage);

/** The demo roster's rows (CP932 CSV) by resident number: what the village planted. */
function demoRoster(): Map<string, Record<string, string>> {
  const file = village.files.find((f) => f.connector === 'roster');
  if (!file) throw new Error('the demo village has no roster file');
  const [header = '', ...lines] = new TextDecoder('shift_jis').decode(file.bytes).split('\r\n');
  const columns = header.split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split(',');
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    if (row['宛名番号']) rows.set(row['宛名番号'], row);
  }
  return rows;
}

/** `personal.read` entries for the child, as the admin reads the audit log. */
async function personalReadsLogged(id: string): Promise<{ actorName: string | null }[]> {
  const response = await admin.request.get('/api/audit?action=personal.read&limit=500');
  expect(response.status()).toBe(200);
  const entries = (await response.json()) as {
    action: string;
    target?: string;
    actorName: string | null;
  }[];
  return entries.filter((e) => e.action === 'personal.read' && e.target === `child:${id}`);
}

/** Presses the button and waits for the panel to show the answer. */
async function showPersonal(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => isPersonal(r.url()));
  await page.getByTestId('personal-show').click();
  expect((await answered).status()).toBe(200);
  await page.getByTestId('personal-data').waitFor();
}

const text = async (page: Page, testid: string) =>
  ((await page.getByTestId(testid).textContent()) ?? '').trim();

describe('personal data of a flagged child', () => {
  it('the family center sees nothing personal until it presses the button', async () => {
    await center.goto('/cases');
    await center.getByTestId('worklist').waitFor();
    childId = (await center
      .getByTestId('worklist')
      .locator('tbody td.mono')
      .first()
      .textContent())!.trim();
    expect(childId).not.toBe('');

    await center.goto(`/children/${encodeURIComponent(childId)}`);
    await center.getByTestId('child-explanation').waitFor();
    const button = center.getByTestId('personal-show');
    expect((await button.textContent())?.trim()).toBe('個人情報を表示');
    expect(await center.getByTestId('personal-data').count()).toBe(0);
    expect(personalReads).toEqual([]);
    expect(await personalReadsLogged(childId)).toEqual([]);
  });

  it('shows the child’s name from the village roster and records the read', async () => {
    await showPersonal(center);
    expect(personalReads).toHaveLength(1);
    expect(await text(center, 'personal-audited')).toBe('この表示は監査ログに記録されました。');

    // The resident number is one the synthetic village planted, and the name is that child's.
    const residentNumber = await text(center, 'personal-resident-number');
    const row = demoRoster().get(residentNumber);
    expect(row, residentNumber).toBeDefined();
    const name = await text(center, 'personal-name');
    expect(name).not.toBe('');
    // The roster may carry 外字 or variants the import folded: compare where it carries neither.
    const rosterName = row?.['氏名'] ?? '';
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000ー]+$/u.test(rosterName))
      expect(name.replace(/\s/g, '')).toBe(rosterName.replace(/\s/g, ''));
    // Birth date in 和暦 with the ISO date the village planted for this child.
    const planted = village.truth.children.find((c) => c.residentNumber === residentNumber);
    expect(await text(center, 'personal-birth-date')).toMatch(
      new RegExp(`^(平成|令和).+年.+月.+日（${planted?.birthDate ?? '?'}）$`),
    );
    // No support measure on this child: the roster's address, and no word of a measure.
    expect(row?.['支援措置']).toBe('');
    expect(await text(center, 'personal-address')).toBe(row?.['住所']);
    expect(await center.getByTestId('personal-address-hidden').count()).toBe(0);

    expect(await seriousA11yViolations(center)).toEqual([]);

    const logged = await personalReadsLogged(childId);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.actorName).toBe(server.credentials.family_center.username);
  });

  it('"hide" clears the data from the page', async () => {
    const name = await text(center, 'personal-name');
    await center.getByTestId('personal-hide').click();
    await center.getByTestId('personal-show').waitFor();
    expect(await center.getByTestId('personal-data').count()).toBe(0);
    expect(await center.getByTestId('personal-audited').count()).toBe(0);
    expect(await center.locator('main').textContent()).not.toContain(name);
    expect(personalReads).toHaveLength(1);
  });

  it('the case page offers the same button, and reads only when pressed', async () => {
    await center.goto('/cases');
    const row = center.getByTestId('worklist').locator('tbody tr').filter({ hasText: childId });
    await row.getByTestId('create-sheet').click();
    await center.waitForURL(/\/sheets\/[^/?]+$/);
    await center.getByRole('link', { name: 'ケース詳細' }).click();
    await center.waitForURL(/\/cases\/[^/?]+$/);
    expect(await text(center, 'case-child')).toBe(childId);
    await center.getByTestId('personal-show').waitFor();
    expect(personalReads).toHaveLength(1);

    await showPersonal(center);
    expect(await text(center, 'personal-name')).not.toBe('');
    expect(await text(center, 'personal-audited')).toContain('監査ログ');
    expect(await personalReadsLogged(childId)).toHaveLength(2);
    await center.getByTestId('personal-hide').click();
    expect(await center.getByTestId('personal-data').count()).toBe(0);
  });

  it('a child under a DV support measure shows that the address is hidden, not an address', async () => {
    // The API hides the address itself (tested there); the page must say so and show none.
    await center.route('**/api/children/*/personal', (route) =>
      route.fulfill({
        json: {
          childId,
          name: '見守　花子',
          kana: 'ミマモリ　ハナコ',
          birthDate: '2016-05-10',
          sex: 2,
          residentNumber: '0001234567',
          householdNumber: '0000000123',
          address: null,
          addressHidden: true,
        },
      }),
    );
    try {
      await center.getByTestId('personal-show').click();
      await center.getByTestId('personal-data').waitFor();
      expect(await text(center, 'personal-address-hidden')).toBe('住所は支援措置により非表示');
      expect(await center.getByTestId('personal-address').count()).toBe(0);
      expect(await text(center, 'personal-birth-date')).toBe('平成28年5月10日（2016-05-10）');
    } finally {
      await center.unroute('**/api/children/*/personal');
    }
  });

  it('speaks English after switching language', async () => {
    const reads = personalReads.length;
    await center.getByTestId('lang-switch').selectOption('en');
    expect(await text(center, 'personal-address-hidden')).toBe(
      'Address hidden under a support measure',
    );
    expect(await text(center, 'personal-birth-date')).toBe('10 May 2016');
    expect(await text(center, 'personal-audited')).toBe('This view was recorded in the audit log.');
    await center.getByTestId('personal-hide').click();
    expect(await text(center, 'personal-show')).toBe('Show personal data');

    await center.goto(`/children/${encodeURIComponent(childId)}`);
    await center.getByTestId('child-explanation').waitFor();
    expect(await text(center, 'personal-show')).toBe('Show personal data');
    await center.getByTestId('lang-switch').selectOption('ja');
    expect(await text(center, 'personal-show')).toBe('個人情報を表示');
    // Switching language or opening the page again reads nothing.
    expect(personalReads).toHaveLength(reads);
  });

  it('a rule editor never sees the button', async () => {
    const editor = await newPage(browser, server.baseURL);
    try {
      editor.on('pageerror', (error) => pageErrors.push(`${editor.url()}: ${error.message}`));
      await login(editor, server, 'rule_editor');
      await editor.goto(`/children/${encodeURIComponent(childId)}`);
      await editor.getByTestId('child-explanation').waitFor();
      expect(await editor.getByTestId('personal-panel').count()).toBe(0);
      expect(await editor.getByRole('button', { name: '個人情報を表示' }).count()).toBe(0);
      expect(await editor.locator('main').textContent()).not.toContain('個人情報');
      // Nor would the API answer one.
      const refused = await editor.request.get(
        `/api/children/${encodeURIComponent(childId)}/personal`,
      );
      expect(refused.status()).toBe(403);
    } finally {
      await editor.context().close();
    }
    expect(await personalReadsLogged(childId)).toHaveLength(2);
  });
});
