import type { TSchema } from '@sinclair/typebox';
import { suggest } from '@wharf/config';
import type { StaticConfigProblem } from './errors.js';
import type { Assignment } from './flags.js';
import { resolveEnvTokens } from './schema-path.js';
import { unsupportedOption, type UnsupportedNotice } from './unsupported-options.js';

const ENV_PREFIXES = ['WHARF_', 'TRAEFIK_'] as const;
/** Variables with a known prefix that belong to tooling, not to the static configuration (WHARF_DASHBOARD_DIR: `internal-entry-point.ts`). */
const IGNORED_ENV = new Set(['WHARF_SKIP_BUILD', 'WHARF_DASHBOARD_DIR']);

export interface ParsedEnv {
  assignments: Assignment[];
  problems: StaticConfigProblem[];
  /** known Traefik variables wharf does not implement (`unsupported-options.ts`) */
  unsupported: UnsupportedNotice[];
}

/**
 * `WHARF_ENTRYPOINTS_WEB_ADDRESS=:8000` (or `TRAEFIK_…`) → entryPoints.web.address. Paths are
 * matched case-insensitively ignoring `_` boundaries; an unknown variable is an error.
 */
export function parseEnv(env: Readonly<Record<string, string | undefined>>, schema: TSchema): ParsedEnv {
  const out: ParsedEnv = { assignments: [], problems: [], unsupported: [] };
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    const prefix = ENV_PREFIXES.find((p) => name.startsWith(p));
    if (prefix === undefined || value === undefined || IGNORED_ENV.has(name)) continue;
    const tokens = name.slice(prefix.length).split('_').filter((t) => t !== '');
    const resolution = resolveEnvTokens(schema, tokens);
    if (resolution.steps && resolution.steps.length > 0) {
      out.assignments.push({ steps: resolution.steps, value, origin: { kind: 'env', name, prefix, tokens, value } });
      continue;
    }
    const option = unsupportedOption(tokens);
    if (option !== undefined) {
      out.unsupported.push({ option, where: name });
      continue;
    }
    const suggestion = suggestEnv(prefix, tokens, resolution.failure);
    out.problems.push({
      origin: name,
      code: 'WHARF_CONFIG_UNKNOWN_KEY',
      message: `unknown environment variable ${name}${suggestion ? `: did you mean ${suggestion}?` : ''}`,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  return out;
}

function suggestEnv(prefix: string, tokens: string[], failure?: { at: number; length: number; candidates: string[] }): string | undefined {
  if (!failure) return undefined;
  for (let k = 1; k <= failure.length; k++) {
    const word = tokens.slice(failure.at, failure.at + k).join('');
    const hit = suggest(word, failure.candidates);
    if (hit) return prefix + [...tokens.slice(0, failure.at), hit.toUpperCase(), ...tokens.slice(failure.at + k)].join('_');
  }
  return undefined;
}
