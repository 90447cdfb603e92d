import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

// A name other than localhost, which browsers treat as a secure context: what a colleague types to reach a server
// on the ward's network (docker-compose's deployment), here mapped onto this machine by Chromium itself.
const HOST_NAME = 'clinrank-ward.test';

describeIfChromium('the UI over plain HTTP through a non-localhost name', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium([`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('loads every asset over http and shows the sign-in form', async () => {
    const address = new URL(server.url);
    address.hostname = HOST_NAME;
    const page = await browser.newPage();
    const failed: string[] = [];
    const requested: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    page.on('request', (request) => requested.push(request.url()));
    const response = await page.goto(`${address.origin}/#/login`);
    expect(response?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await page.getByLabel(/username/i).waitFor({ timeout: 30_000 });
    await screenshot(page, 'plain-http-non-localhost-login');
    expect(failed).toEqual([]);
    expect(requested.filter((url) => url.startsWith('https:'))).toEqual([]);
    expect(requested.some((url) => url.startsWith(`http://${HOST_NAME}:`) && url.endsWith('.js'))).toBe(true);
    await page.close();
  });
});
