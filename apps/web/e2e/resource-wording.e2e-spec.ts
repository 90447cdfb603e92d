import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { appEn } from '../src/i18n/app-en.js';
import { appFr } from '../src/i18n/app-fr.js';
import { chromiumAvailable, launchChromium, screenshot } from './support/browser.js';
import { serverForSpec, type TestServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

const describeIfChromium = chromiumAvailable() ? describe : describe.skip;

/** React-Admin's own English and French defaults, which must never show on a clinrank page. */
const DEFAULTS =
  /Element (created|updated|deleted)|Élément (créé|mis à jour|supprimé)|Create Users|Créer Users|\bUsers \w+$/;

const title = (page: Page) => page.locator('#react-admin-title');
const toast = (page: Page) => page.locator('.MuiSnackbarContent-message');

describeIfChromium("titles and toasts of the users resource are clinrank's own words", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serverForSpec();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  it.each([
    ['en', 'English', appEn],
    ['fr', 'Français', appFr],
  ] as const)(
    'creates and edits a user in %s',
    async (locale, languageName, messages) => {
      const words = messages.resources.users;
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server.url, 'admin');
      if (locale !== 'en') {
        await page.getByRole('button', { name: /^language/i }).click();
        await page.getByRole('menuitem', { name: languageName }).click();
      }
      const username = `nurse-${locale}-${Date.now().toString(36)}`;

      await page.goto(`${server.url}/#/users/create`);
      await title(page).filter({ hasText: words.page.create }).waitFor();
      await page.locator(`input[name="username"]`).fill(username);
      await page.locator(`input[name="password"]`).fill('Tachycardia-42');
      await screenshot(page, `users-create-${locale}`);
      await page.getByRole('button', { name: locale === 'en' ? 'Save' : 'Enregistrer' }).click();
      await expect(toast(page).innerText()).resolves.toBe(words.notifications.created);
      await title(page)
        .filter({ hasText: new RegExp(`^${words.page.list}$`) })
        .waitFor();

      await page.getByRole('row', { name: new RegExp(username) }).click();
      await title(page).filter({ hasText: username }).waitFor();
      await expect(title(page).innerText()).resolves.toBe(words.page.edit.replace('%{recordRepresentation}', username));
      await page.locator(`input[name="displayName"]`).fill('Night nurse');
      await page.getByRole('button', { name: locale === 'en' ? 'Save' : 'Enregistrer' }).click();
      await toast(page).filter({ hasText: words.notifications.updated }).waitFor();
      await screenshot(page, `users-saved-${locale}`);
      expect(await page.locator('body').innerText()).not.toMatch(DEFAULTS);
      await context.close();
    },
    120_000,
  );
});
