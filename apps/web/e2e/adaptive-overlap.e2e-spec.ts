import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { graphql, login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/**
 * Twelve items, ten of them gold. dr-steady and dr-careful always give the gold answer; dr-hasty gives it on every
 * third item only, so the reliability model ranks dr-hasty last.
 */
async function labelledProject(url: string, lead: string): Promise<string> {
  const lines = Array.from({ length: 12 }, (_, i) => {
    const truth = i % 2 ? 'b' : 'a';
    const wrong = truth === 'a' ? 'b' : 'a';
    return {
      id: `adaptive-${i}`,
      language: 'en',
      specialty: 'cardiology',
      prompt: `Question ${i}`,
      responses: [
        { id: 'r1', text: `Answer one ${i}` },
        { id: 'r2', text: `Answer two ${i}` },
      ],
      ...(i < 10 ? { gold: { criterion: 'overall', preferred: truth === 'a' ? 'r1' : 'r2' } } : {}),
      annotations: [
        ['dr-steady', truth],
        ['dr-careful', truth],
        ['dr-hasty', i % 3 === 0 ? truth : wrong],
      ].map(([annotator, choice]) => ({ annotator, kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice })),
    };
  });
  const input = {
    slug: `adaptive-${Date.now().toString(36)}`,
    name: 'Adaptive triage',
    kind: 'pairwise',
    criteria: ['accuracy'],
    overlap: 2,
    languages: ['en'],
  };
  const { createProject } = await graphql<{ createProject: { id: string } }>(
    url,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    { input },
    lead,
  );
  await graphql(
    url,
    'mutation($input: ImportItemsInput!) { importItems(input: $input) { imported } }',
    { input: { projectId: createProject.id, content: lines.map((line) => JSON.stringify(line)).join('\n') } },
    lead,
  );
  return createProject.id;
}

/** Scores the project's items as the worker does after a reward-model run (the worker path has its own test). */
async function scoreItems(databaseUrl: string, projectId: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `INSERT INTO training_runs (kind, status, config, project_id) VALUES ('reward_model', 'succeeded', '{}', $1) RETURNING id`,
      [projectId],
    );
    await client.query(
      `INSERT INTO item_uncertainty (item_id, project_id, run_id, score, reward_gap)
       SELECT i.id, i.project_id, $2, -gap, gap
         FROM (SELECT id, project_id, (row_number() OVER (ORDER BY external_id)) * 0.15 AS gap FROM items WHERE project_id = $1) i`,
      [projectId, rows[0].id],
    );
  } finally {
    await client.end();
  }
}

describeIfChromium('adaptive overlap, uncertainty-first queue and annotator reliability', () => {
  let server: TestServer;
  let browser: Browser;
  let lead: string;
  let projectId: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    lead = await login(server.url, 'lead');
    projectId = await labelledProject(server.url, lead);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('lets a lead turn on adaptive overlap and the uncertainty-first queue, and see reliability and uncertainty', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.waitForURL((address) => !address.hash.startsWith('#/login'));
    await page.goto(`${server.url}/#/projects/${projectId}`);
    await page.getByLabel('Adaptive overlap').check();
    await page.getByLabel('At most labels per item').fill('4');
    await page.getByLabel('Confidence to close an item').fill('0.8');
    await page.getByLabel('Uncertainty-first queue').check();
    await screenshot(page, 'adaptive-overlap-form');
    await page.getByRole('button', { name: /save/i }).click();
    await page.waitForURL(/#\/projects\/[^/]+\/show/);
    await page.getByText('2–4 @ 0.8').waitFor();
    const { project } = await graphql<{ project: { overlap: number; adaptiveOverlap: unknown } }>(
      server.url,
      'query($id: String!) { project(id: $id) { overlap adaptiveOverlap { min max confidence } queueOrder } }',
      { id: projectId },
      lead,
    );
    expect(project).toEqual({
      overlap: 2,
      adaptiveOverlap: { min: 2, max: 4, confidence: 0.8 },
      queueOrder: 'uncertainty',
    });
    // Saved: the edit form opens with the switch on.
    await page.goto(`${server.url}/#/projects/${projectId}`);
    await expect(page.getByLabel('Uncertainty-first queue').isChecked()).resolves.toBe(true);
    await scoreItems(server.databaseUrl!, projectId);

    await page.goto(`${server.url}/#/agreement/${projectId}`);
    const table = page.getByTestId('reliability-table');
    await table.waitFor({ timeout: 20_000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    // Least reliable first; every row shows a reliability and the gold accuracy beside it (10 gold answers each).
    expect(rows[0]).toContain('dr-hasty');
    const reliability = rows.map((row) => Number(row.split('\t')[2]));
    expect(reliability[0]).toBeLessThan(reliability[1]);
    for (const row of rows) expect(row).toMatch(/\(n=10\)/);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-reliability');

    const histogram = page.getByTestId('uncertainty-histogram');
    await histogram.waitFor({ timeout: 20_000 });
    const summary = await page.getByTestId('uncertainty-summary').innerText();
    expect(summary).toContain('Queue order: uncertainty-first');
    expect(summary).toContain('12 open items scored');
    expect(await histogram.locator('svg rect').count()).toBeGreaterThan(0);
    await histogram.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-uncertainty');
    await context.close();
  }, 120_000);
});
