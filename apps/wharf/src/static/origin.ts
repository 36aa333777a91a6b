import type { DecodeIssue } from '@wharf/config';
import type { StaticConfigProblem } from './errors.js';

interface Position {
  line: number;
  col: number;
}

/** Where a static value came from, to name it the way the user wrote it. */
export type Origin =
  | { kind: 'flag'; flag: string; steps: string[]; value: string }
  | { kind: 'env'; name: string; prefix: string; tokens: string[]; value: string }
  | { kind: 'file'; file: string; locate(steps: Array<string | number>): Position | undefined };

/** `a.b[0].c` → ['a','b',0,'c'] */
export function pathSteps(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return steps;
}

function depthOf(path: string): number {
  return pathSteps(path).filter((s) => typeof s === 'string').length;
}

/** Turns a decode issue into a problem worded for its origin. */
export function problemFor(issue: DecodeIssue, origin: Origin): StaticConfigProblem {
  const unknown = issue.code === 'WHARF_CONFIG_UNKNOWN_KEY';
  const detail = issue.expected ? `expected ${issue.expected}, got ${issue.got}` : issue.message;
  if (origin.kind === 'flag') {
    const flag = `--${origin.flag}`;
    if (unknown) {
      const suggestion = issue.suggestion ? suggestFlag(origin, depthOf(issue.path), issue.suggestion) : undefined;
      return { origin: flag, code: issue.code, message: `unknown flag ${flag}${suggestion ? `: did you mean ${suggestion}?` : ''}`, ...(suggestion ? { suggestion } : {}) };
    }
    return { origin: flag, code: issue.code, message: `invalid value for ${flag}=${origin.value}: ${detail}` };
  }
  if (origin.kind === 'env') {
    return { origin: origin.name, code: issue.code, message: `invalid value for environment variable ${origin.name}=${origin.value}: ${unknown ? issue.message : detail}` };
  }
  const pos = origin.locate(pathSteps(issue.path));
  const where = pos ? `${origin.file}:${pos.line}:${pos.col}` : origin.file;
  if (unknown) {
    const hint = issue.suggestion ? `: did you mean "${issue.suggestion}"?` : '';
    return { origin: where, code: issue.code, message: `${where}: unknown key ${issue.path}${hint}`, ...(issue.suggestion ? { suggestion: issue.suggestion } : {}) };
  }
  return { origin: where, code: issue.code, message: `${where}: ${issue.path}: ${detail}` };
}

function suggestFlag(origin: Extract<Origin, { kind: 'flag' }>, depth: number, suggestion: string): string {
  const steps = [...origin.steps];
  // `depth` counts named steps only: a list index (`[0]`, from `domains[0]`) is not one
  const named = steps.flatMap((s, i) => (/^\[\d+\]$/.test(s) ? [] : [i]));
  if (depth >= 1 && depth <= named.length) steps[named[depth - 1]!] = suggestion;
  return `--${steps.join('.').replace(/\.\[/g, '[')}`;
}
