import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BASE_IMAGE, buildBaseImage } from './base-image.js';
import { E2E_DOCKER_DIR, PNPM, REPO_ROOT } from './repo-paths.js';
import { runCommand } from './run-command.js';

export const WHOAMI_IMAGE = 'wharf-whoami:local';
export const WHARF_IMAGE = 'wharf:local';

export interface AppImage {
  key: 'whoami' | 'wharf';
  image: string;
  /** workspace package to build and `pnpm deploy --prod` */
  pkg: string;
  dockerfile: string;
  /** docker build context; the deploy output goes to `<context>/.wharf-tmp/deploy` */
  context: string;
  /** source folders whose content decides whether the image must be rebuilt */
  inputs: string[];
}

export const APP_IMAGES: readonly AppImage[] = [
  { key: 'whoami', image: WHOAMI_IMAGE, pkg: '@wharf/whoami', dockerfile: join(E2E_DOCKER_DIR, 'images/whoami.Dockerfile'), context: resolve(REPO_ROOT, 'apps/whoami'),
    inputs: ['apps/whoami/src', 'apps/whoami/package.json'] },
  { key: 'wharf', image: WHARF_IMAGE, pkg: '@wharf/app', dockerfile: resolve(REPO_ROOT, 'apps/wharf/Dockerfile'), context: resolve(REPO_ROOT, 'apps/wharf'),
    inputs: ['packages', 'apps/wharf/src', 'apps/wharf/bin', 'apps/wharf/package.json', 'apps/dashboard/src', 'apps/dashboard/package.json'] },
];

const SKIP = new Set(['node_modules', 'dist', '.wharf-tmp', 'coverage']);

/** Hash of every file under `dir` (names and contents; build output skipped), to skip unchanged image builds. */
export async function hashTree(dir: string, hash = createHash('sha256')): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isFile()) return hash.update(dir).update(await readFile(dir)).copy().digest('hex').slice(0, 16);
  if (!info) return hash.copy().digest('hex').slice(0, 16);
  const walk = async (d: string): Promise<void> => {
    const entries = (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (SKIP.has(e.name)) continue;
      const p = join(d, e.name);
      hash.update(p.slice(dir.length));
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) hash.update(await readFile(p));
      else if (e.isSymbolicLink()) hash.update(String((await stat(p).catch(() => undefined))?.size));
    }
  };
  await walk(dir);
  return hash.copy().digest('hex').slice(0, 16);
}

async function hashInputs(app: AppImage, base: string): Promise<string> {
  const hash = createHash('sha256').update(base).update(await readFile(app.dockerfile));
  for (const input of app.inputs) await hashTree(resolve(REPO_ROOT, input), hash);
  return hash.digest('hex').slice(0, 16);
}

/** The two documented commands (docs/docker.md): build the package and its deps, then deploy it. */
export async function deployPackage(pkg: string, outDir: string): Promise<void> {
  await runCommand(PNPM, ['--filter', `${pkg}...`, 'run', 'build'], { cwd: REPO_ROOT });
  await rm(outDir, { recursive: true, force: true });
  await runCommand(PNPM, ['--filter', pkg, 'deploy', '--prod', outDir], { cwd: REPO_ROOT });
}

/** Build, deploy and `docker build` one app image, unless its source inputs are unchanged. */
export async function buildAppImage(app: AppImage, base: string): Promise<string> {
  const hash = await hashInputs(app, base);
  const current = await runCommand('docker', ['image', 'inspect', '--format', '{{ index .Config.Labels "wharf.hash" }}', app.image], { allowFailure: true });
  if (current.code === 0 && current.stdout.trim() === hash && process.env.WHARF_E2E_REBUILD !== '1') return app.image;
  const deployDir = join(app.context, '.wharf-tmp/deploy');
  try {
    await deployPackage(app.pkg, deployDir);
  } catch (err) {
    // a shared checkout in flux: off CI, an existing image beats no image (said out loud)
    if (process.env.CI === 'true' || current.code !== 0) throw err;
    console.warn(`[wharf e2e] building ${app.pkg} failed; using the existing ${app.image}:\n${(err as Error).message.slice(0, 500)}`);
    return app.image;
  }
  await runCommand('docker', [
    'build', '-q', '-f', app.dockerfile, '--build-arg', `BASE=${base}`, '--label', `wharf.hash=${hash}`, '-t', app.image, app.context,
  ], { timeoutMs: 300_000 });
  return app.image;
}

export interface BuiltImages {
  base: string;
  whoami: string;
  wharf: string;
}

/** `wharf-node-base:local`, `wharf-whoami:local` and `wharf:local`, each rebuilt only when its input changed. */
export async function buildImages(only: Array<'whoami' | 'wharf'> = ['whoami', 'wharf']): Promise<BuiltImages> {
  const base = await buildBaseImage(BASE_IMAGE);
  for (const app of APP_IMAGES.filter((a) => only.includes(a.key))) await buildAppImage(app, base);
  return { base, whoami: WHOAMI_IMAGE, wharf: WHARF_IMAGE };
}
