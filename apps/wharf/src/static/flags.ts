import type { TSchema } from '@sinclair/typebox';
import type { StaticConfigProblem } from './errors.js';
import type { Origin } from './origin.js';
import { acceptsBareFlag, schemaAt } from './schema-path.js';

export interface Assignment {
  steps: string[];
  value: string;
  origin: Origin;
}

export interface ParsedFlags {
  assignments: Assignment[];
  problems: StaticConfigProblem[];
  help: boolean;
  version: boolean;
}

const BOOL = /^(true|false)$/i;

/**
 * Traefik-style flags: `--a.b=v`, `--a.b v` (space form), bare `--a.b` = true. The space form
 * only takes the next argument when it is not a flag, and for booleans/presence objects only
 * when it is `true|false`. `--help`/`-h` and `--version` are reported, not assigned.
 */
export function parseFlags(argv: readonly string[], schema: TSchema): ParsedFlags {
  const out: ParsedFlags = { assignments: [], problems: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help' || arg === 'help') {
      out.help = true;
      continue;
    }
    if (arg === '--version' || arg === 'version') {
      out.version = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      out.problems.push({ origin: arg, code: 'WHARF_STATIC_UNEXPECTED_ARGUMENT', message: `unexpected argument "${arg}" (flags look like --entrypoints.web.address=:80)` });
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    const key = eq >= 0 ? body.slice(0, eq) : body;
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    // Traefik's list syntax: `domains[0].main` → domains, [0], main (at most 3 digits: bounded)
    const steps = key.split('.').filter((s) => s !== '').flatMap((s) => {
      const m = /^(.+)(\[\d{1,3}\])$/.exec(s);
      return m === null ? [s] : [m[1]!, m[2]!];
    });
    if (value === undefined) {
      const next = argv[i + 1];
      const bare = acceptsBareFlag(schemaAt(schema, steps));
      if (next !== undefined && !next.startsWith('--') && (!bare || BOOL.test(next))) {
        value = next;
        i++;
      } else value = 'true';
    }
    out.assignments.push({ steps, value, origin: { kind: 'flag', flag: key, steps, value } });
  }
  return out;
}
