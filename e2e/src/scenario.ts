import { resolve } from 'node:path';
import { composeProject, downAll, type ComposeProject } from './compose.js';
import { buildImages, type BuiltImages } from './images.js';
import { E2E_DOCKER_DIR } from './repo-paths.js';
import { runCommand } from './run-command.js';
import { startWharf, type WharfProcess } from './start-wharf.js';

export interface DockerScenario {
  project: ComposeProject;
  images: BuiltImages;
  wharf: WharfProcess;
  stop(): Promise<void>;
}

export interface ScenarioOptions {
  /** extra wharf flags (after the docker provider flags) */
  wharfArgs?: string[];
  /** env for docker-compose interpolation (PROJECT, images are always set) */
  env?: NodeJS.ProcessEnv;
  /** do not start wharf (e.g. the top-level compose file runs its own) */
  noWharf?: boolean;
  /** TCP entry points wharf opens on free loopback ports (default ['web']) */
  entryPoints?: string[];
}

/**
 * The Docker provider flags every scenario uses: only this scenario's compose project is
 * visible (other engineers' containers on the shared engine never leak in), 100 ms throttle.
 */
export function dockerProviderFlags(projectName: string): string[] {
  return [
    '--providers.docker=true',
    '--providers.providersThrottleDuration=100ms',
    `--providers.docker.constraints=Label(\`com.docker.compose.project\`,\`${projectName}\`)`,
  ];
}

/** Build images, `up -d` e2e/docker/<folder>/compose.yml under a unique project, start wharf. */
export async function startScenario(folder: string, options: ScenarioOptions = {}): Promise<DockerScenario> {
  const images = await buildImages(['whoami']);
  const dir = resolve(E2E_DOCKER_DIR, folder);
  const project = composeProject(dir, { scenario: folder, env: { BASE_IMAGE: images.base, WHOAMI_IMAGE: images.whoami, ...options.env } });
  let wharf: WharfProcess | undefined;
  const stop = async (): Promise<void> => {
    await wharf?.stop();
    await project.down();
    await downAll();
  };
  try {
    await project.run(['up', '-d'], { timeoutMs: 180_000 });
    if (!options.noWharf) {
      wharf = await startWharf([...dockerProviderFlags(project.name), ...(options.wharfArgs ?? [])], {}, options.entryPoints ? { entryPoints: options.entryPoints } : {});
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { project, images, wharf: wharf!, stop };
}

/** A container's IP on one network (or its only one). */
export async function containerIP(id: string, network?: string): Promise<string> {
  const format = network ? `{{ (index .NetworkSettings.Networks "${network}").IPAddress }}` : '{{ range .NetworkSettings.Networks }}{{ .IPAddress }} {{ end }}';
  const { stdout } = await runCommand('docker', ['inspect', '-f', format, id]);
  return stdout.trim().split(' ')[0]!;
}

/** Server URLs of a service from the wharf API (`[]` while it does not exist). */
export async function serviceServers(wharf: WharfProcess, name: string): Promise<string[]> {
  const res = await fetch(`${wharf.apiURL}/api/http/services/${encodeURIComponent(name)}`, { signal: AbortSignal.timeout(5000) });
  if (res.status === 404) return [];
  const body = (await res.json()) as { loadBalancer?: { servers?: Array<{ url: string }> } };
  return (body.loadBalancer?.servers ?? []).map((s) => s.url).sort();
}

export interface ApiDiagnostic {
  code: string;
  source: string;
  severity: string;
  message: string;
  key?: string;
  suggestion?: string;
}

/** wharf's diagnostics (`/api/wharf/diagnostics`). */
export async function diagnostics(wharf: WharfProcess): Promise<ApiDiagnostic[]> {
  const res = await fetch(`${wharf.apiURL}/api/wharf/diagnostics`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`/api/wharf/diagnostics answered ${res.status}`);
  const body = (await res.json()) as ApiDiagnostic[] | { diagnostics?: ApiDiagnostic[] };
  return Array.isArray(body) ? body : body.diagnostics ?? [];
}
