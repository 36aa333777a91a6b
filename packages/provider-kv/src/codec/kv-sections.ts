import type { TSchema } from '@sinclair/typebox';
import { DynamicConfigSchema } from '@wharf/config';

type SchemaNode = TSchema & { properties?: Record<string, SchemaNode>; patternProperties?: Record<string, SchemaNode> };

/** Every named-element section of the model (`http/routers`, `tls/options`, …): lower-cased `protocol/section` → the model's spelling. */
export const RECORD_SECTIONS: ReadonlyMap<string, readonly [string, string]> = new Map(
  Object.entries((DynamicConfigSchema as SchemaNode).properties!).flatMap(([protocol, node]) =>
    Object.entries(node.properties ?? {}).flatMap(([section, s]) =>
      (s.patternProperties ? [[`${protocol}/${section}`.toLowerCase(), [protocol, section] as const] as const] : []))),
);

const PROTOCOLS: ReadonlySet<string> = new Set(Object.keys((DynamicConfigSchema as SchemaNode).properties!).map((p) => p.toLowerCase()));

/** Prefix of the groups that decode whole: keys outside the root (`~`), an unknown protocol (`~htp`), a section of no named elements or an unknown one (`~tls/certificates`). */
export const WHOLE_GROUP = '~';

/**
 * The decode group of a key given its first three segments as spelt: `http/routers/api`
 * lower-cased for a named element; a `WHOLE_GROUP` id for the protocol or section otherwise, so
 * each decodes whole and keeps its place in key order.
 */
export function elementGroup(protocol: string, section: string, name: string): string {
  const lower = `${protocol}/${section}`.toLowerCase();
  if (RECORD_SECTIONS.has(lower)) return `${lower}/${name.toLowerCase()}`;
  return `${WHOLE_GROUP}${PROTOCOLS.has(protocol.toLowerCase()) ? lower : protocol.toLowerCase()}`;
}
