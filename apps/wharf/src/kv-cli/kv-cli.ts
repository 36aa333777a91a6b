import { readFile } from 'node:fs/promises';
import type { Diagnostic, DynamicConfig, ProviderSnapshot } from '@wharf/config';
import { buildConfig, parseConfigText } from '@wharf/provider-file';
import { getEtcdTree, getRedisTree, putEtcdTree, putRedisTree, type KvPutResult } from '@wharf/provider-kv';
import { stringify } from 'yaml';
import { parseKvArgs, type KvTarget } from './kv-args.js';
import { kvHelp } from './kv-help.js';

export interface KvIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `wharf kv …`; resolves with the exit code (0 done, 1 failed, 2 usage). */
export async function runKv(argv: readonly string[], io: KvIo): Promise<number> {
  const args = parseKvArgs(argv);
  if (args.help || args.command === 'help') {
    io.stdout(kvHelp());
    return 0;
  }
  const usage = usageProblem(args.command, args.files);
  const problems = [...args.problems.map((p) => p.message), ...(usage ? [usage] : [])];
  if (!args.target && problems.length === 0) problems.push('name the store: --providers.etcd.endpoints=HOST:PORT or --providers.redis.endpoints=HOST:PORT');
  if (problems.length > 0 || !args.target) {
    io.stderr(`wharf kv: ${problems.join('\n  ')}\nRun "wharf kv --help" for usage.\n`);
    return 2;
  }
  try {
    if (args.command === 'put') return await put(args.target, args.files[0]!, io);
    return await get(args.target, io);
  } catch (err) {
    const code = (err as { code?: string }).code;
    io.stderr(`wharf kv: ${(err as Error).message}${code ? ` (${code})` : ''}\n`);
    return 1;
  }
}

function usageProblem(command: string | undefined, files: string[]): string | undefined {
  if (command === 'put') return files.length === 1 ? undefined : 'kv put takes exactly one FILE';
  if (command === 'get') return files.length === 0 ? undefined : `kv get takes no FILE (got ${files.join(' ')})`;
  return command === undefined ? 'expected a command: put or get' : `unknown command "${command}": expected put or get`;
}

async function put(target: KvTarget, file: string, io: KvIo): Promise<number> {
  const parsed = parseConfigText(file, await readFile(file, 'utf8'));
  if (!parsed.ok) {
    const at = parsed.position ? `${file}:${parsed.position.line}:${parsed.position.col}` : file;
    io.stderr(`wharf kv: cannot parse ${at}: ${parsed.message}\n`);
    return 1;
  }
  const { config, diagnostics } = buildConfig([parsed.file]);
  if (report(diagnostics, io)) {
    io.stderr('wharf kv: nothing written: fix the file first\n');
    return 1;
  }
  const result: KvPutResult = target.kind === 'etcd' ? await putEtcdTree(target.options, config) : await putRedisTree(target.options, config);
  if (result.issues.length > 0) {
    for (const issue of result.issues) io.stderr(`  ${issue.message} (${issue.code})\n`);
    io.stderr('wharf kv: nothing written\n');
    return 1;
  }
  const root = target.options.rootKey ?? 'traefik';
  io.stdout(`${result.store}: ${root}/ now holds ${result.keys} keys (${result.written} written, ${result.deleted} deleted)\n`);
  return 0;
}

async function get(target: KvTarget, io: KvIo): Promise<number> {
  const snapshot: ProviderSnapshot = target.kind === 'etcd' ? await getEtcdTree(target.options) : await getRedisTree(target.options);
  io.stdout(stringify(pruned(snapshot.config)));
  return report(snapshot.diagnostics, io) ? 1 : 0;
}

/** Prints diagnostics; true when any is an error. */
function report(diagnostics: Diagnostic[], io: KvIo): boolean {
  for (const d of diagnostics) io.stderr(`  ${d.severity}: ${d.message} (${d.code}${d.source && !d.message.includes(d.source) ? `, ${d.source}` : ''})\n`);
  return diagnostics.some((d) => d.severity === 'error');
}

/** Drops empty sections so `get` prints only what is there (`{}` for an empty tree). */
function pruned(config: DynamicConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [protocol, sections] of Object.entries(config)) {
    const kept = Object.fromEntries(Object.entries(sections ?? {}).filter(([, v]) => !isEmpty(v)));
    if (Object.keys(kept).length > 0) out[protocol] = kept;
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}
