import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { runCommand } from './run-command.js';

export const BASE_IMAGE = 'wharf-node-base:local';

/** Shared libraries `ldd` lists for a binary (absolute paths only). */
export function parseLdd(output: string): string[] {
  const paths = new Set<string>();
  for (const line of output.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) paths.add(m[1]!);
  }
  return [...paths];
}

/** The label that identifies which node binary an image was made from. */
function nodeFingerprint(): string {
  return `${process.execPath}@${process.version}`;
}

async function imageLabel(image: string, label: string): Promise<string | undefined> {
  const result = await runCommand('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${label}" }}`, image], { allowFailure: true });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** NSS modules glibc loads at run time for name lookups (never listed by ldd). */
async function nssLibraries(libDir: string): Promise<string[]> {
  const names = await readdir(libDir).catch(() => [] as string[]);
  return names.filter((n) => /^(libnss_(files|dns)|libresolv)\.so/.test(n)).map((n) => join(libDir, n));
}

/**
 * `wharf-node-base:local`: this machine's `node` plus the libraries it links, imported as a
 * rootfs (no registry needed). Rebuilt only when the node binary changes.
 */
export async function buildBaseImage(image = BASE_IMAGE): Promise<string> {
  const fingerprint = nodeFingerprint();
  if ((await imageLabel(image, 'wharf.node')) === fingerprint) return image;
  const rootfs = await mkdtemp(join(tmpdir(), 'wharf-rootfs-'));
  try {
    const libs = parseLdd((await runCommand('ldd', [process.execPath])).stdout);
    const extra = libs.length > 0 ? await nssLibraries(dirname(libs.find((l) => l.includes('libc.so')) ?? libs[0]!)) : [];
    await copyInto(rootfs, process.execPath, '/usr/local/bin/node');
    for (const lib of [...libs, ...extra]) await copyInto(rootfs, lib, lib);
    await writeMinimalEtc(rootfs);
    await importRootfs(rootfs, image, fingerprint);
  } finally {
    await rm(rootfs, { recursive: true, force: true });
  }
  return image;
}

async function copyInto(rootfs: string, from: string, to: string): Promise<void> {
  const target = join(rootfs, to);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(from, target);
  await chmod(target, 0o755);
}

async function writeMinimalEtc(rootfs: string): Promise<void> {
  await mkdir(join(rootfs, 'etc'), { recursive: true });
  await mkdir(join(rootfs, 'tmp'), { recursive: true });
  await chmod(join(rootfs, 'tmp'), 0o1777);
  await writeFile(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/usr/local/bin/node\nnobody:x:65534:65534:nobody:/nonexistent:/usr/local/bin/node\n');
  await writeFile(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  await writeFile(join(rootfs, 'etc/nsswitch.conf'), 'hosts: files dns\npasswd: files\ngroup: files\n');
  await mkdir(join(rootfs, 'root'), { recursive: true });
}

function importRootfs(rootfs: string, image: string, fingerprint: string): Promise<void> {
  const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return runCommand('docker', [
    'import', '-c', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', '-c', `LABEL wharf.node=${fingerprint}`,
    '-c', 'WORKDIR /', '-', image,
  ], { input: tar.stdout!, timeoutMs: 300_000 }).then(() => undefined);
}
