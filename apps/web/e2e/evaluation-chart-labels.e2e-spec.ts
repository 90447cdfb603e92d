import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

// Real checkpoint names share long prefixes: cut at a fixed width, "…-dpo-a vs …" and "…-dpo-b vs …" read the same.
const BASELINE = 'meditron-70b-instruct-2024-06-baseline';
const MODELS = ['meditron-70b-instruct-2024-06-dpo-round-a', 'meditron-70b-instruct-2024-06-dpo-round-b'];

describeIfChromium('the win/tie/lose chart of the Evaluations page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    const lead = await login(server.url, 'lead');
    const input = {
      slug: `chart-labels-${Date.now().toString(36)}`,
      name: 'Chart labels',
      kind: 'pairwise',
      criteria: ['accuracy'],
      overlap: 1,
      languages: ['en'],
      allowTies: true,
    };
    const lines = ['q1', 'q2'].map((id) => ({
      id,
      language: 'en',
      prompt: `Question ${id}`,
      responses: [BASELINE, ...MODELS].map((model) => ({ id: model, text: `${model} answers ${id}`, model })),
      annotations: MODELS.map((model) => ({
        annotator: 'dr-chart',
        kind: 'pairwise',
        a: model,
        b: BASELINE,
        criterion: 'overall',
        choice: 'a',
      })),
    }));
    await createProject(server.url, lead, input, lines);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('draws each comparison label far enough to tell the models apart: no two labels read the same', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/evaluations`);
    await page.getByRole('combobox', { name: /^Project/ }).click();
    await page.getByRole('option', { name: 'Chart labels', exact: true }).click();
    await page.getByRole('combobox', { name: /^Baseline/ }).click();
    await page.getByRole('option', { name: BASELINE, exact: true }).click();
    const panel = page.getByTestId('win-tie-lose-panel');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="win-tie-lose-panel"] tbody tr').length === 2 &&
        !document.querySelector('.MuiLinearProgress-root'),
    );
    const tickLabels = panel.locator('.MuiChartsAxis-directionY .MuiChartsAxis-tickLabel');
    await tickLabels.first().waitFor();
    const drawn = await tickLabels.evaluateAll((labels) => labels.map((label) => label.textContent?.trim() ?? ''));
    await panel.screenshot({
      path: (await screenshot(page, 'evaluations-chart-labels')).replace('.png', '-panel.png'),
    });
    expect(new Set(drawn).size).toBe(drawn.length);
    // Each drawn label is its own comparison's text (whole, or cut with an ellipsis only after the model's name).
    expect(
      drawn
        .sort()
        .map((label, index) => [
          label.startsWith(`${MODELS[index]} vs `),
          `${MODELS[index]} vs ${BASELINE}`.startsWith(label.replace(/…$/, '')),
        ]),
    ).toEqual([
      [true, true],
      [true, true],
    ]);
    await context.close();
  }, 120_000);
});
