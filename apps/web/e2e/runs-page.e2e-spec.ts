import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { graphql, login } from './support/api.js';
import { createLabelledPairwiseProject } from './support/fixtures.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { buildAll, startServer, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const needsDatabase = !!process.env.DATABASE_URL;
if (!needsDatabase)
  console.warn(
    '\n!! DATABASE_URL is unset: the Runs page browser test is SKIPPED (it writes a run as an agent would)\n',
  );
const describeIfReady = chromiumAvailable() && needsDatabase ? describe : describe.skip;

/** A long command line, as an agent logs it: it must wrap inside the log box, not widen the page. */
const COMMAND_LINE = `agent: exec /usr/bin/python3 -m clinrank_trainer ppo --prompts /var/lib/clinrank/worker/node-a/run/data/train.jsonl ${'--reward-model /var/lib/clinrank/worker/node-a/run/reward-model/attempt-1/artifacts/model '.repeat(20)}--adaptive-kl --target-kl 3 --kl-coef 0.005 --steps 200`;

/** What the trainer reports for a PPO run: 12 warm-up epochs, then 200 steps whose β rises and whose KL settles. */
function ppoMetrics(): Array<[number, string, number]> {
  const rows: Array<[number, string, number]> = [];
  for (let epoch = 1; epoch <= 12; epoch++) rows.push([epoch, 'sft_loss', 7.7 * Math.exp(-epoch / 6)]);
  for (let step = 1; step <= 200; step++) {
    const beta = 0.005 * Math.exp(Math.min(step, 120) / 40);
    const kl = 3 + 2.5 * Math.exp(-step / 50) * Math.sin(step / 9);
    rows.push(
      [step, 'objective/kl', kl],
      [step, 'objective/kl_coef', beta],
      [step, 'objective/scores', 0.4 * (1 - Math.exp(-step / 60))],
      [step, 'objective/rlhf_reward', 0.4 * (1 - Math.exp(-step / 60)) - beta * kl],
      [step, 'policy/clipfrac_avg', 0.1],
    );
  }
  return rows;
}

async function insertRun(
  client: pg.Client,
  kind: string,
  options: object,
  metrics: Array<[number, string, number]>,
  logLines: string[],
  summary: object | null = null,
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO training_runs (kind, status, config, attempts, node_name, started_at, summary) VALUES ($1, 'running', $2, 1, 'node-a', now(), $3) RETURNING id`,
    [kind, JSON.stringify({ kind, gpus: 0, nodes: 1, options }), summary === null ? null : JSON.stringify(summary)],
  );
  const id = rows[0]!.id;
  for (const [step, name, value] of metrics)
    await client.query('INSERT INTO training_metrics (run_id, attempt, step, name, value) VALUES ($1, 1, $2, $3, $4)', [
      id,
      step,
      name,
      value,
    ]);
  for (const line of logLines)
    await client.query(`INSERT INTO training_logs (run_id, attempt, stream, line) VALUES ($1, 1, 'agent', $2)`, [
      id,
      line,
    ]);
  return id;
}

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    innerWidth: window.innerWidth,
  }));
}

describeIfReady('Runs page', () => {
  let server: TestServer;
  let browser: Browser;
  let client: pg.Client;
  let ppoRun: string;
  let singlePointRun: string;

  beforeAll(async () => {
    buildAll();
    server = await startServer();
    client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    ppoRun = await insertRun(
      client,
      'ppo',
      { adaptiveKl: true, targetKl: 3, klCoef: 0.005, steps: 200 },
      ppoMetrics(),
      [COMMAND_LINE, 'KL control: adaptive, target 3 (band 1.5-4.5)'],
    );
    // what metrics.json of a reward model holds (libs/trainer reward_trainer.py), as the agent stores it in summary
    const rewardSummary = {
      best_epoch: 12,
      epochs_run: 24,
      best_eval_loss: 0.6176,
      eval_accuracy: 0.6894,
      eval_accuracy_ci_low: 0.5812,
      eval_accuracy_ci_high: 0.7903,
      eval_prompts: 16,
    };
    singlePointRun = await insertRun(
      client,
      'reward_model',
      { epochs: 1 },
      [
        [700, 'loss', 0.69],
        [700, 'accuracy', 0.5],
      ],
      ['one step'],
      rewardSummary,
    );
    const projectId = await createLabelledPairwiseProject(
      server.url,
      await login(server.url, 'lead'),
      'runs-page',
      'Runs page',
    );
    const ml = await login(server.url, 'ml');
    const request = { format: 'trl', policy: 'per-annotator', split: '0.5,0.5,0', seed: 'runs-page' };
    const exported = await graphql<{
      requestExport: { manifest: { counts: { splits: { train: { items: number }; validation: { items: number } } } } };
    }>(
      server.url,
      'mutation($input: ExportRequestInput!) { requestExport(input: $input) { manifest } }',
      { input: { projectId, name: 'few-validation', request } },
      ml,
    );
    const { splits } = exported.requestExport.manifest.counts;
    // trainable (both splits hold prompts), yet under the 20 validation prompts the run form warns about
    expect(splits.train.items).toBeGreaterThan(0);
    expect(splits.validation.items).toBeGreaterThan(0);
    expect(splits.validation.items).toBeLessThan(20);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await client?.end();
    await server?.stop();
  }, 60_000);

  it('shows a selected PPO run at 1400×900 without widening the page: KL band, β, reward and warm-up charts', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-runs`);
    await page.locator(`[data-run-id="${ppoRun}"]`).click();
    await page.getByText('Adaptive KL: target 3, band 1.5–4.5').waitFor({ timeout: 20_000 });
    for (const title of ['Supervised warm-up (loss per epoch)', 'Normalised reward', 'KL coefficient β'])
      await page.getByText(title).waitFor();
    await page.getByText(/KL to the reference policy/).waitFor();
    await page.getByText(COMMAND_LINE.slice(0, 60)).waitFor();
    const overflow = await horizontalOverflow(page);
    await screenshot(page, 'runs-page-ppo-selected');
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const note = await page.getByTestId('kl-control').innerText();
    expect(note).toMatch(/β 0\.00513 → 0\.1\b/);
    const chartText = await page.locator('svg').allTextContents();
    expect(chartText.join(' ')).toMatch(/band high/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('labels a single-step chart with a whole step number and names the kept epoch with its accuracy interval', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-runs`);
    await page.locator(`[data-run-id="${singlePointRun}"]`).click();
    await page.getByText('Loss and accuracy').waitFor({ timeout: 20_000 });
    const ticks = (await page.locator('.MuiChartsAxis-directionX .MuiChartsAxis-tickLabel').allTextContents()).join(
      ' ',
    );
    expect(ticks).toMatch(/\b700\b/);
    expect(ticks).not.toMatch(/\d\.\d{4,}/);
    expect(await page.getByTestId('kept-epoch').innerText()).toBe(
      'Kept epoch 12 of 24 (lowest eval loss 0.618); held-out accuracy 0.689, 95% interval 0.581–0.790 over 16 prompts',
    );
    await context.close();
  }, 60_000);

  it('warns in the run form when the snapshot has fewer than 20 validation prompts', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-runs`);
    await page.getByRole('combobox', { name: 'Dataset snapshot' }).click();
    await page.getByRole('option').filter({ hasText: 'few-validation' }).click();
    const warning = page.getByTestId('few-validation-prompts');
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.innerText()).toMatch(/only \d+ prompts \(fewer than 20\)/);
    await screenshot(page, 'runs-page-few-validation-prompts');
    await context.close();
  }, 60_000);
});
