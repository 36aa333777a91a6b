import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { runCommand, type CommandResult } from './run-command.js';

/** A docker-compose-safe unique name: lowercase letters and digits only. */
export function uniqueName(scenario: string): string {
  const clean = scenario.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `wharfe2e${clean}${randomBytes(3).toString('hex')}`;
}

export interface ComposeProject {
  /** the compose project name (unique per scenario run) */
  name: string;
  run(args: readonly string[], options?: { allowFailure?: boolean; timeoutMs?: number }): Promise<CommandResult>;
  /** `down -v --remove-orphans`, idempotent */
  down(): Promise<void>;
  /** container ids of a service */
  ids(service: string): Promise<string[]>;
}

const live = new Map<string, { dir: string; files: string[]; env: NodeJS.ProcessEnv }>();

function composeArgs(name: string, files: readonly string[], args: readonly string[]): string[] {
  return ['--compatibility', '--ansi', 'never', '-p', name, ...files.flatMap((f) => ['-f', f]), ...args];
}

/** docker-compose 1.29 with a unique project name; every project is torn down by `downAll()` or at exit. */
export function composeProject(
  projectDir: string, options: { scenario?: string; files?: string[]; env?: NodeJS.ProcessEnv } = {},
): ComposeProject {
  const name = uniqueName(options.scenario ?? 'scenario');
  const files = options.files ?? ['compose.yml'];
  /** `${PROJECT}` in compose files is the project name (e.g. `traefik.docker.network=${PROJECT}_back`) */
  const env = { ...process.env, ...options.env, PROJECT: name };
  live.set(name, { dir: projectDir, files, env });
  const run = (args: readonly string[], o: { allowFailure?: boolean; timeoutMs?: number } = {}) =>
    runCommand('docker-compose', composeArgs(name, files, args), { cwd: projectDir, env, timeoutMs: o.timeoutMs ?? 300_000, allowFailure: o.allowFailure });
  return {
    name,
    run,
    async down() {
      if (!live.has(name)) return;
      live.delete(name);
      await run(['down', '-v', '--remove-orphans', '-t', '2'], { allowFailure: true });
    },
    async ids(service) {
      const { stdout } = await run(['ps', '-q', service]);
      return stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    },
  };
}

/** Convenience: `compose(dir, ['up', '-d'])` on a fresh project; the caller owns `down()`. */
export async function compose(projectDir: string, args: readonly string[], scenario?: string): Promise<ComposeProject> {
  const project = composeProject(projectDir, { scenario });
  await project.run(args);
  return project;
}

/** Tear down every project this process created (call in `afterAll`). */
export async function downAll(): Promise<void> {
  for (const [name, p] of [...live]) {
    live.delete(name);
    await runCommand('docker-compose', composeArgs(name, p.files, ['down', '-v', '--remove-orphans', '-t', '1']), { cwd: p.dir, env: p.env, allowFailure: true });
  }
}

process.once('exit', () => {
  for (const [name, p] of live) {
    spawnSync('docker-compose', composeArgs(name, p.files, ['down', '-v', '--remove-orphans', '-t', '1']), { cwd: p.dir, env: p.env, stdio: 'ignore', timeout: 60_000 });
  }
});
