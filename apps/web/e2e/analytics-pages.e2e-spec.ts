import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { login, projectIds } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { buildAll, startServer, type TestServer } from './support/server.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.getByLabel(/username/i).fill(username);
  await page.getByLabel(/password/i).first().fill('demo');
  await page.keyboard.press('Enter');
  await page.waitForURL((address) => !address.hash.startsWith('#/login'));
}

describeIfChromium('analytics and ML pages', () => {
  let server: TestServer;
  let browser: Browser;
  let triageId: string;

  beforeAll(async () => {
    if (!process.env.E2E_BASE_URL) buildAll();
    server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined, log: () => '' } : await startServer();
    browser = await launchChromium();
    triageId = (await projectIds(server.url, await login(server.url, 'lead')))['demo-triage'];
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  const pages: [string, string, () => string, RegExp][] = [
    ['lead', 'agreement', () => `/agreement/${triageId}`, /Agreement/],
    ['lead', 'evaluations', () => '/evaluations', /Evaluations/],
    ['ml', 'datasets', () => '/datasets', /Datasets/],
    ['ml', 'training-runs', () => '/training-runs', /Training runs/],
    ['ml', 'training-nodes', () => '/training-nodes', /GPU nodes/],
  ];

  it.each(pages)('%s opens %s without errors or untranslated keys', async (username, name, path, heading) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server.url, username);
    await page.goto(`${server.url}/#${path()}`);
    await page.getByText(heading).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await screenshot(page, `analytics-${name}`);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/clinrank\.[a-z_]+\.[a-z_]+/);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
