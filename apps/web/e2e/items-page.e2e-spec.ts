import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { graphql, login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

describeIfChromium('the Items list of a project', () => {
  let server: TestServer;
  let browser: Browser;
  let lead: string;
  let projectId: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    lead = await login(server.url, 'lead');
    // it-0 and it-1 carry two labels each; it-2 … it-5 are unlabelled, it-5 in Chinese.
    const lines = Array.from({ length: 6 }, (_, i) => ({
      id: `it-${i}`,
      language: i === 5 ? 'zh' : 'en',
      specialty: 'cardiology',
      prompt: i === 5 ? '高血压患者可以喝咖啡吗？' : `Question number ${i}`,
      responses: [
        { id: 'r1', text: `One ${i}` },
        { id: 'r2', text: `Two ${i}` },
      ],
      annotations:
        i < 2
          ? ['dr-a', 'dr-b'].map((annotator, k) => ({
              annotator,
              kind: 'pairwise',
              a: 'r1',
              b: 'r2',
              criterion: 'overall',
              choice: k === 0 || i === 0 ? 'a' : 'b',
            }))
          : [],
    }));
    const input = {
      slug: `items-${Date.now().toString(36)}`,
      name: 'Items to tidy',
      kind: 'pairwise',
      criteria: ['accuracy'],
      overlap: 2,
      languages: ['en', 'zh'],
      specialties: ['cardiology'],
    };
    projectId = await createProject(server.url, lead, input, lines);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('counts, filters, deletes unlabelled items, and asks before deleting labelled ones', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');

    await page.goto(`${server.url}/#/projects/${projectId}/show`);
    await page.getByTestId('project-items').filter({ hasText: 'Items (6)' }).waitFor();
    // Who labels it: the demo clinicians, each removable and with a quota.
    const clinician = page.locator('[data-member="clinician1"]');
    await clinician.waitFor();
    await clinician.getByRole('combobox').click();
    await page.getByRole('option', { name: 'Removed' }).click();
    await clinician.filter({ hasText: 'No' }).waitFor();
    await page.getByTestId('members-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'project-members');
    await page.getByTestId('project-items').click();
    await page.getByTestId('item-counts').filter({ hasText: '6 of 6 items' }).waitFor();

    await page.getByLabel('Labels disagree').check();
    await page.getByTestId('item-counts').filter({ hasText: '1 of 6 items' }).waitFor();
    await expect(page.locator('tbody tr').first().getAttribute('data-item')).resolves.toBe('it-1');
    await page.getByLabel('Labels disagree').uncheck();
    await page.getByTestId('item-search').fill('咖啡');
    // "1 of 6" is also what the disagreement filter showed: wait for the search's own row.
    await page.locator('tbody tr[data-item="it-5"]').waitFor();
    await page.getByTestId('item-counts').filter({ hasText: '1 of 6 items' }).waitFor();
    await page.getByTestId('item-search').fill('');
    await page.getByTestId('item-counts').filter({ hasText: '6 of 6 items' }).waitFor();
    await screenshot(page, 'items-list');

    // Delete unlabelled on it-0 (labelled, kept) and it-2 (deleted).
    await page.getByRole('checkbox', { name: 'it-0' }).check();
    await page.getByRole('checkbox', { name: 'it-2' }).check();
    await page.getByTestId('bulk-delete_unlabelled').click();
    await page.getByTestId('item-counts').filter({ hasText: '5 of 5 items' }).waitFor();

    await page.getByRole('checkbox', { name: 'it-0' }).check();
    await page.getByTestId('bulk-delete').click();
    await expect(page.getByTestId('confirm-delete').innerText()).resolves.toContain(
      '1 of the chosen items have 2 labels',
    );
    await screenshot(page, 'items-confirm-delete');
    await page.getByTestId('confirm-delete-button').click();
    await page.getByTestId('item-counts').filter({ hasText: '4 of 4 items' }).waitFor();

    const { auditLog } = await graphql<{
      auditLog: { entries: { action: string; details: { externalId: string } }[] };
    }>(server.url, '{ auditLog(entityType: "item") { entries { action details } } }', {}, lead);
    expect(
      auditLog.entries
        .filter((entry) => entry.action.startsWith('item.delete'))
        .map((entry) => [entry.action, entry.details.externalId]),
    ).toEqual([
      ['item.delete', 'it-0'],
      ['item.delete_unlabelled', 'it-2'],
    ]);
    await context.close();
  }, 120_000);

  it("creates a project in the product's own words: slug from the name, scale only for rating, gold rate explained", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/projects/create`);
    await page.getByText('New project').first().waitFor();
    await page.getByLabel(/^name/i).fill('Pédiatrie urgences');
    await expect(page.getByLabel(/^slug/i).inputValue()).resolves.toBe('pediatrie-urgences');
    await expect(page.getByLabel('Scale min').count()).resolves.toBe(0);
    await page.getByText('one task in ten').waitFor();
    await page.getByLabel(/^task kind/i).click();
    await page.getByRole('option', { name: 'Rating (Likert scale)' }).click();
    await page.getByLabel('Scale min').waitFor();
    await screenshot(page, 'project-create-form');
    await page.getByRole('button', { name: /save/i }).click();
    await page.getByText('Project "Pédiatrie urgences" created').waitFor();
    await page.waitForURL(/#\/projects\/[^/]+\/show/);
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/Element created|Create Projects/);
    await context.close();
  }, 90_000);
});
