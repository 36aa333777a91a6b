import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, startWharf, type WharfProcess } from '../src/index.js';
import { launchBrowser } from './browser.js';

export const ARTIFACTS = resolve(REPO_ROOT, 'e2e/artifacts');

/** The built wharf over a watched file (in `dir`) with two whoami backends, plus a Chromium page. */
export interface BrowserStack {
  dir: string;
  configFile: string;
  a: WhoamiServer;
  b: WhoamiServer;
  wharf: WharfProcess;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

export async function startBrowserStack(
  prefix: string,
  dynamicConfig: (a: WhoamiServer, b: WhoamiServer, dir: string) => string,
  viewport = { width: 1280, height: 800 },
  /** entry points on free loopback ports (default ['web']) */
  entryPoints: string[] = ['web'],
): Promise<BrowserStack> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `wharf-${prefix}-e2e-`));
  const configFile = join(dir, 'dynamic.yml');
  const a = await startWhoami({ name: 'alpha' });
  const b = await startWhoami({ name: 'beta' });
  writeFileSync(configFile, dynamicConfig(a, b, dir));
  const wharf = await startWharf([`--providers.file.filename=${configFile}`, '--providers.providersThrottleDuration=50ms'], {}, { entryPoints });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  return {
    dir, configFile, a, b, wharf, browser, page,
    async stop() {
      await browser.close();
      await wharf.stop();
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
