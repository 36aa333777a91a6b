import { Type, type Static } from '@sinclair/typebox';
import { decodeWithSchema } from '@wharf/config';
import { EtcdProviderOptionsSchema, RedisProviderOptionsSchema } from '@wharf/provider-kv/options';
import { mergeSources, originOf, parseFlags, problemFor, type StaticConfigProblem } from '../static/index.js';

/** The static options `wharf kv` reads: the same `providers.etcd|redis` as the providers. */
export const KvCliSchema = Type.Object({
  providers: Type.Object(
    { etcd: Type.Optional(EtcdProviderOptionsSchema), redis: Type.Optional(RedisProviderOptionsSchema) },
    { default: {} },
  ),
});
type KvCliOptions = Static<typeof KvCliSchema>;

export type KvTarget =
  | { kind: 'etcd'; options: NonNullable<KvCliOptions['providers']['etcd']> }
  | { kind: 'redis'; options: NonNullable<KvCliOptions['providers']['redis']> };

export interface KvArgs {
  help: boolean;
  /** `put`, `get`, or whatever else was typed first */
  command?: string;
  /** positional arguments after the command (`put`'s FILE) */
  files: string[];
  target?: KvTarget;
  problems: StaticConfigProblem[];
}

const UNEXPECTED = 'WHARF_STATIC_UNEXPECTED_ARGUMENT';

/**
 * `wharf kv <put|get> [flags] [FILE]`: flags through the static-config flag parser and schema
 * decoder, so they read and fail exactly as `wharf --providers.etcd.…` does.
 */
export function parseKvArgs(argv: readonly string[]): KvArgs {
  const flags = parseFlags(argv, KvCliSchema);
  const positionals = flags.problems.filter((p) => p.code === UNEXPECTED).map((p) => p.origin);
  const problems = flags.problems.filter((p) => p.code !== UNEXPECTED);
  const [command, ...files] = positionals;
  const out: KvArgs = { help: flags.help, files, problems, ...(command !== undefined ? { command } : {}) };
  const { tree, origins } = mergeSources(undefined, [flags.assignments]);
  const decoded = decodeWithSchema(KvCliSchema, tree);
  for (const issue of decoded.issues) {
    const origin = originOf(issue.path, origins);
    problems.push(origin ? problemFor(issue, origin) : { origin: 'flags', code: issue.code, message: issue.message });
  }
  const providers = decoded.value?.providers;
  if (!providers || problems.length > 0) return out;
  if (providers.etcd && providers.redis) {
    problems.push({ origin: '--providers', code: 'WHARF_KV_CLI_USAGE', message: 'give either --providers.etcd.* or --providers.redis.*, not both' });
  } else if (providers.etcd) out.target = { kind: 'etcd', options: providers.etcd };
  else if (providers.redis) out.target = { kind: 'redis', options: providers.redis };
  return out;
}
