import { spawn, type SpawnOptions } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  /** default 10 minutes */
  timeoutMs?: number;
  /** piped to stdin */
  input?: NodeJS.ReadableStream | string;
  /** resolve with a non-zero code instead of throwing */
  allowFailure?: boolean;
}

export class CommandError extends Error {
  readonly code = 'WHARF_E2E_COMMAND_FAILED';
  constructor(readonly command: string, readonly result: CommandResult) {
    super(`${command} exited with ${result.code}: ${result.stderr.trim().slice(-2000) || result.stdout.trim().slice(-2000)}`);
  }
}

/** Run a command to completion, bounded in time; throws a `CommandError` on failure. */
export function runCommand(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    if (typeof options.input === 'string') child.stdin!.end(options.input);
    else if (options.input) options.input.pipe(child.stdin!);
    else child.stdin!.end();
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr };
      if (result.code !== 0 && !options.allowFailure) reject(new CommandError(`${cmd} ${args.join(' ')}`, result));
      else resolve(result);
    });
  });
}
