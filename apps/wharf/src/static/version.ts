import { readFileSync } from 'node:fs';

/** The version of the wharf app package (apps/wharf/package.json), e.g. `0.1.0`. */
export function wharfVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `wharf --version` output, newline-terminated like `staticHelp()`. */
export function versionText(): string {
  return `wharf ${wharfVersion()} (Traefik v3 compatible) node ${process.versions.node}\n`;
}
