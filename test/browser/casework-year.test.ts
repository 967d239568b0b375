import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seriousA11yViolations } from '../support/browser';
import { login, startDemoServer, type DemoServer } from '../support/server';

// Issue 7, the village's year: a run flags children; the family center fills a child info sheet
// for three of them (two at the teacher's school E01, one elsewhere) and shares each with the
// child's school; the E01 teacher sees only E01's sheets and reports that one child seems to
// need support; the center is notified and decides; the KPI funnel shows what the API holds.

const teacherSchool = 'E01'; // demo-teacher's school
/** Funnel stages as the dashboard labels them, in the order it draws them. */
const stages = {
  judged: '判定',
  flagged: '対象',
  watched: '見守り（シート作成）',
  shared: '学校へ共有',
  preventiveSupport: '予防的支援など',
  continuedWatch: '見守り継続',
  closed: '終結',
} as const;
type Stage = keyof typeof stages;
type Counts = Record<Stage, number>;

interface Chosen {
  childId: string;
  school: string;
  sheetId?: string;
}

let server: DemoServer;
let browser: Browser;
let center: Page;
let teacher: Page;
let runId = '';
let flaggedCount = 0;
let secondRunId = '';
/** Uncaught errors in either page since the last test (a crashed page render shows up here). */
const pageErrors: string[] = [];
let chosen: { supported: Chosen; watched: Chosen; elsewhere: Chosen };

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  center = await newPage(browser, server.baseURL);
  teacher = await newPage(browser, server.baseURL);
  for (const page of [center, teacher])
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

function sheetOf(child: Chosen): string {
  if (child.sheetId === undefined) throw new Error(`no sheet yet for ${child.childId}`);
  return child.sheetId;
}

async function openWorkList(): Promise<void> {
  await center.goto(`/cases?run=${encodeURIComponent(runId)}`);
  await center.getByTestId('worklist').waitFor();
}

const workListRow = (childId: string) =>
  center.getByTestId('worklist').locator('tbody tr').filter({ hasText: childId });

/** Creates the child's sheet from the work list, writes the meeting notes and shares it. */
async function fillAndShare(child: Chosen): Promise<void> {
  await openWorkList();
  await workListRow(child.childId).getByTestId('create-sheet').click();
  await center.waitForURL(/\/sheets\/[^/?]+$/);
  child.sheetId = decodeURIComponent(new URL(center.url()).pathname.split('/').pop() ?? '');
  expect(await center.getByTestId('sheet-child').textContent()).toBe(child.childId);
  expect((await center.getByTestId('sheet-items').locator('tbody tr').count()) > 0).toBe(true);

  // Notes and sharing live on the case page the sheet links to.
  await center.getByRole('link', { name: 'ケース詳細' }).click();
  await center.waitForURL(/\/cases\/[^/?]+$/);
  // The override form offers no level and exactly the levels the demo rule set defines.
  const levels = center.getByTestId('override-level').locator('option');
  await expect
    .poll(() => levels.evaluateAll((os) => os.map((o) => o.getAttribute('value'))))
    .toEqual(['', 'watch', 'support']);
  expect(await levels.allTextContents()).toEqual(['対象外', '見守り', '要支援']);
  const form = center.getByTestId('notes-form');
  const notes = {
    educationBoard: '教育委員会: 就学援助の申請状況を確認する',
    principal: '校長: 担任が朝の声掛けを続ける',
    schoolNurse: '養護教諭: 保健室の利用を見守る',
    schoolSocialWorker: 'SSW: 家庭訪問の要否を次回の会議で判断',
  };
  for (const [role, text] of Object.entries(notes))
    await form.getByTestId(`notes-${role}`).fill(text);
  const savedNotes = center.waitForResponse(
    (r) => r.url().endsWith('/notes') && r.request().method() === 'PUT',
  );
  await form.getByTestId('notes-save').click();
  expect((await savedNotes).status()).toBe(200);
  await expect
    .poll(() => center.getByTestId('sheet-notes').textContent())
    .toContain(notes.schoolSocialWorker);
  // The save says so (the form is not rebuilt under the message).
  await expect.poll(() => form.textContent()).toContain('検討会議の記録を保存しました。');

  const share = center.getByTestId('notes-form').getByTestId('share-school');
  expect(await share.inputValue()).toBe(child.school);
  const shared = center.waitForResponse((r) => r.url().endsWith('/share'));
  await center.getByTestId('share-sheet').click();
  expect((await shared).status()).toBe(200);
  await expect
    .poll(() => center.getByTestId('sheet-shared').textContent())
    .toContain(`共有先: ${child.school}`);
}

async function decide(child: Chosen, status: 'preventive_support' | 'watch', reason: string) {
  const row = center
    .getByTestId('cases-table')
    .locator('tbody tr')
    .filter({ hasText: child.childId });
  await row.getByTestId('open-decision').click();
  const dialog = center.getByTestId('decision-dialog');
  await dialog.getByTestId(`decision-status-${status}`).check();
  await dialog.getByTestId('decision-reason').fill(reason);
  const answered = center.waitForResponse((r) => r.url().endsWith('/decisions'));
  await dialog.getByTestId('decision-submit').click();
  expect((await answered).status()).toBe(201);
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => row.getAttribute('data-status')).toBe(status);
}

/** Label → value of a chart's screen-reader table, checked against what the chart says it draws. */
async function chartValues(testid: string): Promise<Map<string, number>> {
  const chart = center.getByTestId(testid);
  const rows = chart.locator('details table tr');
  const values = new Map<string, number>();
  for (let i = 0; i < (await rows.count()); i++)
    values.set(
      ((await rows.nth(i).locator('th').textContent()) ?? '').trim(),
      digits(await rows.nth(i).locator('td').textContent()),
    );
  // ECharts drew the chart as SVG and describes the values it drew: they must be the table's.
  const drawing = chart.locator('[role="img"]');
  expect(await drawing.locator('svg').count()).toBe(1);
  const missing = async () => {
    const described = (await drawing.getAttribute('aria-label')) ?? '';
    return [...values].map(([label, n]) => `${label}: ${n}`).filter((s) => !described.includes(s));
  };
  await expect.poll(missing).toEqual([]);
  return values;
}

describe('issue 7: the village year, from flag to support', () => {
  it("the demo's judgement run is done and has flagged children", async () => {
    await login(center, server, 'family_center');
    await center.getByTestId('nav-runs').click();
    await center.waitForURL('**/runs');
    const runs = await getJson<{ id: string; status: string }[]>(center, '/api/runs');
    expect(runs.map((r) => r.status)).toEqual(['done']);
    runId = runs[0]!.id;
    const rows = center.getByTestId('runs-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('完了');
  });

  it('opens the flagged work list: as many children as the run flagged', async () => {
    const run = await getJson<{ flagged?: number }>(center, `/api/runs/${runId}`);
    const flagged = run.flagged ?? 0;
    expect(flagged).toBeGreaterThan(2);
    flaggedCount = flagged;
    await center.getByTestId('nav-cases').click();
    await center.waitForURL('**/cases');
    await center.locator('#cases-run').selectOption(runId);
    await center.getByTestId('run-picker').getByRole('button').click();
    await center.waitForURL(/[?&]run=/);
    const rows = center.getByTestId('worklist').locator('tbody tr');
    expect(await rows.count()).toBe(flagged);
    expect(digits(await center.locator('#worklist-title').textContent())).toBe(flagged);

    const children: Chosen[] = [];
    for (const cells of await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    ))
      children.push({ childId: cells[0] ?? '', school: cells[1] ?? '' });
    const atSchool = children.filter((c) => c.school === teacherSchool);
    const elsewhere = children.find(
      (c) => /^[EJ]\d+$/.test(c.school) && c.school !== teacherSchool,
    );
    expect(atSchool.length).toBeGreaterThanOrEqual(2);
    expect(elsewhere).toBeDefined();
    chosen = { supported: atSchool[0]!, watched: atSchool[1]!, elsewhere: elsewhere! };
  });

  it('fills the sheets with the review meeting notes and shares each with its school', async () => {
    for (const child of Object.values(chosen)) await fillAndShare(child);
    await openWorkList();
    for (const child of Object.values(chosen))
      expect(await workListRow(child.childId).getByTestId('create-sheet').count()).toBe(0);
    await center.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(center, 'cases');
  });

  it('prints a sheet on A4 without the navigation', async () => {
    await center.goto(`/sheets/${encodeURIComponent(sheetOf(chosen.supported))}`);
    await center.getByTestId('sheet-view').waitFor();
    await center.emulateMedia({ media: 'print' });
    expect(await center.locator('nav.nav').isVisible()).toBe(false);
    expect(await center.getByTestId('print-sheet').isVisible()).toBe(false);
    expect(await center.getByTestId('sheet-notes').isVisible()).toBe(true);
    await center.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(center, 'sheet');
    await center.emulateMedia({ media: 'screen' });
  });

  it('the E01 teacher sees only E01 sheets; another school’s sheet answers 404', async () => {
    await login(teacher, server, 'teacher');
    await teacher.getByTestId('nav-teacher').click();
    await teacher.waitForURL('**/teacher');
    const links = teacher.getByTestId('teacher-sheet-link');
    await links.first().waitFor();
    const shown = (await links.allTextContents()).map((t) => t.trim());
    expect(shown).toEqual(
      expect.arrayContaining([chosen.supported.childId, chosen.watched.childId]),
    );
    expect(shown).not.toContain(chosen.elsewhere.childId);
    const listed = await getJson<{ sharedSchool: string | null }[]>(teacher, '/api/sheets');
    expect(listed.map((s) => s.sharedSchool)).toEqual(listed.map(() => teacherSchool));
    const other = await teacher.request.get(
      `/api/sheets/${encodeURIComponent(sheetOf(chosen.elsewhere))}`,
    );
    expect(other.status()).toBe(404);
    const observe = await teacher.request.post(
      `/api/sheets/${encodeURIComponent(sheetOf(chosen.elsewhere))}/observations`,
      {
        headers: { origin: server.baseURL },
        data: { text: '他校の子どもへの記録', supportNeeded: false },
      },
    );
    expect(observe.status()).toBe(404);
    await teacher.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(teacher, 'teacher');
    expect(await seriousA11yViolations(teacher)).toEqual([]);
  });

  it('the teacher records an observation: support seems needed', async () => {
    const row = teacher
      .getByTestId('teacher-sheets')
      .locator('tbody tr')
      .filter({ hasText: chosen.supported.childId });
    await row.getByTestId('teacher-record').click();
    const form = teacher.getByTestId('observation-form');
    await form
      .getByTestId('observation-text')
      .fill('朝の声掛けに反応が薄く、給食を残す日が続いている。');
    await form.getByTestId('observation-support').check();
    const recorded = teacher.waitForResponse((r) => r.url().endsWith('/observations'));
    await form.getByTestId('observation-submit').click();
    expect((await recorded).status()).toBe(201);
    await form.getByRole('status').waitFor();
  });

  it('the center sees the notification and decides: 予防的支援 and 見守り継続', async () => {
    await openWorkList();
    const notice = center
      .getByTestId('notifications')
      .locator('li')
      .filter({ hasText: chosen.supported.childId });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(teacherSchool);
    await decide(
      chosen.supported,
      'preventive_support',
      '担任の観察と検討会議を踏まえ、予防的支援につなぐ',
    );
    await decide(chosen.watched, 'watch', '大きな変化はなく、引き続き担任が見守る');
    expect(await seriousA11yViolations(center)).toEqual([]);
  });

  it('the KPI funnel shows the numbers the API holds', async () => {
    await center.getByTestId('nav-kpi').click();
    await center.waitForURL('**/kpi');
    await center.locator('#kpi-run').selectOption(runId);
    await center.getByTestId('kpi-run-picker').getByRole('button').click();
    await center.waitForURL(/[?&]run=/);
    await center.getByTestId('funnel-chart').waitFor();

    const run = await getJson<{ judged?: number; flagged?: number }>(center, `/api/runs/${runId}`);
    const dashboard = await getJson<{
      runId: string;
      funnel: Counts & { bySchool: (Counts & { school: string })[] };
      kpis: { connectedToSupport: number; contacts: { total: number } };
    }>(center, `/api/kpi/dashboard?runId=${encodeURIComponent(runId)}`);
    const { funnel } = dashboard;
    expect(dashboard.runId).toBe(runId);
    // What the database holds after this story: three sheets, all shared, one in support.
    expect(funnel).toMatchObject({
      judged: run.judged,
      flagged: run.flagged,
      watched: 3,
      shared: 3,
      preventiveSupport: 1,
      continuedWatch: 2,
      closed: 0,
    });
    // …and what the page draws.
    const drawn = await chartValues('funnel-chart');
    expect([...drawn.keys()]).toEqual(Object.values(stages));
    for (const [key, label] of Object.entries(stages) as [Stage, string][])
      expect(drawn.get(label), label).toBe(funnel[key]);

    const e01 = funnel.bySchool.find((r) => r.school === teacherSchool);
    const row = center
      .getByTestId('kpi-by-school')
      .locator('tbody tr')
      .filter({
        has: center.getByRole('rowheader', { name: teacherSchool, exact: true }),
      });
    const cells = (await row.locator('td').allTextContents()).map(digits);
    expect(cells).toEqual(Object.keys(stages).map((key) => e01?.[key as Stage]));
    expect(e01).toMatchObject({ watched: 2, shared: 2, preventiveSupport: 1, continuedWatch: 1 });

    expect(digits(await center.getByTestId('kpi-contacts').locator('.big').textContent())).toBe(
      dashboard.kpis.contacts.total,
    );
    expect(await center.getByTestId('kpi-connected').locator('.big').textContent()).toMatch(
      new RegExp(`^\\s*${dashboard.kpis.connectedToSupport}人`),
    );
    expect(dashboard.kpis.connectedToSupport).toBe(1);
    await center.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(center, 'kpi');
    expect(await seriousA11yViolations(center)).toEqual([]);
  });

  // A second run on the same data (as after a re-import, or a scheduled run): same as-of date.
  it('a second run started from /runs lists its counts per type and level', async () => {
    await center.getByTestId('nav-runs').click();
    await center.waitForURL('**/runs');
    await center.getByTestId('run-rule-set').selectOption('demo');
    const started = center.waitForResponse(
      (r) => r.url().endsWith('/api/runs') && r.request().method() === 'POST',
    );
    await center.getByTestId('start-run').click();
    const response = await started;
    expect(response.status()).toBe(202);
    secondRunId = ((await response.json()) as { id: string }).id;
    await center.waitForURL(`**/runs/${secondRunId}`);
    await expect
      .poll(() => center.getByTestId('run-status').textContent(), { timeout: 60_000 })
      .toBe('完了');
    const run = await getJson<{ flagged?: number }>(center, `/api/runs/${secondRunId}`);
    expect(run.flagged).toBe(flaggedCount);
    const rows = center.getByTestId('run-counts').locator('tbody tr');
    await rows.first().waitFor();
    for (const cells of await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    )) {
      expect(cells[0], 'difficulty type').toMatch(
        /^(abuse|poverty|bullying_absence|虐待|貧困|いじめ・不登校)$/,
      );
      expect(cells[2], `children at ${cells.join(' / ')}`).toMatch(/^\d[\d,]*$/);
    }
  });

  it('the dashboard shows the latest run and compares it with the previous one', async () => {
    await center.getByTestId('nav-kpi').click();
    await center.waitForURL('**/kpi');
    await center.getByTestId('funnel-chart').waitFor({ timeout: 10_000 });
    expect(await center.locator('#kpi-run').inputValue()).toBe(secondRunId);
    const { comparison } = await getJson<{
      comparison: { fromRunId: string | null; continuing: string[]; newlyFlagged: string[] };
    }>(center, '/api/kpi/dashboard');
    expect(comparison.fromRunId).toBe(runId);
    // Same data and rules: every flag continues, none is new.
    expect(comparison.newlyFlagged).toEqual([]);
    expect(comparison.continuing).toHaveLength(flaggedCount);
    const continuing = center.getByTestId('kpi-comparison-continuing').locator('.big');
    expect(digits(await continuing.textContent())).toBe(flaggedCount);
    expect(await center.getByTestId('kpi-series').locator('tbody tr').count()).toBe(2);
  });
});
