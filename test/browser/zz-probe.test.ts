import { it } from 'vitest';
import { launchBrowser, newPage } from '../support/browser';
import { login, startDemoServer } from '../support/server';
it('probe', async () => {
  const server = await startDemoServer();
  const browser = await launchBrowser();
  try {
    const page = await newPage(browser, server.baseURL);
    await login(page, server, 'admin');
    console.log('ADMIN', page.url(), await page.locator('main').textContent());
    console.log(await page.getByTestId('lang-switch').evaluate((e) => { const s = getComputedStyle(e); return [s.color, s.backgroundColor, (e as HTMLSelectElement).value]; }));
    await page.goto('/rules');
    await page.locator('main').waitFor();
    await page.waitForLoadState('networkidle');
    console.log('ADMIN-RULES', await page.locator('main').textContent());
  } finally { await browser.close(); await server.stop(); }
});
