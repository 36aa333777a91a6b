import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths into the checkout, independent of the working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_DOCKER_DIR = resolve(REPO_ROOT, 'e2e/docker');
export const WHARF_BIN = resolve(REPO_ROOT, 'apps/wharf/bin/wharf.mjs');
export const PNPM = resolve(REPO_ROOT, 'node_modules/.bin/pnpm');
