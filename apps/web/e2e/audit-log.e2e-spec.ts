import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { graphql, login, projectIds } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('the audit log page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    const lead = await login(server.url, 'lead');
    const triage = (await projectIds(server.url, lead))['demo-triage'];
    await graphql(
      server.url,
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id } }',
      { input: { id: triage, name: 'Triage, renamed' } },
      lead,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('shows names and before → after instead of raw JSON, filters by action, and downloads the CSV', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'project.update' }))}`);
    const row = page.getByRole('row').filter({ hasText: 'project.update' }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = await row.innerText();
    expect(text).toContain('Dr. Lead (demo)');
    expect(text).toContain('name: "Demo: patient questions (pairwise)" → "Triage, renamed"');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    await screenshot(page, 'audit-log');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('at,actor,actor_name,action,object_type,object_id,object_name,project,summary');
    expect(
      csv
        .slice(1)
        .filter(Boolean)
        .every((line) => line.includes(',project.update,')),
    ).toBe(true);
    await context.close();
  }, 90_000);
});
