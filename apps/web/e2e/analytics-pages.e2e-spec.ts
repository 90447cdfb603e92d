import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { mlPagesAr } from '../src/i18n/ml-pages-ar.js';
import { mlPagesEn, type MlPagesMessages } from '../src/i18n/ml-pages-en.js';
import { mlPagesFr } from '../src/i18n/ml-pages-fr.js';
import { mlPagesZh } from '../src/i18n/ml-pages-zh.js';
import { login, projectIds } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot, waitForPageSettled } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/** A small pairwise campaign with imported labels from two clinicians who sometimes disagree: tables and charts to look at. */
async function createLabelledCampaign(url: string, token: string): Promise<string> {
  const choices: Array<['a' | 'b' | 'tie', 'a' | 'b' | 'tie']> = [
    ['a', 'a'],
    ['a', 'b'],
    ['b', 'b'],
    ['tie', 'a'],
    ['a', 'a'],
    ['b', 'tie'],
    ['a', 'a'],
    ['b', 'b'],
  ];
  const lines = choices.map(([first, second], i) => ({
    id: `i18n-${i}`,
    language: i % 2 ? 'ar' : 'en',
    specialty: 'cardiology',
    prompt: `Question ${i}`,
    responses: [
      { id: 'm-large', text: `Answer L${i}`, model: 'm-large' },
      { id: 'm-small', text: `Answer S${i}`, model: 'm-small' },
    ],
    annotations: [
      ['dr-a', first],
      ['dr-b', second],
    ].map(([annotator, choice]) => ({
      annotator,
      kind: 'pairwise',
      a: 'm-large',
      b: 'm-small',
      criterion: 'overall',
      choice,
    })),
  }));
  const input = {
    slug: `i18n-${Date.now().toString(36)}`,
    name: 'A multilingual campaign',
    kind: 'pairwise',
    criteria: ['accuracy'],
    overlap: 2,
    languages: ['en', 'ar'],
    allowTies: true,
  };
  return createProject(url, token, input, lines);
}

describeIfChromium('analytics and ML pages', () => {
  let server: TestServer;
  let browser: Browser;
  let triageId: string;
  let campaignId: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    const lead = await login(server.url, 'lead');
    triageId = (await projectIds(server.url, lead))['demo-triage'];
    campaignId = await createLabelledCampaign(server.url, lead);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  const pages: [string, string, () => string][] = [
    ['lead', 'agreement', () => `/agreement/${triageId}`],
    ['lead', 'evaluations', () => '/evaluations'],
    ['ml', 'datasets', () => '/datasets'],
    ['ml', 'training-runs', () => '/training-runs'],
    ['ml', 'training-nodes', () => '/training-nodes'],
  ];

  /** Each page of `pages` with the title it should carry in a language. */
  const titles = ({ clinrank: m }: MlPagesMessages): Record<string, string> => ({
    agreement: m.agreement.title,
    evaluations: m.evaluation.title,
    datasets: m.datasets.title,
    'training-runs': m.training.runs_title,
    'training-nodes': m.training.nodes_title,
  });

  it.each(pages)(
    '%s opens %s without errors or untranslated keys',
    async (username, name, path) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signIn(page, server.url, username);
      await page.goto(`${server.url}/#${path()}`);
      // The page's own title in the app bar: the menu names every page at once, so its text proves nothing.
      const title = titles(mlPagesEn)[name];
      await page.locator('#react-admin-title').filter({ hasText: title }).waitFor({ timeout: 15_000 });
      await waitForPageSettled(page);
      await screenshot(page, `analytics-${name}`);
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/clinrank\.[a-z_]+\.[a-z_]+/);
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );

  // French stands in for the long Latin-script labels (Italian and Spanish are about as long).
  it.each([
    ['ar', 'العربية', mlPagesAr],
    ['zh', '中文', mlPagesZh],
    ['fr', 'Français', mlPagesFr],
  ] as const)(
    'opens every page in %s: translated headings, no raw keys, the right direction',
    async (locale, languageName, messages) => {
      const expected = titles(messages);
      for (const username of ['lead', 'ml']) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await signIn(page, server.url, username);
        // As a person would: the language menu; React-Admin's store keeps the choice for the next pages.
        await page.getByRole('button', { name: /^language/i }).click();
        await page.getByRole('menuitem', { name: languageName }).click();
        await page.waitForFunction((dir) => document.documentElement.dir === dir, locale === 'ar' ? 'rtl' : 'ltr');
        for (const [, name, path] of pages.filter(([owner]) => owner === username)) {
          await page.goto(`${server.url}/#${name === 'agreement' ? `/agreement/${campaignId}` : path()}`);
          const title = page.locator('#react-admin-title');
          await title.filter({ hasText: expected[name] }).waitFor({ timeout: 15_000 });
          await waitForPageSettled(page);
          expect({ name, title: (await title.textContent())?.trim() }).toEqual({ name, title: expected[name] });
          if (name === 'datasets') {
            await page.getByRole('button', { name: messages.clinrank.datasets.preview, exact: true }).click();
            await page.getByText(messages.clinrank.datasets.preview_title).waitFor();
          }
          // The app bar slides away on scroll: back to the top, so the screenshot shows the page as it opens.
          await page.evaluate(() => window.scrollTo(0, 0));
          await screenshot(page, `analytics-${name}-${locale}`);
          expect({ name, dir: await page.evaluate(() => document.documentElement.dir) }).toEqual({
            name,
            dir: locale === 'ar' ? 'rtl' : 'ltr',
          });
          expect(await page.locator('body').innerText()).not.toMatch(/clinrank\.[a-z_]+\.[a-z_.-]+/);
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    },
    120_000,
  );
});
