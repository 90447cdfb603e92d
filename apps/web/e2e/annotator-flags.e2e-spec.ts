import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';
import { createProject } from './support/fixtures.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/**
 * Eight items, seven of them gold. dr-first always picks the answer shown first (8 of 8: p = 0.0078); dr-mixed
 * alternates. Each has 7 gold answers, below the 10 a gold-accuracy figure needs.
 */
async function projectWithCarelessAnnotator(url: string, lead: string): Promise<string> {
  const lines = Array.from({ length: 8 }, (_, i) => ({
    id: `flag-${i}`,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${i}`,
    responses: [
      { id: 'r1', text: `Answer one ${i}` },
      { id: 'r2', text: `Answer two ${i}` },
    ],
    ...(i < 7 ? { gold: { criterion: 'overall', preferred: i % 2 ? 'r2' : 'r1' } } : {}),
    annotations: [
      ['dr-first', 'a'],
      ['dr-mixed', i % 2 ? 'b' : 'a'],
    ].map(([annotator, choice]) => ({ annotator, kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice })),
  }));
  const input = {
    slug: `flags-${Date.now().toString(36)}`,
    name: 'Careless labelling',
    kind: 'pairwise',
    criteria: ['accuracy'],
    overlap: 2,
    languages: ['en'],
  };
  return createProject(url, lead, input, lines);
}

describeIfChromium('careless-labelling flags', () => {
  let server: TestServer;
  let browser: Browser;
  let projectId: string;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    projectId = await projectWithCarelessAnnotator(server.url, await login(server.url, 'lead'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it('draws alpha with an error bar, flags position bias with its p and n, and says "not enough labels (n = 7 of 10)" rather than a silent zero', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/agreement/${projectId}`);
    const first = page.locator('[data-testid$="dr-first"]');
    await first.waitFor({ timeout: 20_000 });
    const firstText = await first.innerText();
    expect(firstText).toContain('Chose the first-shown answer 100 % of the time (p = 0.0078 < 0.01, n = 8)');
    expect(firstText).toContain('Gold accuracy: not enough labels (n = 7 of 10)');
    expect(firstText).toContain('Straight-lining: not enough labels (n = 8 of 10)');
    const mixed = await page.locator('[data-testid$="dr-mixed"]').innerText();
    expect(mixed).not.toContain('first-shown');
    expect(mixed).toContain('Gold accuracy: not enough labels (n = 7 of 10)');
    // The alpha chart draws its bootstrap interval as one error bar per criterion, not as extra bars.
    await expect(page.getByTestId('error-bar').count()).resolves.toBe(1);
    await expect(page.getByText('2.5%', { exact: true }).count()).resolves.toBe(0);
    await page.locator('[data-testid$="dr-first"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-annotator-flags');
    await context.close();
  }, 90_000);

  it('shows the agreement summary while annotator quality is still being computed', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    let releaseQuality: () => void = () => undefined;
    const qualityHeld = new Promise<void>((resolve) => (releaseQuality = resolve));
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('query AnnotatorQuality')) await qualityHeld;
      await route.continue();
    });
    await page.goto(`${server.url}/#/agreement/${projectId}`);
    await page.getByTestId('error-bar').waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-testid$="dr-first"]').count()).resolves.toBe(0);
    releaseQuality();
    await page.locator('[data-testid$="dr-first"]').waitFor({ timeout: 20_000 });
    await context.close();
  }, 90_000);
});
