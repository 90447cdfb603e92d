import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

// The spec writes a run's attempts into the server's database: it needs one it can reach (DATABASE_URL, not an
// external E2E_BASE_URL server or the embedded PostgreSQL of the server process).
const reachableDatabase = !!process.env.DATABASE_URL && !process.env.E2E_BASE_URL;
if (!reachableDatabase)
  console.warn('SKIPPING the attempts table browser test: it needs DATABASE_URL and no E2E_BASE_URL');
const describeIfChromium = chromiumAvailable() && reachableDatabase ? describe : describe.skip;

/**
 * A run on its second attempt, as the agents leave it after node-a was lost: two attempt rows and a loss curve per
 * attempt. Written straight to the database (the agents' own tests cover how it gets there).
 */
async function runWithTwoAttempts(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const config = { kind: 'reward_model', gpus: 0, nodes: 1, options: { epochs: 2 } };
    const { rows } = await client.query(
      `INSERT INTO training_runs (kind, status, config, attempts, max_attempts, node_name, claimed_at, started_at, heartbeat_at, heartbeat_seconds, lease_seconds, heartbeat_deadline)
       VALUES ('reward_model', 'running', $1, 2, 3, 'node-b', now() - interval '1 minute', now() - interval '1 minute', now(), 1, 4, now() + interval '4 seconds') RETURNING id`,
      [JSON.stringify(config)],
    );
    const runId: string = rows[0].id;
    await client.query(
      `INSERT INTO training_attempts (run_id, attempt, node_name, heartbeat_seconds, lease_seconds, claimed_at, started_at, ended_at, last_heartbeat, outcome, error) VALUES
         ($1, 1, 'node-a', 1, 4, now() - interval '3 minutes', now() - interval '3 minutes', now() - interval '70 seconds', now() - interval '75 seconds', 'lost',
          'node node-a stopped heartbeating (last heartbeat 75 s ago, attempt 1 of 3)'),
         ($1, 2, 'node-b', 1, 4, now() - interval '1 minute', now() - interval '1 minute', NULL, now(), NULL, NULL)`,
      [runId],
    );
    const curve = (attempt: number, steps: number) =>
      Array.from({ length: steps }, (_, index) => [attempt, index + 1, 0.7 - 0.01 * index * attempt]);
    const points = [...curve(1, 30), ...curve(2, 12)];
    await client.query(
      `INSERT INTO training_metrics (run_id, attempt, step, name, value) SELECT $1, a, s, 'loss', v FROM unnest($2::int[], $3::int[], $4::float8[]) AS t(a, s, v)`,
      [runId, points.map((point) => point[0]), points.map((point) => point[1]), points.map((point) => point[2])],
    );
    return runId;
  } finally {
    await client.end();
  }
}

describeIfChromium('the attempts of a run on the Runs page', () => {
  let server: TestServer;
  let browser: Browser;
  let runId: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    runId = await runWithTwoAttempts(server.databaseUrl!);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('lists every attempt with its node and outcome, and greys the earlier attempt in the chart', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, server.url, 'ml');
    await page.goto(`${server.url}/#/training-runs`);
    await page.locator(`[data-run-id="${runId}"]`).click();
    const table = page.getByRole('table', { name: 'Attempts' });
    await table.waitFor({ timeout: 15_000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^1\s+node-a\s+every 1 s, lease 4 s[\s\S]*Lost\s+node node-a stopped heartbeating/);
    expect(rows[1]).toMatch(/^2\s+node-b\s+every 1 s, lease 4 s[\s\S]*Running/);
    await page.getByText('loss · attempt 1').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'runs-attempts');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
