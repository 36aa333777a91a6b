import { WharfError } from '@wharf/config';

const STATIC_CONFIG_ERROR = 'WHARF_STATIC_CONFIG';

/** One reason start-up was refused, in the spelling the user used (flag, env var, file:line). */
export interface StaticConfigProblem {
  /** `--entrypoints.web.adress`, `WHARF_LOG_LEVEL`, `wharf.yml:3:5`, or `static configuration` */
  origin: string;
  code: string;
  message: string;
  /** the closest valid key, in the same spelling as `origin` */
  suggestion?: string;
}

export class StaticConfigError extends WharfError {
  readonly problems: readonly StaticConfigProblem[];
  constructor(problems: StaticConfigProblem[]) {
    super(STATIC_CONFIG_ERROR, 500, `invalid static configuration: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'StaticConfigError';
    this.problems = Object.freeze([...problems]);
  }
}

/** Multi-line text for the terminal: one problem per line (any other error: its message). */
export function formatStaticConfigError(err: unknown): string {
  if (!(err instanceof StaticConfigError)) return `wharf: ${err instanceof Error ? err.message : String(err)}`;
  const n = err.problems.length;
  const lines = [`wharf: invalid static configuration (${n} problem${n === 1 ? '' : 's'}):`];
  for (const p of err.problems) lines.push(`  - ${p.message}`);
  lines.push('Run "wharf --help" for the list of options.');
  return lines.join('\n');
}
