import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';

function waitForTask(page: Page, previous: string) {
  return page.waitForFunction(
    (before) => {
      const workspace = document.querySelector('[data-testid="workspace"]');
      const status = workspace?.getAttribute('data-status');
      const id = workspace?.getAttribute('data-task') ?? '';
      return (status === 'ready' && id !== before) || status === 'empty';
    },
    previous,
    { timeout: 15_000 },
  );
}

/** Waits until the workspace shows a task other than `previous` (or says none is left) and returns its task id. */
export async function currentTask(page: Page, previous = ''): Promise<string> {
  await waitForTask(page, previous).catch(async (error: Error) => {
    const state = await page.evaluate(() =>
      document.querySelector('[data-testid="workspace"]')?.outerHTML.slice(0, 300),
    );
    await screenshot(page, `failure-${Date.now()}`);
    throw new Error(`${error.message}\nworkspace: ${state}`);
  });
  return (await page.getAttribute('[data-testid="workspace"]', 'data-task')) ?? '';
}

/**
 * Waits for the element with `testId`; on a timeout the error carries what the workspace showed instead (its state and
 * text) and a screenshot, so a failure under load says why.
 */
export async function waitForTestId(page: Page, testId: string, timeout = 30_000): Promise<void> {
  await page
    .getByTestId(testId)
    .waitFor({ timeout })
    .catch(async (error: Error) => {
      const state = await page.evaluate(() => {
        const workspace = document.querySelector('[data-testid="workspace"]');
        const attributes = workspace
          ? Array.from(workspace.attributes, (a) => `${a.name}=${a.value}`).join(' ')
          : 'none';
        return `${attributes}\n${(workspace?.textContent ?? document.body.textContent ?? '').slice(0, 600)}`;
      });
      await screenshot(page, `failure-${Date.now()}`);
      throw new Error(`${error.message}\nworkspace: ${state}`);
    });
}
