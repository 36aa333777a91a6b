import type { TSchema } from '@sinclair/typebox';
import { describeSchema } from '@wharf/config';
import { StaticConfigSchema } from './schema.js';

type Node = TSchema & {
  type?: string;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  anyOf?: Node[];
  default?: unknown;
  description?: string;
};

interface HelpLine {
  flag: string;
  text: string;
}

/** Objects that `--flag` alone enables: optional, not a map, with no required field. */
function isPresence(node: Node & { required?: string[] }, path: string, inRecord: boolean): boolean {
  const mandatory = (node.required ?? []).filter((key) => node.properties?.[key]?.default === undefined);
  return path !== '' && !inRecord && !('default' in node) && !node.patternProperties && mandatory.length === 0;
}

function collect(node: Node, path: string, out: HelpLine[], inRecord = false): void {
  const record = node.patternProperties ? Object.values(node.patternProperties)[0] : undefined;
  if (node.type === 'object' && (node.properties || record)) {
    if (isPresence(node, path, inRecord)) out.push({ flag: `--${path}`, text: `enable${node.description ? ` (${node.description})` : ''}` });
    for (const [key, child] of Object.entries(node.properties ?? {})) collect(child, path === '' ? key : `${path}.${key}`, out);
    if (record && record.type === 'object' && record.properties) collect(record, `${path}.<name>`, out, true);
    else if (record && path !== '') {
      const what = record.type === 'object' || (record.type === undefined && !record.anyOf) ? 'free-form' : describeSchema(record as Parameters<typeof describeSchema>[0]);
      out.push({ flag: `--${path}.<name>${record.type === 'object' ? '.…' : ''}`, text: [what, node.description].filter(Boolean).join('; ') });
    }
    return;
  }
  const parts = [describeSchema(node as Parameters<typeof describeSchema>[0])];
  if (node.default !== undefined) parts.push(`default: ${JSON.stringify(node.default)}`);
  if (node.description && !node.description.startsWith('expected:')) parts.push(node.description);
  out.push({ flag: `--${path}`, text: parts.join('; ') });
}

/** One help line per option of `schema` (`  --flag  type; default: …`), as `wharf --help` prints them. */
export function optionHelpLines(schema: TSchema): string[] {
  const lines: HelpLine[] = [];
  collect(schema as Node, '', lines);
  const width = Math.min(60, Math.max(...lines.map((l) => l.flag.length)));
  return lines.map((l) => `  ${l.flag.padEnd(width)}  ${l.text}`);
}

/** `wharf --help`: every static option from the schema, Traefik spelling, with defaults. */
export function staticHelp(): string {
  const body = optionHelpLines(StaticConfigSchema);
  return [
    'Usage: wharf [--flag=value | --flag value | --flag] ...',
    '',
    'Static configuration (Traefik names; keys are case-insensitive). Sources, later wins:',
    '  file (--configFile, else wharf.yml|yaml|toml, traefik.yml|yaml|toml in . /etc/wharf /etc/traefik)',
    '  < environment (WHARF_ENTRYPOINTS_WEB_ADDRESS=:80, TRAEFIK_* too) < flags.',
    '',
    'Options:',
    ...body,
    '',
    '  --help, -h  show this help      --version  print the version',
    '',
  ].join('\n');
}
