import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { appEn } from '../src/i18n/app-en.js';
import { appFr } from '../src/i18n/app-fr.js';
import { graphql, login, projectIds } from './support/api.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

const storedDraftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('clinrank.draft.')));

// Issue 13 finding 11 (drafts on a shared computer) and issue 14 point 20 (leads cannot create admins), in the browser.
describeIfChromium('sessions and roles in the UI', () => {
  let server: TestServer;
  let browser: Browser;
  let projects: Record<string, string>;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
    projects = await projectIds(server.url, await login(server.url, 'lead'));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it("stores a clinician's draft under their own id, and forgets it when they sign out", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'clinician2');
    await page.goto(`${server.url}/#/work/${projects['demo-triage']}`);
    await page.getByTestId('rationale').waitFor({ timeout: 30_000 });
    await page.getByTestId('rationale').fill('Patient history: 74-year-old on warfarin');
    const userId = await page.evaluate(
      () => JSON.parse(localStorage.getItem('clinrank.session') ?? '{}').user?.id as string,
    );
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('clinrank.draft.')));
    const keys = await storedDraftKeys(page);
    expect(keys.length).toBe(1);
    expect(keys[0].startsWith(`clinrank.draft.${userId}.`)).toBe(true);
    await page.getByRole('button', { name: /profile|clinician2/i }).click();
    await page.getByRole('menuitem', { name: /logout/i }).click();
    await page.waitForURL(/#\/login/);
    expect(await storedDraftKeys(page)).toEqual([]);
    await screenshot(page, 'sessions-signed-out');
    await context.close();
  }, 120_000);

  it('offers a lead every role but admin when creating an account', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead');
    await page.goto(`${server.url}/#/users/create`);
    await page.getByLabel(/role/i).click();
    const options = await page.getByRole('option').allInnerTexts();
    await screenshot(page, 'sessions-lead-user-create');
    const roles = appEn.clinrank.users.roles;
    expect(options.map((text) => text.trim())).toEqual([roles.annotator, roles.lead, roles.ml_engineer]);
    await context.close();
  }, 120_000);

  it.each([
    ['en', 'English', appEn],
    ['fr', 'Français', appFr],
  ] as const)(
    'names roles in words on the user form and the user list (%s), never by their stored value',
    async (locale, languageName, messages) => {
      const roles = messages.clinrank.users.roles;
      const admin = await login(server.url, 'admin');
      const { users } = await graphql<{ users: { users: { id: string; username: string; role: string }[] } }>(
        server.url,
        'query($search: String) { users(limit: 10, offset: 0, search: $search) { users { id username role } } }',
        { search: 'clinician2' },
        admin,
      );
      const clinician = users.users.find((user) => user.username === 'clinician2')!;
      expect(clinician.role).toBe('annotator');
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server.url, 'admin');
      if (locale !== 'en') {
        await page.getByRole('button', { name: /^language/i }).click();
        await page.getByRole('menuitem', { name: languageName }).click();
      }
      await page.goto(`${server.url}/#/users/${clinician.id}`);
      const role = page.getByRole('combobox', { name: messages.clinrank.users.fields.role });
      await role.filter({ hasText: roles.annotator }).waitFor();
      await screenshot(page, `users-edit-role-${locale}`);
      expect((await role.innerText()).trim()).toBe(roles.annotator);
      // Accounts are deactivated, never deleted: the form offers no delete the API would refuse.
      expect(await page.getByRole('button', { name: /delete|supprimer/i }).count()).toBe(0);
      await role.click();
      // The edit form's select (role not required there) starts with React-Admin's blank choice: skip it.
      const options = (await page.getByRole('option').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
      expect(options).toEqual([roles.annotator, roles.lead, roles.ml_engineer, roles.admin]);
      await page.keyboard.press('Escape');

      await page.goto(`${server.url}/#/users`);
      const row = page.getByRole('row', { name: /clinician2/ });
      await row.waitFor();
      expect(await row.innerText()).toContain(roles.annotator);
      expect(await row.innerText()).not.toMatch(/\bannotator\b/);
      await context.close();
    },
    120_000,
  );
});
