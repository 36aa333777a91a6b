import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

/**
 * Whether the browser e2e can run here. In CI a missing chromium is a failure (the test
 * runs and `launchBrowser` throws); elsewhere the suite is skipped with a visible message.
 */
export function browserAvailability(): { run: boolean; message?: string } {
  if (existsSync(CHROMIUM)) return { run: true };
  if (process.env.CI === 'true') return { run: true };
  return { run: false, message: `skipping dashboard browser e2e: ${CHROMIUM} not found (apt-get install chromium)` };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is required for the dashboard e2e: ${CHROMIUM} not found`);
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
}
