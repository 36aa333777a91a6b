import { X509Certificate } from 'node:crypto';
import { readFileOrContent } from '../certificates/file-or-content.js';
import { TLS_OPTIONS_INVALID, tlsError, type TlsIssue } from '../errors.js';

const CERT_BLOCKS = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * `clientAuth.caFiles` (paths or PEM) → the PEM certificates for Node's `ca` option. A file that
 * cannot be read, or holds no parseable certificate, is an error on the option set (Traefik:
 * "invalid certificate(s) in <file>").
 */
export function loadClientCas(optionsName: string, caFiles: readonly string[], issues: TlsIssue[]): string[] {
  const pems: string[] = [];
  for (const caFile of caFiles) {
    const read = readFileOrContent(caFile);
    if (!read.ok) {
      issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${optionsName}": cannot read clientAuth.caFiles ${read.source}: ${read.reason}`));
      continue;
    }
    const blocks = read.text.match(CERT_BLOCKS) ?? [];
    const valid = blocks.filter((block) => parses(block));
    if (valid.length === 0 || valid.length !== blocks.length) {
      issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${optionsName}": invalid certificate(s) in clientAuth.caFiles ${read.source}`));
      continue;
    }
    pems.push(...valid);
  }
  return pems;
}

function parses(block: string): boolean {
  try {
    new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
}
