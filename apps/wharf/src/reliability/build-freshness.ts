import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO = join(APP_DIR, '..', '..');

interface BuildInfo {
  fileNames: string[];
  fileInfos: Array<string | { version: string }>;
  affectedFilesPendingEmit?: unknown;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // fixtures/ and testing/ are excluded from every package's build (tsconfig.json)
      if (entry.name !== 'fixtures' && entry.name !== 'testing') sources(path, out);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** why `pkg`'s dist is not its sources' build (tsc's .tsbuildinfo keeps a SHA-256 per source), or undefined */
function packageProblem(pkg: string): string | undefined {
  const infoPath = join(pkg, 'dist', '.tsbuildinfo');
  if (!existsSync(join(pkg, 'src')) || !existsSync(infoPath)) return undefined;
  const info = JSON.parse(readFileSync(infoPath, 'utf8')) as BuildInfo;
  if (info.affectedFilesPendingEmit !== undefined) return 'was type-checked but not built';
  const versions = new Map<string, string>();
  info.fileNames.forEach((name, i) => {
    const fi = info.fileInfos[i];
    versions.set(join(pkg, 'dist', name), typeof fi === 'string' ? fi : (fi?.version ?? ''));
  });
  for (const file of sources(join(pkg, 'src'))) {
    const hash = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');
    if (versions.get(file) !== hash) return `is older than ${relative(pkg, file)}`;
  }
  return undefined;
}

/**
 * Why the built binary is not this tree (dist/main.js missing, or a package built from other
 * sources), or undefined. Tests that spawn the binary skip with this reason (and fail in CI).
 */
export function staleBuild(): string | undefined {
  if (!existsSync(join(APP_DIR, 'dist', 'main.js'))) return 'apps/wharf/dist/main.js is missing: run `pnpm -s build`';
  const packages = readdirSync(join(REPO, 'packages')).map((p) => join(REPO, 'packages', p));
  for (const pkg of [APP_DIR, ...packages]) {
    const problem = packageProblem(pkg);
    if (problem !== undefined) return `${relative(REPO, pkg)}/dist ${problem}: run \`pnpm -s build\``;
  }
  return undefined;
}
