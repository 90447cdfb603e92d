import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scorePredictions } from '@clinrank/eval-metrics';
import { wilsonInterval } from '@clinrank/statistics';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startAgent, trainingPrerequisites, type AgentProcess } from '../../../test-support/training-helpers.js';
import { graphql, login, submitLabel } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { buildAll, startServer, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;
const worker = trainingPrerequisites();

type Model = 'm-good' | 'm-mid' | 'm-bad';

/**
 * Five items answered by three models. m-good repeats the reference, m-mid gives part of it, m-bad something else;
 * c5 has no reference (its three answers cannot be scored). Clinicians compared m-good with m-bad on c1..c4
 * (win, win, tie, loss) and m-mid with m-bad on c1 (win).
 */
const CAMPAIGN: Array<{
  id: string;
  language: string;
  reference: string | null;
  answers: Record<Model, string>;
  labels: Array<[Model, Model, 'a' | 'b' | 'tie']>;
}> = [
  {
    id: 'c1',
    language: 'en',
    reference: 'take one aspirin tablet daily with food',
    answers: {
      'm-good': 'take one aspirin tablet daily with food',
      'm-mid': 'take one aspirin tablet',
      'm-bad': 'rest',
    },
    labels: [
      ['m-good', 'm-bad', 'a'],
      ['m-mid', 'm-bad', 'a'],
    ],
  },
  {
    id: 'c2',
    language: 'en',
    reference: 'drink water and rest at home',
    answers: { 'm-good': 'drink water and rest at home', 'm-mid': 'drink water', 'm-bad': 'see a doctor' },
    labels: [['m-bad', 'm-good', 'b']],
  },
  {
    id: 'c3',
    language: 'ar',
    reference: 'اشرب الماء كثيرا',
    answers: { 'm-good': 'اشرب الماء كثيرا', 'm-mid': 'اشرب الماء', 'm-bad': 'نم' },
    labels: [['m-good', 'm-bad', 'tie']],
  },
  {
    id: 'c4',
    language: 'ar',
    reference: 'خذ قرصا واحدا يوميا',
    answers: { 'm-good': 'خذ قرصا واحدا يوميا', 'm-mid': 'خذ قرصا', 'm-bad': 'لا شيء' },
    labels: [['m-good', 'm-bad', 'b']],
  },
  {
    id: 'c5',
    language: 'en',
    reference: null,
    answers: { 'm-good': 'see your pharmacist', 'm-mid': 'ask a pharmacist', 'm-bad': 'nothing' },
    labels: [],
  },
];
const MODELS: Model[] = ['m-bad', 'm-good', 'm-mid'];

/** Four synthetic answers, two per generator, and two validators' verdicts keyed by answer text. */
const SYNTHETIC = ['s1', 's2', 's3', 's4'].map((id, i) => ({
  id,
  text: `Synthetic answer ${id}`,
  generator: i < 2 ? 'gen-a' : 'gen-b',
}));
const VERDICTS: Record<string, Record<string, object>> = {
  clinician1: {
    s1: { verdict: 'accept' },
    s2: { verdict: 'reject', reasons: ['hallucination'] },
    s3: { verdict: 'accept' },
    s4: { verdict: 'fix', fixedText: 'Corrected answer' },
  },
  clinician2: {
    s1: { verdict: 'accept' },
    s2: { verdict: 'reject', reasons: ['hallucination', 'unsafe'] },
    s3: { verdict: 'reject', reasons: ['hallucination'] },
    s4: { verdict: 'fix', fixedText: 'Corrected too' },
  },
};

function campaignLines() {
  return CAMPAIGN.map((item) => ({
    id: item.id,
    language: item.language,
    specialty: 'pharmacology',
    prompt: `Question ${item.id}`,
    ...(item.reference ? { reference: item.reference } : {}),
    responses: MODELS.map((model) => ({ id: model, text: item.answers[model], model })),
    annotations: item.labels.map(([a, b, choice]) => ({
      annotator: 'dr-e2e',
      kind: 'pairwise',
      a,
      b,
      criterion: 'overall',
      choice,
    })),
  }));
}

/** Each validator takes tasks from the queue and submits the verdict meant for that answer. */
async function labelValidation(url: string, projectId: string): Promise<void> {
  for (const [validator, verdicts] of Object.entries(VERDICTS)) {
    const token = await login(url, validator);
    for (;;) {
      const { nextTask } = await graphql<{ nextTask: { taskId: string; responses: { text: string }[] } | null }>(
        url,
        'query($p: ID) { nextTask(projectId: $p) { taskId responses { text } } }',
        { p: projectId },
        token,
      );
      if (!nextTask) break;
      const item = SYNTHETIC.find((candidate) => candidate.text === nextTask.responses[0].text)!;
      await submitLabel(url, token, nextTask.taskId, verdicts[item.id]);
    }
  }
}

/** What @clinrank/eval-metrics gives for one model's answers with references, optionally of one language. */
function expectedMetrics(model: Model, language?: string) {
  const items = CAMPAIGN.filter((item) => item.reference && (!language || item.language === language));
  return scorePredictions(
    items.map((item) => ({
      id: item.id,
      language: item.language,
      prediction: item.answers[model],
      references: [item.reference!],
    })),
  );
}

const pct = (value: number) => (value * 100).toFixed(1);
const withInterval = (successes: number, trials: number) => {
  const { low, high } = wilsonInterval(successes, trials);
  return `${pct(successes / trials)} [${pct(low)}, ${pct(high)}]`;
};

/** The text of each body row's cells. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => (cell as HTMLElement).innerText.trim())),
    );
}

/** Picks an option of the MUI select whose label starts with `label` (its accessible name is the label and the value). */
async function choose(
  page: Page,
  label: string,
  option: string | RegExp,
  within: Page | Locator = page,
): Promise<void> {
  await within.getByRole('combobox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describeIfChromium('Evaluations page', () => {
  let server: TestServer;
  let browser: Browser;
  let work: string;
  let agent: AgentProcess | null = null;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'clinrank-eval-e2e-'));
    buildAll();
    server = await startServer({ ARTIFACT_DIR: join(work, 'artifacts') });
    browser = await launchChromium();
    const lead = await login(server.url, 'lead');
    await createProject(
      server.url,
      lead,
      {
        slug: 'e2e-campaign',
        name: 'E2E campaign',
        kind: 'pairwise',
        criteria: ['accuracy'],
        overlap: 1,
        languages: ['en', 'ar'],
        allowTies: true,
      },
      campaignLines(),
    );
    const validationId = await createProject(
      server.url,
      lead,
      { slug: 'e2e-validation', name: 'E2E validation', kind: 'validation', overlap: 2, languages: ['en'] },
      SYNTHETIC.map((item) => ({
        id: item.id,
        language: 'en',
        prompt: `Question ${item.id}`,
        responses: [{ id: 'answer', text: item.text, source: 'synthetic', generator: item.generator }],
      })),
    );
    await labelValidation(server.url, validationId);
  }, 300_000);

  afterAll(async () => {
    if (agent && agent.child.exitCode === null) agent.child.kill('SIGKILL');
    await browser?.close();
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  /** A fresh context signed in as `username` on the Evaluations page, collecting page errors. */
  async function openEvaluations(username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    // Reduced motion: charts draw at once, so screenshots show the final bars.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server.url, username);
    await page.goto(`${server.url}/#/evaluations`);
    return { context, page, errors };
  }

  it('shows win/tie/lose with Wilson intervals against a baseline, and broken down by language', async () => {
    const { context, page, errors } = await openEvaluations('lead');
    await choose(page, 'Project', 'E2E campaign');
    await choose(page, 'Baseline (empty: every pair)', 'm-bad');
    const panel = page.getByTestId('win-tie-lose-panel');
    const table = panel.getByRole('table');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="win-tie-lose-panel"] tbody tr').length === 2 &&
        !document.querySelector('.MuiLinearProgress-root'),
    );
    // m-good vs m-bad: win, win, tie, loss; m-mid vs m-bad: one win.
    expect(await tableRows(table)).toEqual([
      ['m-good vs m-bad', withInterval(2, 4), withInterval(1, 4), withInterval(1, 4), '4', expect.any(String)],
      ['m-mid vs m-bad', withInterval(1, 1), withInterval(0, 1), withInterval(0, 1), '1', expect.any(String)],
    ]);
    await screenshot(page, 'evaluations-campaign');

    await choose(page, 'Break down by', 'Language');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="win-tie-lose-panel"] thead th').length === 7 &&
        !document.querySelector('.MuiLinearProgress-root'),
    );
    const grouped = (await tableRows(table))
      .filter((row) => row[1] === 'm-good vs m-bad')
      .map((row) => [row[0], row[2], row[5]]);
    // en: c1, c2 won; ar: c3 tie, c4 lost.
    expect(grouped).toEqual([
      ['All', withInterval(2, 4), '4'],
      ['ar', withInterval(0, 2), '2'],
      ['en', withInterval(2, 2), '2'],
    ]);
    await panel.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-win-tie-lose-by-language.png'),
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the automatic metrics that @clinrank/eval-metrics computes, for all languages and for Arabic', async () => {
    const { context, page, errors } = await openEvaluations('lead');
    await choose(page, 'Project', 'E2E campaign');
    const panel = page.getByTestId('model-metrics-panel');
    await panel.getByRole('table').waitFor();
    const expectRows = async (language?: string) => {
      const expected = MODELS.map((model) => {
        const scores = expectedMetrics(model, language);
        return [
          model,
          String(scores.items.length),
          ...[
            scores.bleu1,
            scores.bleu2,
            scores.bleu3,
            scores.bleu4,
            scores.gleu,
            scores.rouge1,
            scores.rouge2,
            scores.rougeL,
            scores.sentenceBleu4,
          ].map(pct),
        ];
      });
      expect(await tableRows(panel.getByRole('table'))).toEqual(expected);
    };
    await expectRows();
    await expect(panel.innerText()).resolves.toContain('3 answers to items without a reference are not scored.');
    await panel.screenshot({ path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-metrics.png') });

    await choose(page, 'Language', 'ar');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="model-metrics-panel"] tbody td:nth-child(2)')?.textContent === '2' &&
        !document.querySelector('[data-testid="model-metrics-panel"]')!.textContent!.includes('without a reference'),
    );
    await expectRows('ar');
    // The Arabic subset really differs from the whole project for the partial answers.
    expect(pct(expectedMetrics('m-mid', 'ar').bleu1)).not.toBe(pct(expectedMetrics('m-mid').bleu1));
    await panel.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-metrics-ar.png'),
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("shows a validation project's acceptance per generator, reasons and validator agreement", async () => {
    const { context, page, errors } = await openEvaluations('lead');
    await choose(page, 'Project', /E2E validation/);
    const panel = page.getByTestId('validation-report-panel');
    await panel.getByRole('table').waitFor();
    expect(await page.getByTestId('win-tie-lose-panel').count()).toBe(0);
    // gen-a: s1 accepted twice, s2 rejected twice; gen-b: s3 accept/reject, s4 fixed twice. gen-a's validators agree (α = 1).
    expect(await tableRows(panel.getByRole('table'))).toEqual([
      ['gen-a', '4', withInterval(2, 4), '50.0', '2', '0', '2', 'hallucination (2); Unsafe advice (1)', '1.000'],
      ['gen-b', '4', withInterval(3, 4), '25.0', '1', '2', '1', 'hallucination (1)', expect.any(String)],
    ]);
    // Overall nominal α over 4 candidates × 2 verdicts = 2/3 (see apps/api/test/evaluation/validation.int-spec.ts).
    await expect(panel.innerText()).resolves.toMatch(
      /8 labels\. Agreement between validators .*4 candidates.*: 0\.667/,
    );
    await screenshot(page, 'evaluations-validation');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('lets an ML engineer queue BERTScore, shows coded errors and the queued run, then the results of a real worker', async () => {
    const { context, page, errors } = await openEvaluations('ml');
    await choose(page, 'Project', 'E2E campaign');
    const panel = page.getByTestId('bertscore-panel');
    await panel.getByText('No finished BERTScore run for this project yet.').waitFor();

    await panel.getByLabel('Layer').fill('999');
    await panel.getByRole('button', { name: 'Run BERTScore' }).click();
    await panel.getByText(/BAD_USER_INPUT/).waitFor();
    expect(await panel.getByRole('alert').filter({ hasText: 'BAD_USER_INPUT' }).innerText()).toMatch(/layer/);
    await panel.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-bertscore-error.png'),
    });

    await panel.getByLabel('Encoder checkpoint path on the worker node').fill('/models/encoder');
    await expect(panel.getByLabel('GPUs').inputValue()).resolves.toBe('1');
    await panel.getByLabel('Encoder checkpoint path on the worker node').fill('');
    await expect(panel.getByLabel('GPUs').inputValue()).resolves.toBe('0');
    await panel.getByLabel('Layer').fill('');
    await panel.getByRole('button', { name: 'Run BERTScore' }).click();
    await panel.getByTestId('bertscore-run-status').filter({ hasText: 'queued' }).waitFor();
    await panel.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-bertscore-queued.png'),
    });

    if (!worker.ok || !server.databaseUrl) {
      console.warn(
        `SKIPPING the BERTScore worker part: ${worker.ok ? 'the server runs on embedded PostgreSQL' : worker.reason}`,
      );
    } else {
      agent = startAgent(server.databaseUrl, join(work, 'artifacts'), [
        '--max-jobs',
        '1',
        '--gpus',
        'none',
        '--name',
        'e2e-node',
        '--work-dir',
        join(work, 'node'),
        '--heartbeat-seconds',
        '1',
        '--poll-seconds',
        '1',
        '--exit-after',
        '1',
      ]);
      // The panel polls while the run is active and reloads the results when it ends.
      await panel.getByRole('table').waitFor({ timeout: 120_000 });
      const rows = await tableRows(panel.getByRole('table'));
      expect(rows.map((row) => [row[0], row[4]])).toEqual([
        ['m-bad', '4'],
        ['m-good', '4'],
        ['m-mid', '4'],
      ]);
      // m-good repeats every reference: precision, recall and F1 are 1 with any encoder.
      expect(rows[1].slice(1, 4)).toEqual(['100.0', '100.0', '100.0']);
      expect(Number(rows[0][3])).toBeLessThan(99);
      await expect(panel.innerText()).resolves.toMatch(/Encoder builtin, layer \d+, finished/);
      expect(await panel.getByTestId('bertscore-run-status').count()).toBe(0);
      expect(await agent.exited).toBe(0);
      await panel.screenshot({
        path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-bertscore-results.png'),
      });
      // The run breaks its results down by language: Arabic has two answers per model.
      await choose(page, 'Language', 'ar', panel);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="bertscore-panel"] tbody td:nth-child(5)')?.textContent === '2',
      );
      const arabic = await tableRows(panel.getByRole('table'));
      expect(arabic.map((row) => [row[0], row[4]])).toEqual([
        ['m-bad', '2'],
        ['m-good', '2'],
        ['m-mid', '2'],
      ]);
      expect(arabic[1].slice(1, 4)).toEqual(['100.0', '100.0', '100.0']);
      await expect(panel.getByRole('button', { name: 'CSV' }).count()).resolves.toBe(1);
    }
    await screenshot(page, 'evaluations-bertscore');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('lets a lead set the campaign plan (each model against a baseline, active selection), and shows it read-only to ML engineers', async () => {
    const lead = await openEvaluations('lead');
    await choose(lead.page, 'Project', 'E2E campaign');
    const panel = lead.page.getByTestId('campaign-plan-panel');
    await panel.getByText('No plan yet').waitFor();
    await expect(panel.innerText()).resolves.toContain('3 models: m-bad, m-good, m-mid');
    await choose(lead.page, 'Pairs shown to clinicians', 'Each model against a baseline', panel);
    await choose(lead.page, 'Baseline', 'm-bad', panel);
    await choose(
      lead.page,
      'How the next pair is chosen',
      'Active: overlapping intervals, top of the leaderboard first',
      panel,
    );
    await panel.getByRole('button', { name: 'Save the plan' }).click();
    await panel.getByText('Saved: new tasks follow this plan.').waitFor();
    await panel.screenshot({
      path: join(process.cwd(), 'test-artifacts', 'screenshots', 'evaluations-campaign-plan.png'),
    });
    const token = await login(server.url, 'lead');
    const { projects } = await graphql<{ projects: { id: string; slug: string }[] }>(
      server.url,
      '{ projects { id slug } }',
      {},
      token,
    );
    const projectId = projects.find((project) => project.slug === 'e2e-campaign')!.id;
    const { campaignPlan } = await graphql<{ campaignPlan: { strategy: string; baseline: string; selection: string } }>(
      server.url,
      'query($p: ID!) { campaignPlan(projectId: $p) { strategy baseline selection } }',
      { p: projectId },
      token,
    );
    expect(campaignPlan).toEqual({ strategy: 'BASELINE', baseline: 'm-bad', selection: 'ACTIVE' });
    expect(lead.errors).toEqual([]);
    await lead.context.close();

    const engineer = await openEvaluations('ml');
    await choose(engineer.page, 'Project', 'E2E campaign');
    const readOnly = engineer.page.getByTestId('campaign-plan-panel');
    await readOnly.getByText('m-bad', { exact: true }).waitFor();
    expect(await readOnly.getByRole('button', { name: 'Save the plan' }).count()).toBe(0);
    await engineer.context.close();
  }, 90_000);

  it('is not for annotators', async () => {
    const { context, page } = await openEvaluations('clinician1');
    await page.getByText('The Evaluations page is for leads, admins and ML engineers.').waitFor();
    await context.close();
  }, 60_000);
});
