import { CONFIG_MISSING_KEY, CONFIG_UNKNOWN_KEY, decodeWithSchema, type DecodeIssue } from '@wharf/config';
import { loadConfigFile } from './config-file.js';
import { deepFreeze } from './deep-freeze.js';
import { parseEnv } from './env.js';
import { StaticConfigError, type StaticConfigProblem } from './errors.js';
import { parseFlags, type Assignment } from './flags.js';
import { mergeSources, originOf } from './merge-sources.js';
import { pathSteps, problemFor, type Origin } from './origin.js';
import { resolveStatic, type StaticConfigData, type StaticConfigInput } from './resolve.js';
import { StaticConfigSchema } from './schema.js';
import { takeUnsupported, type UnsupportedNotice } from './unsupported-options.js';

/** Deep-frozen at run time; typed without `readonly` so it passes into option types directly. */
export type StaticConfig = StaticConfigData;

export interface LoadStaticConfigOptions {
  /** command-line arguments after the program name */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** directories searched after cwd (default /etc/wharf, /etc/traefik) */
  searchDirs?: readonly string[];
}

function configFileFrom(assignments: Assignment[]): string | undefined {
  return assignments.findLast((a) => a.steps.length === 1 && a.steps[0]!.toLowerCase() === 'configfile')?.value;
}

function describeOrigin(origin: Origin | undefined, path: string): string {
  if (!origin) return 'static configuration';
  if (origin.kind === 'flag') return `--${origin.flag}`;
  if (origin.kind === 'env') return origin.name;
  const pos = origin.locate(pathSteps(path));
  return pos ? `${origin.file}:${pos.line}:${pos.col}` : origin.file;
}

/**
 * Static configuration from a file, env vars and flags, in that precedence (later wins):
 * Traefik reads only one source; wharf layers them so a flag can override one file value.
 * Throws `StaticConfigError` (code WHARF_STATIC_CONFIG) listing every problem, each named in
 * the user's spelling with a "did you mean" where one is close. The result is deep-frozen.
 */
export function loadStaticConfig(options: LoadStaticConfigOptions): StaticConfig {
  const flags = parseFlags(options.argv, StaticConfigSchema);
  const env = parseEnv(options.env, StaticConfigSchema);
  const problems: StaticConfigProblem[] = [...flags.problems, ...env.problems];
  const explicit = configFileFrom(flags.assignments) ?? configFileFrom(env.assignments);
  const file = loadConfigFile(explicit, options.cwd, options.searchDirs);
  problems.push(...file.problems);
  const { tree, origins } = mergeSources(file.data, [env.assignments, flags.assignments]);
  const located = (path: string): Origin | undefined => originOf(path, origins, file.origin);
  const notices: UnsupportedNotice[] = [...env.unsupported, ...takeUnsupported(tree, (path) => describeOrigin(located(path), path))];
  for (const { option, where } of notices) {
    if (option.refuse) problems.push({ origin: where, code: 'WHARF_STATIC_UNSUPPORTED', message: `${where}: ${option.reason}` });
  }
  const decoded = decodeWithSchema(StaticConfigSchema, tree);
  for (const issue of withoutEchoes(decoded.issues)) {
    const origin = located(issue.path);
    problems.push(origin ? problemFor(issue, origin) : { origin: 'static configuration', code: issue.code, message: issue.message });
  }
  if (decoded.value === undefined || problems.length > 0) throw new StaticConfigError(problems);
  const resolved = resolveStatic(decoded.value as StaticConfigInput, (path) => describeOrigin(located(path), path));
  if (resolved.problems.length > 0) throw new StaticConfigError(resolved.problems);
  const ignoredOptions = notices.filter((n) => !n.option.refuse).map(({ option, where }) => ({ where, reason: option.reason }));
  const config: StaticConfigData = { ...resolved.config, ...(file.path ? { configFile: file.path } : {}), ...(ignoredOptions.length > 0 && { ignoredOptions }) };
  return deepFreeze(config) as StaticConfig;
}

/** Drops "x is required" when a misspelt sibling already suggests `x` (one typo, one problem). */
function withoutEchoes(issues: DecodeIssue[]): DecodeIssue[] {
  const suggested = new Set(
    issues
      .filter((i) => i.code === CONFIG_UNKNOWN_KEY && i.suggestion)
      .map((i) => `${i.path.slice(0, i.path.lastIndexOf('.') + 1)}${i.suggestion}`.toLowerCase()),
  );
  return issues.filter((i) => i.code !== CONFIG_MISSING_KEY || !suggested.has(i.path.toLowerCase()));
}

/** What the command line asks for before any configuration is loaded. */
export function commandLineAction(argv: readonly string[]): 'help' | 'version' | 'run' {
  const flags = parseFlags(argv, StaticConfigSchema);
  if (flags.help) return 'help';
  if (flags.version) return 'version';
  return 'run';
}
