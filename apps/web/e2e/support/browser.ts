import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Charts animate their bars and points in; a screenshot taken during that shows them part-drawn.
  '--force-prefers-reduced-motion',
];

/** True when Debian's Chromium is there; otherwise says so loudly, and under CI=true fails instead of skipping. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const notice = `\n${'!'.repeat(72)}\n!! ${CHROMIUM} is missing: the browser tests are SKIPPED (apt-get install -y chromium)\n${'!'.repeat(72)}\n`;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing and CI=true: browser tests cannot be skipped`);
  console.warn(notice);
  return false;
}

/** Starts Debian's Chromium headless with the flags this project's machines need, and any extra ones. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs], headless: true });
}

/**
 * Waits until React-Admin has no query in flight (its app-bar spinner is gone) and the network has been quiet for
 * half a second, so the queries a page starts once its first data arrives have answered too.
 */
export async function waitForPageSettled(page: Page): Promise<void> {
  await page.locator('.app-loader').waitFor({ state: 'detached', timeout: 15_000 });
  await page.waitForLoadState('networkidle');
}

/** Saves a full-page screenshot under test-artifacts/screenshots/ for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
