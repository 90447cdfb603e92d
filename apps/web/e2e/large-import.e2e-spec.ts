import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { closeSync, mkdtempSync, openSync, ftruncateSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { graphql, login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { buildAll, startServer, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/** The old ceiling: the web import sent the file inside a GraphQL JSON body, capped by MAX_BODY_BYTES (16 MB). */
const OLD_JSON_LIMIT = 16 * 1024 * 1024;
const MAX_IMPORT_BYTES = 24 * 1024 * 1024;

/** About 17 MB: 1,000 questions, each with two answers of about 8 KB (long LLM answers). */
function bigFile(path: string): number {
  const answer = (i: number, model: string) =>
    `Answer of ${model} to question ${i}. ${'Rest, fluids, and see a doctor if the chest pain comes back on exertion. '.repeat(120)}`;
  const lines = Array.from({ length: 1000 }, (_, i) =>
    JSON.stringify({
      id: `big-${i}`,
      language: 'en',
      specialty: 'cardiology',
      prompt: `Question ${i}: is chest pain on exertion worrying?`,
      responses: [
        { id: 'r1', text: answer(i, 'alpha') },
        { id: 'r2', text: answer(i, 'beta') },
      ],
    }),
  );
  writeFileSync(path, `${lines.join('\n')}\n{"id": "broken"\n`);
  return statSync(path).size;
}

describeIfChromium('importing a large file from the project page', () => {
  let server: TestServer;
  let browser: Browser;
  let lead: string;
  let projectId: string;
  let dir: string;

  beforeAll(async () => {
    if (!process.env.E2E_BASE_URL) buildAll();
    server = await startServer({ MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES) });
    browser = await launchChromium();
    lead = await login(server.url, 'lead');
    const input = {
      slug: `big-import-${Date.now().toString(36)}`,
      name: 'Large import',
      kind: 'pairwise',
      criteria: ['accuracy'],
      languages: ['en'],
    };
    projectId = (
      await graphql<{ createProject: { id: string } }>(
        server.url,
        'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
        { input },
        lead,
      )
    ).createProject.id;
    dir = mkdtempSync(join(tmpdir(), 'clinrank-big-import-'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('states the limit, streams a file over the old JSON limit with progress, and shows the report', async () => {
    const path = join(dir, 'questions.jsonl');
    const size = bigFile(path);
    expect(size).toBeGreaterThan(OLD_JSON_LIMIT);
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/projects/${projectId}/show`);
    await expect(page.getByTestId('import-limit').innerText()).resolves.toContain('Files up to 24 MB');
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-run').click();

    // The server's line count shows while it reads, before the report.
    const lines = page.getByTestId('import-lines');
    await lines.waitFor();
    await expect(page.getByTestId('import-sent').innerText()).resolves.toMatch(/^Sent [\d.]+ MB of 1[6-9](\.\d)? MB$/);
    expect(Number(await lines.getAttribute('data-lines'))).toBeGreaterThan(0);
    expect(await page.getByTestId('import-report').count()).toBe(0);
    await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-progress');

    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 180_000 });
    await expect(report.innerText()).resolves.toContain('Imported 1000, updated 0, unchanged 0, rejected 1');
    await expect(page.locator('[data-testid="import-problem"]').getAttribute('data-line')).resolves.toBe('1001');
    await page.getByTestId('project-items').filter({ hasText: 'Items (1000)' }).waitFor();
    await screenshot(page, 'import-report-large');
  }, 300_000);

  it('refuses a file over the limit before sending it, and shows a server refusal as a readable message', async () => {
    const path = join(dir, 'too-big.jsonl');
    const handle = openSync(path, 'w');
    ftruncateSync(handle, MAX_IMPORT_BYTES + 1024 * 1024);
    closeSync(handle);
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/projects/${projectId}/show`);
    await page.getByTestId('import-limit').waitFor();
    await page.getByTestId('import-file').setInputFiles(path);
    await expect(page.getByTestId('import-too-large').innerText()).resolves.toBe(
      'too-big.jsonl is 25 MB, over the 24 MB import limit: split it into smaller files.',
    );
    await expect(page.getByTestId('import-run').isDisabled()).resolves.toBe(true);
    await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-too-large');

    // A refusal after the check (here: the project was locked meanwhile) reads as the server's sentence, not a status.
    await graphql(
      server.url,
      'mutation($id: ID!) { setProjectLocked(id: $id, locked: true) { id } }',
      { id: projectId },
      lead,
    );
    const small = join(dir, 'small.jsonl');
    writeFileSync(
      small,
      JSON.stringify({
        id: 'late',
        language: 'en',
        prompt: 'q?',
        responses: [
          { id: 'r1', text: 'a' },
          { id: 'r2', text: 'b' },
        ],
      }),
    );
    await page.getByTestId('import-file').setInputFiles(small);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-failure').innerText()).resolves.toMatch(
      /^The import stopped: Project ".*" is locked; unlock it to import$/,
    );
  }, 120_000);
});
