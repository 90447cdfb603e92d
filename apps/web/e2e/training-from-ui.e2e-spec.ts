import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { graphql, login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createLabelledPairwiseProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/** A labelled pairwise project and two snapshots of it: one a reward model can train on, one without a validation split. */
async function labelledProjectWithSnapshots(
  url: string,
  lead: string,
  ml: string,
): Promise<{ ready: string; noValidation: string }> {
  const projectId = await createLabelledPairwiseProject(url, lead, 'train-ui', 'Training campaign');
  const exportAs = async (name: string, split: string) =>
    (
      await graphql<{ requestExport: { id: string } }>(
        url,
        'mutation($input: ExportRequestInput!) { requestExport(input: $input) { id } }',
        {
          input: {
            projectId,
            name,
            request: { format: 'trl', policy: 'per-annotator', split, seed: 'ui' },
          },
        },
        ml,
      )
    ).requestExport.id;
  return { ready: await exportAs('rm-ready', '0.5,0.5,0'), noValidation: await exportAs('no-validation', '1,0,0') };
}

describeIfChromium('training from the UI', () => {
  let server: TestServer;
  let browser: Browser;
  let ml: string;
  let snapshots: { ready: string; noValidation: string };

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    ml = await login(server.url, 'ml');
    snapshots = await labelledProjectWithSnapshots(server.url, await login(server.url, 'lead'), ml);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('goes from a snapshot to a queued reward-model run, warning that no worker is online', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/datasets`);
    await page.getByRole('combobox').first().click();
    await page.getByRole('option', { name: 'Training campaign' }).click();
    const row = page.getByRole('row').filter({ hasText: 'rm-ready' });
    await row.getByRole('link', { name: 'Train a reward model on this snapshot' }).click();
    await page.waitForURL((address) => address.hash === `#/training-runs?snapshot=${snapshots.ready}`);
    // The snapshot arrives chosen, by name and project.
    await page
      .getByRole('combobox', { name: 'Dataset snapshot' })
      .filter({ hasText: 'rm-ready · Training campaign' })
      .waitFor({ timeout: 10_000 });
    await page.getByTestId('no-worker-warning').waitFor();
    await screenshot(page, 'training-start-from-snapshot');

    await page.getByRole('button', { name: 'Train reward model' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('No worker node is online').waitFor();
    await screenshot(page, 'training-no-worker-confirm');
    await dialog.getByRole('button', { name: 'Queue anyway' }).click();
    await page.getByRole('row').filter({ hasText: 'Queued' }).first().waitFor();
    const { trainingRuns } = await graphql<{ trainingRuns: { snapshotId: string; status: string }[] }>(
      server.url,
      '{ trainingRuns { snapshotId status } }',
      {},
      ml,
    );
    expect(trainingRuns).toEqual([{ snapshotId: snapshots.ready, status: 'queued' }]);
    await context.close();
  }, 90_000);

  it('lists snapshots by name with split counts, and will not train on one without a validation split', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-runs?snapshot=${snapshots.noValidation}`);
    await page.getByTestId('snapshot-problem').waitFor();
    await expect(page.getByTestId('snapshot-problem').innerText()).resolves.toContain('no validation records');
    await expect(page.getByRole('button', { name: 'Train reward model' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('combobox', { name: 'Dataset snapshot' }).click();
    const options = page.getByRole('option');
    await expect(options.filter({ hasText: 'no-validation' }).getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(options.filter({ hasText: 'rm-ready' }).innerText()).resolves.toMatch(
      /train \d+ · validation \d+ · test 0 records/,
    );
    await screenshot(page, 'training-snapshot-picker');
    await context.close();
  }, 90_000);

  it('shows the exact worker commands on the GPU nodes page', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-nodes`);
    const commands = page.getByTestId('worker-command');
    await commands.first().waitFor();
    const [local, remote] = await commands.allInnerTexts();
    expect(local).toMatch(/npx clinrank worker --gpus all$/);
    expect(remote).toMatch(/^DATABASE_URL=postgres(ql)?:\/\/\S+ npx clinrank worker --gpus all$/);
    await screenshot(page, 'training-nodes-worker-commands');
    await context.close();
  }, 60_000);

  it("builds an export from the project's own values, explains the splits, isolates JSON strings and zips a snapshot", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/datasets`);
    await page.getByRole('combobox').first().click();
    await page.getByRole('option', { name: 'Training campaign' }).click();
    await page.getByRole('combobox', { name: 'Criterion' }).click();
    await expect(page.getByRole('option').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/overall/i), expect.stringMatching(/accuracy/i)]),
    );
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Languages' }).click();
    await expect(page.getByRole('option').allInnerTexts()).resolves.toEqual(['en']);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('split-explained').waitFor();
    await expect(page.getByTestId('preview-json').locator('bdi').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'datasets-preview');
    const row = page.getByRole('row').filter({ hasText: 'rm-ready' });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download-all').click()]);
    expect(download.suggestedFilename()).toBe('rm-ready.zip');
    const { readFileSync } = await import('node:fs');
    const zip = readFileSync((await download.path())!);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.toString('latin1')).toContain('train.jsonl');
    await context.close();
  }, 90_000);
});
