import { commandLineAction, formatStaticConfigError, loadStaticConfig, staticHelp, versionText } from './static/index.js';
import { startWharf } from './wharf.js';

/** `wharf [flags]`: Traefik-compatible static flags, env (WHARF_* / TRAEFIK_*) or a config file. */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'kv') {
    // the KV clients load only for `wharf kv`, not on every start
    const { runKv } = await import('./kv-cli/index.js');
    process.exitCode = await runKv(argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    return;
  }
  const action = commandLineAction(argv);
  if (action === 'help') {
    process.stdout.write(staticHelp());
    return;
  }
  if (action === 'version') {
    process.stdout.write(versionText());
    return;
  }
  let config;
  try {
    config = loadStaticConfig({ argv, env: process.env, cwd: process.cwd() });
  } catch (err) {
    process.stderr.write(`${formatStaticConfigError(err)}\n`);
    process.exitCode = 2;
    return;
  }
  let wharf;
  try {
    wharf = await startWharf(config);
  } catch (err) {
    process.stderr.write(`wharf: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    wharf.logger.info({ signal }, 'shutting down');
    wharf.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`wharf: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main(process.argv.slice(2));
