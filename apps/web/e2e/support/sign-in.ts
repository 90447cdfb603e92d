import type { Page } from 'playwright-core';

/** Signs in through the login form and waits until the app has left the login page. */
export async function signIn(page: Page, url: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.getByLabel(/username/i).fill(username);
  await page
    .getByLabel(/password/i)
    .first()
    .fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((address) => !address.hash.startsWith('#/login'));
}

/** Signs in through the login form with the keyboard only (Tab between the fields, Enter to send); does not wait. */
export async function signInWithKeyboard(page: Page, url: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${url}/#/login`);
  await page.getByLabel(/username/i).waitFor();
  await page.keyboard.press('Tab');
  await page.getByLabel(/username/i).focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}
