import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { liveQaPresent, readLiveQaAnswers } from '../../../test-support/liveqa-med.js';
import { zoneWhereItIsNow } from '../../../test-support/time-zones.js';
import { graphql, login } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { createProject } from './support/fixtures.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signInWithKeyboard } from './support/sign-in.js';
import { currentTask, waitForTestId } from './support/workspace.js';

// Issue 14, points 1–8: the clinician's workspace at desktop and phone size.
const available = chromiumAvailable();
const describeIfChromium = available ? describe : describe.skip;

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'workflow-pass-1';

/** Two real LiveQA answers joined until they are 3,000 characters long (generated text, loudly, without the data). */
function longAnswers(): [string, string] {
  if (!liveQaPresent()) {
    console.warn('!! ../shared/data/liveqa-med-2017 is missing: the long-answer layout test uses generated text');
    const filler = (tag: string) =>
      Array.from({ length: 60 }, (_, index) => `${tag} sentence ${index}: take the medicine with water after meals.`)
        .join(' ')
        .slice(0, 3000);
    return [filler('A'), filler('B')];
  }
  const answers = readLiveQaAnswers()
    .map((answer) => answer.answer.trim())
    .filter((text) => text.length > 200);
  const build = (offset: number) => {
    let text = '';
    for (let index = offset; text.length < 3000; index += 2) text += `${answers[index % answers.length]}\n\n`;
    return text.slice(0, 3000);
  };
  return [build(0), build(1)];
}

function item(id: string, language: string, responses: string[], prompt = `Question ${id}: is this safe?`) {
  return {
    id,
    language,
    specialty: '',
    prompt,
    responses: responses.map((text, index) => ({ id: `r${index}`, text, model: `m${index}` })),
  };
}

const shortPair = (id: string, language: string) =>
  item(id, language, [`Answer one for ${id}.`, `Answer two for ${id}.`]);

describeIfChromium('the clinician workspace (issue 14)', () => {
  let server: TestServer;
  let browser: Browser;
  let leadToken: string;
  let adminToken: string;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    leadToken = await login(server.url, 'lead');
    adminToken = await login(server.url, 'admin');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  /** A clinician of their own, reading one language the demo data does not use, so other tests' tasks never mix in. */
  async function clinician(name: string, languages: string[]): Promise<string> {
    const username = `${name}-${run}`;
    await graphql(
      server.url,
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username, role: 'annotator', password: PASSWORD, languages } },
      adminToken,
    );
    return username;
  }

  function project(slug: string, items: object[], extra: Record<string, unknown> = {}): Promise<string> {
    return createProject(
      server.url,
      leadToken,
      {
        slug: `${slug}-${run}`,
        name: `${slug} ${run}`,
        kind: 'pairwise',
        criteria: ['accuracy', 'safety'],
        overlap: 1,
        ...extra,
      },
      items,
    );
  }

  async function open(
    username: string,
    viewport = DESKTOP,
    timezoneId?: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport,
      timezoneId,
      locale: 'en',
      hasTouch: viewport === PHONE,
      isMobile: viewport === PHONE,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await signInWithKeyboard(page, server.url, username, PASSWORD);
    await page.waitForURL(/#\/work/);
    // Let the "any project" workspace get its answer first: a project opened while that request is still in flight
    // can find its item locked by that request and come up empty.
    await page.waitForFunction(() =>
      ['ready', 'empty'].includes(
        document.querySelector('[data-testid="workspace"]')?.getAttribute('data-status') ?? '',
      ),
    );
    return { context, page };
  }

  /** Opens the project's workspace and returns its task, once the workspace shown is that project's, not the one before. */
  async function work(page: Page, projectId: string): Promise<string> {
    await page.goto(`${server.url}/#/work/${projectId}`);
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="workspace"]')?.getAttribute('data-project') === id,
      projectId,
    );
    return currentTask(page);
  }

  const attribute = (page: Page, testId: string, name: string) => page.getAttribute(`[data-testid="${testId}"]`, name);
  const inViewport = async (page: Page, selector: string, viewport: { width: number; height: number }) => {
    const box = await page.locator(selector).first().boundingBox();
    return Boolean(
      box && box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height && box.x + box.width <= viewport.width,
    );
  };

  it('1: says when the chosen project runs dry, offers the next one with work, and says "all done" only when nothing is left', async () => {
    const username = await clinician('dry', ['de']);
    const first = await project('dry-first', [shortPair('d1', 'de')], { languages: ['de'] });
    const second = await project('dry-second', [shortPair('d2', 'de'), shortPair('d3', 'de')], { languages: ['de'] });
    const { context, page } = await open(username);
    let task = await work(page, first);
    for (const key of ['Digit1', 'Digit1', 'Digit1', 'Enter']) await page.keyboard.press(key);
    await currentTask(page, task);
    await waitForTestId(page, 'next-project');
    expect(await attribute(page, 'no-task', 'data-scope')).toBe('project');
    expect(await page.getByTestId('project-dry').textContent()).toContain(`dry-first ${run}`);
    expect(await page.getByTestId('no-task').textContent()).toContain(
      `Tasks waiting for you in “dry-second ${run}”: 2`,
    );
    // The picker still names the chosen project (with nothing left), not "Any project".
    // The list refreshes after the last label is acknowledged: wait for that answer rather than read the one before it.
    const picker = page.locator('[data-testid="project-picker"]').locator('xpath=..');
    await picker
      .getByText(`dry-first ${run} · 0`)
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    expect(await picker.textContent()).toContain(`dry-first ${run} · 0`);
    await screenshot(page, '14-01-project-dry');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/work/${second}`));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="workspace"]')?.getAttribute('data-status') === 'ready',
    );
    task = (await attribute(page, 'workspace', 'data-task')) ?? '';
    for (let round = 0; round < 2; round += 1) {
      for (const key of ['Digit2', 'Digit2', 'Digit2', 'Enter']) await page.keyboard.press(key);
      task = await currentTask(page, task);
    }
    await page.waitForFunction(
      () => document.querySelector('[data-testid="no-task"]')?.getAttribute('data-scope') === 'all',
    );
    expect(await page.getByTestId('no-task').textContent()).toMatch(/All done/);
    expect(await page.getByTestId('next-project').count()).toBe(0);
    await screenshot(page, '14-01b-all-done');
    await context.close();
  }, 120_000);

  it('2: keeps the first criterion row and the submit button in view with two 3,000-character answers, at 1400×900 and 390×844', async () => {
    const [a, b] = longAnswers();
    expect([a.length, b.length]).toEqual([3000, 3000]);
    const username = await clinician('long', ['en']);
    const projectId = await project('long-answers', [
      item('long-1', 'en', [a, b], 'My father takes warfarin. Which painkiller is safe for his back pain?'),
    ]);

    const desktop = await open(username, DESKTOP);
    await work(desktop.page, projectId);
    expect(await inViewport(desktop.page, '[data-testid="criterion-accuracy"]', DESKTOP)).toBe(true);
    expect(await inViewport(desktop.page, '[data-testid="submit"]', DESKTOP)).toBe(true);
    expect(await inViewport(desktop.page, '[data-testid="flags"]', DESKTOP)).toBe(true);
    expect(await desktop.page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(
      true,
    );
    // Side by side, each pane scrolling on its own.
    const [paneA, paneB] = [
      await desktop.page.getByTestId('answer-A').boundingBox(),
      await desktop.page.getByTestId('answer-B').boundingBox(),
    ];
    expect(Math.abs(paneA!.y - paneB!.y)).toBeLessThan(2);
    expect(paneA!.x + paneA!.width).toBeLessThanOrEqual(paneB!.x);
    const scrolled = await desktop.page.evaluate(() => {
      const [left, right] = ['answer-A', 'answer-B'].map((id) =>
        document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!,
      );
      left.scrollTop = 400;
      return {
        overflows: left.scrollHeight > left.clientHeight && right.scrollHeight > right.clientHeight,
        left: left.scrollTop,
        right: right.scrollTop,
      };
    });
    expect(scrolled).toEqual({ overflows: true, left: 400, right: 0 });
    expect(await inViewport(desktop.page, '[data-testid="criterion-accuracy"]', DESKTOP)).toBe(true);
    await screenshot(desktop.page, '14-02-long-answers-desktop');
    await desktop.context.close();

    const phone = await open(username, PHONE);
    await work(phone.page, projectId);
    expect(await inViewport(phone.page, '[data-testid="criterion-accuracy"]', PHONE)).toBe(true);
    expect(await inViewport(phone.page, '[data-testid="submit"]', PHONE)).toBe(true);
    const bar = await phone.page.getByTestId('decision-bar').boundingBox();
    expect(Math.abs(bar!.y + bar!.height - PHONE.height)).toBeLessThan(2);
    // One answer at a time, as tabs.
    expect(await phone.page.getByTestId('answer-A').count()).toBe(1);
    expect(await phone.page.getByTestId('answer-B').count()).toBe(0);
    await screenshot(phone.page, '14-02-long-answers-phone');
    await phone.page.getByTestId('answer-tab-B').tap();
    await phone.page.getByTestId('answer-B').waitFor();
    expect(await phone.page.getByTestId('answer-A').count()).toBe(0);
    expect(await inViewport(phone.page, '[data-testid="submit"]', PHONE)).toBe(true);
    await screenshot(phone.page, '14-02b-long-answers-phone-tab-b');
    // A swipe to the right (towards the end edge in a left-to-right page) goes back to answer A.
    await phone.page.evaluate(() => {
      const area = document.querySelector('[data-testid="answer-tabs"]')!.parentElement!;
      const at = (x: number) => new Touch({ identifier: 1, target: area, clientX: x, clientY: 500 });
      area.dispatchEvent(new TouchEvent('touchstart', { touches: [at(80)], changedTouches: [at(80)], bubbles: true }));
      area.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [at(320)], bubbles: true }));
    });
    await phone.page.getByTestId('answer-A').waitFor();
    await phone.context.close();
  }, 120_000);

  it('3, 4: Q/W go to the row just answered; Enter on an incomplete form marks the missing rows, focuses the first and says why beside submit', async () => {
    const username = await clinician('keys', ['fr']);
    const projectId = await project('keys', [shortPair('k1', 'fr')], { languages: ['fr'] });
    const { context, page } = await open(username);
    const task = await work(page, projectId);
    await page.keyboard.press('Digit2');
    await page.keyboard.press('KeyW');
    expect([
      await attribute(page, 'criterion-accuracy', 'data-choice'),
      await attribute(page, 'criterion-accuracy', 'data-strength'),
    ]).toEqual(['b', 'much']);
    expect(await attribute(page, 'criterion-safety', 'data-strength')).toBe('');
    expect(await attribute(page, 'criterion-safety', 'aria-current')).toBe('true');

    await page.keyboard.press('Enter'); // safety and overall are still open
    await page.getByTestId('incomplete').waitFor();
    expect(await attribute(page, 'workspace', 'data-task')).toBe(task);
    expect(
      await page.$$eval('[data-missing="true"]', (rows) => rows.map((row) => row.getAttribute('data-testid'))),
    ).toEqual(['criterion-safety', 'criterion-overall']);
    expect(await attribute(page, 'criterion-safety', 'aria-current')).toBe('true');
    expect(await inViewport(page, '[data-testid="incomplete"]', DESKTOP)).toBe(true);
    const [message, submit] = [
      await page.getByTestId('incomplete').boundingBox(),
      await page.getByTestId('submit').boundingBox(),
    ];
    expect(Math.abs(message!.y + message!.height / 2 - (submit!.y + submit!.height / 2))).toBeLessThan(24); // on the submit button's line
    await screenshot(page, '14-04-incomplete');

    await page.keyboard.press('Digit1'); // safety: A …
    await page.keyboard.press('KeyQ'); // … slightly, then on to overall
    await page.keyboard.press('Digit3'); // overall: tie
    expect(await page.$$eval('[data-missing="true"]', (rows) => rows.length)).toBe(0);
    await page.keyboard.press('Enter');
    await currentTask(page, task);
    const token = await login(server.url, username, PASSWORD);
    const { myLabels } = await graphql<{
      myLabels: { content: { judgements: Record<string, { choice: string; strength: string | null }> } }[];
    }>(server.url, '{ myLabels(limit: 1) { content } }', {}, token);
    expect(myLabels[0].content.judgements).toEqual({
      accuracy: { choice: 'b', strength: 'much' },
      safety: { choice: 'a', strength: 'slightly' },
      overall: { choice: 'tie', strength: null },
    });
    await context.close();
  }, 120_000);

  it('3: a key typed the moment the next task appears answers its first row, not the row the last task ended on', async () => {
    const username = await clinician('fast', ['sv']);
    const projectId = await project('fast', [shortPair('f1', 'sv'), shortPair('f2', 'sv')], { languages: ['sv'] });
    const { context, page } = await open(username);
    const first = await work(page, projectId);
    for (const key of ['Digit1', 'Digit1', 'Digit3']) await page.keyboard.press(key); // the cursor ends on overall
    // Press 2 from inside the page as soon as the new task is in the DOM, before any later React work can run.
    await page.evaluate((before) => {
      const workspace = document.querySelector('[data-testid="workspace"]')!;
      const observer = new MutationObserver(() => {
        const id = workspace.getAttribute('data-task') ?? '';
        if (workspace.getAttribute('data-status') !== 'ready' || id === '' || id === before) return;
        observer.disconnect();
        window.dispatchEvent(
          new KeyboardEvent('keydown', { code: 'Digit2', key: '2', bubbles: true, cancelable: true }),
        );
      });
      observer.observe(workspace, { attributes: true, attributeFilter: ['data-task', 'data-status'] });
    }, first);
    await page.keyboard.press('Enter');
    await currentTask(page, first);
    await page
      .waitForFunction(
        () => document.querySelector('[data-testid="criterion-accuracy"]')?.getAttribute('data-choice') === 'b',
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    expect([
      await attribute(page, 'criterion-accuracy', 'data-choice'),
      await attribute(page, 'criterion-overall', 'data-choice'),
    ]).toEqual(['b', '']);
    await context.close();
  }, 120_000);

  it('5: an untouched ranking cannot be submitted until it is moved or confirmed with C', async () => {
    const username = await clinician('rank', ['it']);
    const answers = ['First answer.', 'Second answer.', 'Third answer.'];
    const projectId = await project('rank', [item('r1', 'it', answers), item('r2', 'it', answers)], {
      kind: 'ranking',
      criteria: ['accuracy'],
      languages: ['it'],
    });
    const { context, page } = await open(username);
    let task = await work(page, projectId);
    const shown = await page.$$eval('[data-response-id][data-rank]', (rows) =>
      rows.map((row) => row.getAttribute('data-response-id')!),
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('incomplete').waitFor();
    expect(await page.getByTestId('incomplete').textContent()).toMatch(/press C/);
    expect(await page.$$eval('[data-missing="true"]', (rows) => rows.length)).toBe(3);
    expect(await attribute(page, 'workspace', 'data-task')).toBe(task);
    await screenshot(page, '14-05-ranking-untouched');
    await page.keyboard.press('KeyC');
    await page.keyboard.press('Enter');
    const confirmed = task;
    task = await currentTask(page, task);
    const moved = await page.$$eval('[data-response-id][data-rank]', (rows) =>
      rows.map((row) => row.getAttribute('data-response-id')!),
    );
    await page.keyboard.press('Alt+ArrowDown'); // the first answer goes second: touched, so Enter sends it
    await page.keyboard.press('Enter');
    await currentTask(page, task);
    const token = await login(server.url, username, PASSWORD);
    const { myLabels } = await graphql<{ myLabels: { taskId: string; content: { ranking: string[][] } }[] }>(
      server.url,
      '{ myLabels(limit: 5) { taskId content } }',
      {},
      token,
    );
    expect(myLabels.find((label) => label.taskId === confirmed)?.content.ranking).toEqual(shown.map((id) => [id]));
    expect(myLabels.find((label) => label.taskId === task)?.content.ranking).toEqual([
      [moved[1]],
      [moved[0]],
      [moved[2]],
    ]);
    await context.close();
  }, 120_000);

  it('6: Fix needs no key after 3, the help says so, and the export carries exactly the typed fix', async () => {
    const username = await clinician('fix', ['es']);
    const candidate = 'Ibuprofen is fine with warfarin.';
    const projectId = await project('fix', [item('f1', 'es', [candidate])], {
      kind: 'validation',
      criteria: ['accuracy'],
      languages: ['es'],
    });
    const { context, page } = await open(username);
    const task = await work(page, projectId);
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('help-verdict').waitFor();
    expect(await page.getByTestId('help-verdict').textContent()).toMatch(/just type/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('Digit3');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'fixed-text');
    await page.keyboard.press('ControlOrMeta+a');
    const typed = 'Avoid ibuprofen with warfarin: it raises the bleeding risk. Prefer paracetamol.';
    await page.keyboard.type(typed);
    await page.keyboard.press('Escape'); // leave the editor, then E goes back in without typing an "e"
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') !== 'fixed-text');
    await page.keyboard.press('KeyE');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'fixed-text');
    await screenshot(page, '14-06-validation-fix');
    await page.keyboard.press('Control+Enter');
    await currentTask(page, task);
    const preview = await graphql<{ previewExport: { records: { record: Record<string, unknown> }[] } }>(
      server.url,
      'query ($input: ExportRequestInput!) { previewExport(input: $input) { records } }',
      { input: { projectId, request: { format: 'raw', split: '1,0,0' } } },
      leadToken,
    );
    expect(preview.previewExport.records.map((entry) => [entry.record.verdict, entry.record.fixedText])).toEqual([
      ['fix', typed],
    ]);
    await context.close();
  }, 120_000);

  it("7: shows the clinician's own remaining count with the project total in a tooltip, and counts an offline label once it is delivered", async () => {
    const username = await clinician('count', ['pt']);
    const projectId = await project(
      'count',
      [1, 2, 3].map((n) => shortPair(`c${n}`, 'pt')),
      { languages: ['pt'], overlap: 2 },
    );
    // "Done today" counts from the clinician's midnight: put the browser where it is now midday, so no run crosses one.
    const zone = zoneWhereItIsNow(12);
    const { context, page } = await open(username, DESKTOP, zone);
    const task = await work(page, projectId);
    await page.waitForFunction(() => document.querySelector('[data-testid="remaining"]')?.textContent?.includes('3'));
    expect(await page.getByTestId('remaining').textContent()).toBe('Left for you: 3');
    await page.getByTestId('remaining').hover();
    expect(await page.getByRole('tooltip').textContent()).toBe('Labels still needed in total, from all clinicians: 6');
    await screenshot(page, '14-07-remaining-tooltip');
    expect(await page.getByTestId('done-today').textContent()).toBe('Done today: 0');

    await context.setOffline(true);
    for (const key of ['Digit1', 'Digit1', 'Digit1', 'Enter']) await page.keyboard.press(key);
    await currentTask(page, task); // the task fetched ahead shows; the label waits to be sent
    await page.getByTestId('retrying').waitFor();
    expect(await page.getByTestId('done-today').textContent()).toBe('Done today: 0');
    await screenshot(page, '14-07b-offline-queued');
    await context.setOffline(false);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="done-today"]')?.textContent === 'Done today: 1',
      undefined,
      { timeout: 30_000 },
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="remaining"]')?.textContent === 'Left for you: 2',
    );

    // A label still queued when the page closes is sent by the next page, which then counts it.
    await context.setOffline(true);
    for (const key of ['Digit2', 'Digit2', 'Digit2', 'Enter']) await page.keyboard.press(key);
    await page.getByTestId('retrying').waitFor();
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto(`${server.url}/#/work/${projectId}`);
    await currentTask(next);
    await next.waitForFunction(
      () => document.querySelector('[data-testid="done-today"]')?.textContent === 'Done today: 2',
      undefined,
      { timeout: 30_000 },
    );
    const token = await login(server.url, username, PASSWORD);
    const { myProgress } = await graphql<{
      myProgress: { doneToday: number; remaining: number; projectRemaining: number };
    }>(
      server.url,
      'query ($p: ID, $zone: String) { myProgress(projectId: $p, timeZone: $zone) { doneToday remaining projectRemaining } }',
      { p: projectId, zone },
      token,
    );
    expect(myProgress).toEqual({ doneToday: 2, remaining: 1, projectRemaining: 4 });
    await context.close();
  }, 150_000);

  it('8: help lists only the task kind’s keys; toasts sit below the top bar; phones hide key hints and keep the title whole', async () => {
    const username = await clinician('small', ['nl']);
    const projectId = await project('small', [shortPair('s1', 'nl'), shortPair('s2', 'nl')], { languages: ['nl'] });
    const { context, page } = await open(username);
    const task = await work(page, projectId);
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('help-keys').waitFor();
    const listed = await page.$$eval('[data-testid^="help-"]', (rows) =>
      rows.map((row) => row.getAttribute('data-testid')).filter((id) => id !== 'help-keys'),
    );
    expect(listed).toEqual([
      'help-choose',
      'help-strength',
      'help-move',
      'help-submit',
      'help-skip',
      'help-undo',
      'help-guidelines',
      'help-help',
    ]);
    await page.waitForTimeout(300);
    await screenshot(page, '14-08-help-pairwise');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    for (const key of ['Digit1', 'Digit1', 'Digit1', 'Enter']) await page.keyboard.press(key);
    await currentTask(page, task);
    await page.getByTestId('toast').waitFor();
    const [bar, toast] = [
      await page.locator('header').first().boundingBox(),
      await page.getByTestId('toast').boundingBox(),
    ];
    expect(toast!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
    await screenshot(page, '14-08b-toast');
    await context.close();

    const phone = await open(username, PHONE);
    await work(phone.page, projectId);
    const hints = await phone.page.$$eval('.clinrank-key-hint', (elements) =>
      elements.map((element) => getComputedStyle(element).display),
    );
    expect(hints.length).toBeGreaterThan(0);
    expect(new Set(hints)).toEqual(new Set(['none']));
    const title = await phone.page.evaluate(() => {
      const element = document.querySelector<HTMLElement>('#react-admin-title')!;
      return { text: element.textContent, clipped: element.scrollWidth > element.clientWidth + 1 };
    });
    expect(title).toEqual({ text: 'Labelling', clipped: false });
    await screenshot(phone.page, '14-08c-phone');
    await phone.context.close();
  }, 120_000);

  it('9: says "saved" in the status bar beside the counts, without covering them or moving the task', async () => {
    const username = await clinician('notice', ['nl']);
    const items = ['n1', 'n2', 'n3', 'n4'].map((id) => shortPair(id, 'nl'));
    const projectId = await project('notice', items, { languages: ['nl'] });
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page } = await open(username, viewport);
      const task = await work(page, projectId);
      const before = await page.getByTestId('task-content').boundingBox();
      for (const key of ['Digit1', 'Digit1', 'Digit1', 'Enter']) await page.keyboard.press(key);
      await currentTask(page, task);
      await page.getByTestId('toast').waitFor();
      expect(await page.getByTestId('toast').getAttribute('data-kind')).toBe('success');
      const notice = (await page.getByTestId('toast').boundingBox())!;
      for (const chip of ['done-today', 'remaining']) {
        const box = (await page.getByTestId(chip).boundingBox())!;
        const overlaps =
          notice.x < box.x + box.width &&
          box.x < notice.x + notice.width &&
          notice.y < box.y + box.height &&
          box.y < notice.y + notice.height;
        expect({ chip, overlaps }).toEqual({ chip, overlaps: false });
      }
      // The chip is what a click at its centre reaches: nothing is drawn over it.
      const onTop = await page.getByTestId('done-today').evaluate((chip) => {
        const box = chip.getBoundingClientRect();
        return chip.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
      });
      expect(onTop).toBe(true);
      expect((await page.getByTestId('task-content').boundingBox())!.y).toBe(before!.y);
      await screenshot(page, viewport === DESKTOP ? '14-09-saved' : '14-09b-saved-phone');
      await page.getByTestId('toast').waitFor({ state: 'detached' });
      await context.close();
    }
  }, 120_000);

  it('10: counts each delivered label itself and reads the counts from the server at most every 30 s, exactly', async () => {
    const username = await clinician('pace', ['sv']);
    const items = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id) => shortPair(id, 'sv'));
    const projectId = await project('pace', items, { languages: ['sv'] });
    const zone = zoneWhereItIsNow(12);
    const { context, page } = await open(username, DESKTOP, zone);
    const progressReads: number[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.postData()?.includes('myProgress')) progressReads.push(Date.now());
    });
    const chip = (testId: string) => page.getByTestId(testId).textContent();
    let task = await work(page, projectId);
    await page.waitForFunction(() => document.querySelector('[data-testid="remaining"]')?.textContent?.includes('8'));
    const started = Date.now();
    for (let label = 1; label <= 5; label += 1) {
      for (const key of ['Digit1', 'Digit1', 'Digit1', 'Enter']) await page.keyboard.press(key);
      task = await currentTask(page, task);
      await page.waitForFunction(
        (done) => document.querySelector('[data-testid="done-today"]')?.textContent === `Done today: ${done}`,
        label,
      );
      expect(await chip('remaining')).toBe(`Left for you: ${8 - label}`);
    }
    const labelling = Date.now() - started;
    // Before, each label read the counts again: six reads here. Now the page's first read, and one more for each 30 s
    // the five labels took.
    expect(progressReads.length).toBeLessThanOrEqual(1 + Math.ceil(labelling / 30_000));
    await page.getByTestId('remaining').hover();
    expect(await page.getByRole('tooltip').textContent()).toBe('Labels still needed in total, from all clinicians: 3');
    // What the page counted is what the server counts: a fresh page reads it.
    const counted = [await chip('done-today'), await chip('remaining')];
    await page.reload();
    await currentTask(page);
    // Until the server's answer lands, the chips show a dash.
    await page.waitForFunction(() => !document.querySelector('[data-testid="remaining"]')?.textContent?.includes('–'));
    expect([await chip('done-today'), await chip('remaining')]).toEqual(['Done today: 5', 'Left for you: 3']);
    expect(counted).toEqual(['Done today: 5', 'Left for you: 3']);
    await context.close();
  }, 120_000);
});
