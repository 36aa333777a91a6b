import { normalizeName } from './normalize-name.js';

export interface RuleTemplateData {
  /** the normalised base name */
  Name: string;
  ContainerName: string;
  Labels: Record<string, string>;
}

export interface RenderedRule {
  rule?: string;
  error?: string;
}

const ACTION = /\{\{-?\s*(.*?)\s*-?\}\}/g;

/**
 * A small Go text/template subset for `defaultRule`: `{{ .Name }}`, `{{ .ContainerName }}`,
 * `{{ normalize .Name }}`, `{{ index .Labels "k" }}` and `{{ normalize (index .Labels "k") }}`,
 * plus plain text. Anything else is reported, never guessed.
 */
export function renderDefaultRule(template: string, data: RuleTemplateData): RenderedRule {
  let error: string | undefined;
  const rule = template.replace(ACTION, (_whole, expr: string) => {
    const value = evaluate(expr.trim(), data);
    if (value === undefined) {
      error ??= `unsupported template expression {{ ${expr.trim()} }}`;
      return '';
    }
    return value;
  });
  if (error) return { error };
  return { rule: rule.trim() };
}

function evaluate(expr: string, data: RuleTemplateData): string | undefined {
  const normalize = /^normalize\s+(.+)$/.exec(expr);
  if (normalize) {
    const inner = evaluate(stripParens(normalize[1]!.trim()), data);
    return inner === undefined ? undefined : normalizeName(inner);
  }
  if (expr === '.Name') return data.Name;
  if (expr === '.ContainerName') return data.ContainerName;
  const index = /^index\s+\.Labels\s+"((?:[^"\\]|\\.)*)"$/.exec(expr);
  if (index) return data.Labels[index[1]!.replace(/\\(.)/g, '$1')] ?? '';
  const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(expr);
  if (literal) return literal[1]!.replace(/\\(.)/g, '$1');
  return undefined;
}

function stripParens(expr: string): string {
  return expr.startsWith('(') && expr.endsWith(')') ? expr.slice(1, -1).trim() : expr;
}
