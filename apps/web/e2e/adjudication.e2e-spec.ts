import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { graphql, login, projectIds, submitLabel } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

interface StoredLabel {
  annotator: string;
  content: {
    a?: string;
    b?: string;
    judgements?: Record<string, { choice: string }>;
    verdict?: string;
    fixedText?: string | null;
    reasons?: string[];
  };
}
interface Review {
  labels: StoredLabel[];
  adjudication: { content: StoredLabel['content']; rationale: string | null; lead: string } | null;
}
const REVIEW =
  'query($id: ID!) { itemReview(itemId: $id) { labels { annotator content } adjudication { content rationale lead } } }';

/**
 * Leases the clinician's next task in the project that `wanted` accepts, skipping the others, and labels it with the
 * content built from the task. Returns the ids of the answers it showed.
 */
async function labelNext(
  url: string,
  token: string,
  projectId: string,
  content: (responses: { id: string }[]) => object,
  wanted: (responses: { id: string }[]) => boolean = () => true,
): Promise<string[]> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const { nextTask } = await graphql<{ nextTask: { taskId: string; responses: { id: string }[] } | null }>(
      url,
      'query($p: ID) { nextTask(projectId: $p) { taskId responses { id } } }',
      { p: projectId },
      token,
    );
    if (!nextTask) break;
    if (!wanted(nextTask.responses)) {
      await graphql(
        url,
        'mutation($input: SkipTaskInput!) { skipTask(input: $input) }',
        { input: { taskId: nextTask.taskId, reason: 'not the item this test needs' } },
        token,
      );
      continue;
    }
    await submitLabel(url, token, nextTask.taskId, content(nextTask.responses));
    return nextTask.responses.map((response) => response.id);
  }
  throw new Error('the queue offered no task this test can use');
}

/** The answer ids of the project's items that have exactly two answers (a task shows a pair of any item's answers). */
async function answersOfTwoAnswerItems(url: string, leadToken: string, projectId: string): Promise<Set<string>> {
  const { items } = await graphql<{ items: { rows: { id: string }[] } }>(
    url,
    'query($p: ID!) { items(projectId: $p, limit: 200) { rows { id } } }',
    { p: projectId },
    leadToken,
  );
  const answers = new Set<string>();
  for (const { id } of items.rows) {
    const { itemReview } = await graphql<{ itemReview: { responses: { id: string }[] } }>(
      url,
      'query($id: ID!) { itemReview(itemId: $id) { responses { id } } }',
      { id },
      leadToken,
    );
    if (itemReview.responses.length === 2) for (const response of itemReview.responses) answers.add(response.id);
  }
  return answers;
}

/** Accepts exactly the answers `ids`, in any order. */
const sameAnswers = (ids: string[]) => (responses: { id: string }[]) =>
  responses.length === ids.length && responses.every((response) => ids.includes(response.id));

/** The first item of the project that two or more clinicians labelled. */
async function disputedItem(url: string, leadToken: string, projectId: string): Promise<string> {
  const { disagreements } = await graphql<{ disagreements: { rows: { itemId: string; labels: number }[] } }>(
    url,
    'query($p: ID!) { disagreements(projectId: $p) { rows { itemId labels } } }',
    { p: projectId },
    leadToken,
  );
  const row = disagreements.rows.find((candidate) => candidate.labels >= 2);
  if (!row) throw new Error(`no item with two labels in ${JSON.stringify(disagreements.rows)}`);
  return row.itemId;
}

/** How many of the project's disagreements on 'overall' still wait for a ruling. */
async function openDisagreements(url: string, leadToken: string, projectId: string): Promise<number> {
  const { disagreements } = await graphql<{ disagreements: { rows: { adjudicated: boolean }[] } }>(
    url,
    'query($p: ID!) { disagreements(projectId: $p, criterion: "overall", limit: 200, offset: 0) { rows { adjudicated } } }',
    { p: projectId },
    leadToken,
  );
  return disagreements.rows.filter((row) => !row.adjudicated).length;
}

describeIfChromium('adjudication in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let projects: Record<string, string>;
  let leadToken: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    leadToken = await login(server.url, 'lead');
    projects = await projectIds(server.url, leadToken);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  async function leadPage(itemId: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 1000 } })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/review/${itemId}`);
    await page.getByTestId('adjudication').waitFor();
    return page;
  }

  it("lets a lead settle a pairwise disagreement with the clinicians' form, starting from one clinician's label", async () => {
    // Sides are shuffled per clinician: prefer by response id so that the two really disagree.
    const preferring = (lowerId: boolean) => (responses: { id: string }[]) => {
      const choice = responses[0].id < responses[1].id === lowerId ? 'a' : 'b';
      return {
        judgements: Object.fromEntries(
          ['accuracy', 'helpfulness', 'safety', 'overall'].map((criterion) => [criterion, { choice }]),
        ),
      };
    };
    // On items with three or more answers the queue shows each clinician its least-judged pair, so the two could
    // compare different pairs: take an item with exactly two answers, and make clinician2 label that same pair.
    const twoAnswerItems = await answersOfTwoAnswerItems(server.url, leadToken, projects['demo-triage']);
    const pair = await labelNext(
      server.url,
      await login(server.url, 'clinician1'),
      projects['demo-triage'],
      preferring(true),
      (responses) => responses.every((response) => twoAnswerItems.has(response.id)),
    );
    await labelNext(
      server.url,
      await login(server.url, 'clinician2'),
      projects['demo-triage'],
      preferring(false),
      sameAnswers(pair),
    );
    const itemId = await disputedItem(server.url, leadToken, projects['demo-triage']);
    const page = await leadPage(itemId);

    await page.getByRole('button', { name: 'clinician2' }).click();
    // The editor names the pair as the review table does (letter in the item's order), earlier answer as A.
    const [, first, firstId, second, secondId] = /^A = ([A-Z]) \((.+)\), B = ([A-Z]) \((.+)\)$/.exec(
      await page.getByTestId('adjudication-pair').innerText(),
    )!;
    expect(first < second).toBe(true);
    for (const [letter, id] of [
      [first, firstId],
      [second, secondId],
    ])
      await page.getByText(new RegExp(`^${letter} · ${id} · `)).waitFor();
    await page.getByTestId('choice-overall-tie').click();
    await page
      .getByTestId('adjudication-rationale')
      .fill('Both answers miss the red flags; neither is clearly better.');
    await screenshot(page, 'adjudication-pairwise');
    await page.getByTestId('save-adjudication').click();
    await page
      .getByText(/Adjudicated/)
      .first()
      .waitFor();

    const { itemReview } = await graphql<{ itemReview: Review }>(server.url, REVIEW, { id: itemId }, leadToken);
    const fromClinician2 = itemReview.labels.find((label) => label.annotator === 'clinician2')!.content;
    expect(itemReview.adjudication).toMatchObject({
      lead: 'lead',
      rationale: 'Both answers miss the red flags; neither is clearly better.',
    });
    // The editor letters the pair by item order, so compare what was preferred by response, not by side.
    const adjudication = itemReview.adjudication!.content;
    expect([adjudication.a, adjudication.b].sort()).toEqual([fromClinician2.a, fromClinician2.b].sort());
    const preferred = (content: StoredLabel['content'], choice: string) =>
      choice === 'a' ? content.a : choice === 'b' ? content.b : choice;
    const clinician2Pick = preferred(fromClinician2, fromClinician2.judgements!.overall.choice);
    expect(
      Object.fromEntries(
        Object.entries(adjudication.judgements!).map(([criterion, judgement]) => [
          criterion,
          preferred(adjudication, judgement.choice),
        ]),
      ),
    ).toEqual({ accuracy: clinician2Pick, helpfulness: clinician2Pick, safety: clinician2Pick, overall: 'tie' });
    await page.context().close();
  }, 120_000);

  it('lets a lead fix a synthetic answer that one validator accepted and another rejected', async () => {
    await labelNext(server.url, await login(server.url, 'clinician1'), projects['demo-validation'], () => ({
      verdict: 'accept',
    }));
    await labelNext(server.url, await login(server.url, 'clinician2'), projects['demo-validation'], () => ({
      verdict: 'reject',
      reasons: ['unsafe', 'outdated'],
    }));
    const itemId = await disputedItem(server.url, leadToken, projects['demo-validation']);
    const page = await leadPage(itemId);
    await expect(page.getByRole('table').innerText()).resolves.toContain('reject (unsafe, outdated)');

    await page.getByTestId('verdict-fix').click();
    const editor = page.getByTestId('fixed-text');
    const candidate = await editor.inputValue();
    await editor.fill(`${candidate} Checked against the current guideline.`);
    await page.getByTestId('reason-outdated').click();
    await screenshot(page, 'adjudication-validation');
    await page.getByTestId('save-adjudication').click();
    await page
      .getByText(/Adjudicated/)
      .first()
      .waitFor();

    const { itemReview } = await graphql<{ itemReview: Review }>(server.url, REVIEW, { id: itemId }, leadToken);
    expect(itemReview.adjudication!.content).toMatchObject({
      verdict: 'fix',
      fixedText: `${candidate.trim()} Checked against the current guideline.`,
      reasons: ['outdated'],
    });
    await page.context().close();
  }, 120_000);

  it('lists disagreements by letter and first words, says when no project is chosen, and moves to the next after a ruling', async () => {
    const preferring = (lowerId: boolean) => (responses: { id: string }[]) => {
      const choice = responses[0].id < responses[1].id === lowerId ? 'a' : 'b';
      return {
        judgements: Object.fromEntries(
          ['accuracy', 'helpfulness', 'safety', 'overall'].map((criterion) => [criterion, { choice }]),
        ),
      };
    };
    const [first, second] = [await login(server.url, 'clinician1'), await login(server.url, 'clinician2')];
    // "Next" needs a second open disagreement after the ruling. Which items each clinician draws is not fixed, and the
    // earlier tests rule on some, so label in rounds until two are open.
    for (
      let round = 0;
      round < 12 && (await openDisagreements(server.url, leadToken, projects['demo-triage'])) < 2;
      round++
    ) {
      await labelNext(server.url, first, projects['demo-triage'], preferring(true));
      await labelNext(server.url, second, projects['demo-triage'], preferring(false));
    }
    expect(await openDisagreements(server.url, leadToken, projects['demo-triage'])).toBeGreaterThanOrEqual(2);
    const page = await leadPage(await disputedItem(server.url, leadToken, projects['demo-triage']));

    await page.goto(`${server.url}/#/disagreements`);
    await expect(page.getByTestId('disagreements-empty').innerText()).resolves.toContain('Choose a project');
    await page.goto(
      `${server.url}/#/disagreements?filter=${encodeURIComponent(JSON.stringify({ projectId: projects['demo-triage'], criterion: 'overall' }))}`,
    );
    const table = page.locator('table');
    await table.getByText('Review').first().waitFor();
    const text = await table.innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    expect(text).toMatch(/\n(A|B|Tie|Both bad)( · \S+)?/);
    await screenshot(page, 'disagreements-list');

    await table.getByText('Review').first().click();
    await page.getByTestId('adjudication').waitFor();
    const ruled = page.url();
    await page.getByTestId('choice-overall-tie').click();
    await page.getByTestId('adjudication-rationale').fill('Neither answer is clearly better.');
    await page.getByTestId('save-adjudication').click();
    const saved = page.getByTestId('adjudication-saved');
    await saved.waitFor();
    await screenshot(page, 'adjudication-saved-next');
    await saved.getByTestId('next-disagreement').click();
    await page.waitForURL((address) => address.href !== ruled && address.hash.startsWith('#/review/'));
    await page.getByTestId('adjudication').waitFor();
    await page.context().close();
  }, 120_000);
});
