import { existsSync } from 'node:fs';

const DIRECTORIES = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

/** Where `name` is installed, or undefined. */
export function binaryPath(name: string): string | undefined {
  return DIRECTORIES.map((dir) => `${dir}/${name}`).find((path) => existsSync(path));
}

/**
 * A binary some tests need: its path, or undefined, and then the suite skips with a visible line.
 * In CI (`CI=true`) a missing binary is an error: a skipped suite there would hide a broken machine.
 */
export function findBinary(name: string, what: string): string | undefined {
  const found = binaryPath(name);
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`${name} is required in CI for the ${what} tests`);
    console.warn(`[wharf] SKIPPING ${what} tests: ${name} binary not found (install the Debian package)`);
  }
  return found;
}

/** The path of a binary a helper cannot run without (a clear error naming the Debian package). */
export function requireBinary(name: string, debianPackage: string): string {
  const found = binaryPath(name);
  if (!found) throw new Error(`${name} is not installed (Debian package ${debianPackage})`);
  return found;
}
