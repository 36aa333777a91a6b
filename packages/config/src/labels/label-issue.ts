import type { DecodeIssue } from '../decode/decode-issue.js';

/** Label-specific issue codes (stable; see docs/errors.md). */
export const LABEL_IGNORED = 'WHARF_LABEL_IGNORED';
export const LABEL_CLASH = 'WHARF_LABEL_CLASH';
export const LABEL_BAD_KEY = 'WHARF_LABEL_BAD_KEY';
export const LABEL_URL_WITH_PORT = 'WHARF_LABEL_URL_WITH_PORT';
export const LABEL_MIDDLEWARE_TYPE = 'WHARF_LABEL_MIDDLEWARE_TYPE';
/** an element name containing `@` (reserved for `name@provider`) */
export const CONFIG_BAD_NAME = 'WHARF_CONFIG_BAD_NAME';

export type LabelElementKind = 'router' | 'service' | 'middleware';

/** A decode issue whose `path` is always a full label key (`traefik.http.routers.r.rule`). */
export interface LabelIssue extends DecodeIssue {
  severity: 'error' | 'warning';
  /** the element the issue disabled (dropped), name as written */
  element?: { kind: LabelElementKind; name: string; protocol: 'http' | 'tcp' | 'udp' };
}
