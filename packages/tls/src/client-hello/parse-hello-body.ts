import { ByteReader, HelloFormatError } from './byte-reader.js';

/** What routing needs from a ClientHello (RFC 8446 §4.1.2, RFC 6066 §3, RFC 7301). */
export interface ClientHello {
  /** the `host_name` of the server_name extension, as sent ('' when absent) */
  sni: string;
  /** the ALPN protocols offered, in the client's order (empty when absent) */
  alpn: string[];
  /** `legacy_version` (0x0303 for TLS 1.2 and 1.3 clients) */
  legacyVersion: number;
  /** the supported_versions extension, when sent (TLS 1.3 clients) */
  supportedVersions?: number[];
}

const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
const EXT_SUPPORTED_VERSIONS = 43;

/** Parses the body of a ClientHello handshake message (after its 4-byte header). Throws HelloFormatError. */
export function parseHelloBody(body: Uint8Array): ClientHello {
  const r = new ByteReader(body);
  const legacyVersion = r.u16('legacy_version');
  r.skip(32, 'random');
  const sessionId = r.u8('legacy_session_id length');
  if (sessionId > 32) throw new HelloFormatError('legacy_session_id longer than 32 bytes');
  r.skip(sessionId, 'legacy_session_id');
  const suites = r.u16('cipher_suites length');
  if (suites < 2 || suites % 2 !== 0) throw new HelloFormatError('cipher_suites length must be even and at least 2');
  r.skip(suites, 'cipher_suites');
  const compression = r.u8('legacy_compression_methods length');
  if (compression < 1) throw new HelloFormatError('no compression method');
  r.skip(compression, 'legacy_compression_methods');
  const hello: ClientHello = { sni: '', alpn: [], legacyVersion };
  // extensions are optional before TLS 1.3
  if (r.remaining === 0) return hello;
  const extensions = r.sub(r.u16('extensions length'), 'extensions');
  if (r.remaining !== 0) throw new HelloFormatError('bytes after the extensions');
  const seen = new Set<number>();
  while (extensions.remaining > 0) {
    const type = extensions.u16('extension type');
    const data = extensions.sub(extensions.u16('extension length'), `extension ${type}`);
    if (seen.has(type)) throw new HelloFormatError(`extension ${type} sent twice`);
    seen.add(type);
    if (type === EXT_SERVER_NAME) hello.sni = serverName(data);
    else if (type === EXT_ALPN) hello.alpn = alpnProtocols(data);
    else if (type === EXT_SUPPORTED_VERSIONS) hello.supportedVersions = supportedVersions(data);
  }
  return hello;
}

function serverName(data: ByteReader): string {
  const list = data.sub(data.u16('server_name list length'), 'server_name list');
  if (data.remaining !== 0) throw new HelloFormatError('bytes after the server_name list');
  let name = '';
  while (list.remaining > 0) {
    const nameType = list.u8('server_name type');
    const length = list.u16('server_name length');
    if (nameType !== 0) {
      list.skip(length, 'server_name');
      continue;
    }
    if (name !== '') throw new HelloFormatError('several host_name entries in server_name');
    if (length === 0) throw new HelloFormatError('empty host_name');
    name = list.text(length, 'host_name');
    // ASCII letters, digits and punctuation only (IDNs are sent as punycode); no trailing dot (Go)
    if (!/^[\x21-\x7e]+$/.test(name)) throw new HelloFormatError('host_name is not printable ASCII');
    if (name.endsWith('.')) throw new HelloFormatError('host_name ends with a dot');
  }
  return name;
}

function alpnProtocols(data: ByteReader): string[] {
  const list = data.sub(data.u16('ALPN list length'), 'ALPN list');
  if (data.remaining !== 0) throw new HelloFormatError('bytes after the ALPN list');
  if (list.remaining === 0) throw new HelloFormatError('empty ALPN list');
  const out: string[] = [];
  while (list.remaining > 0) {
    const length = list.u8('ALPN protocol length');
    if (length === 0) throw new HelloFormatError('empty ALPN protocol');
    out.push(list.text(length, 'ALPN protocol'));
  }
  return out;
}

function supportedVersions(data: ByteReader): number[] {
  const length = data.u8('supported_versions length');
  if (length < 2 || length % 2 !== 0 || length !== data.remaining) throw new HelloFormatError('bad supported_versions length');
  const out: number[] = [];
  while (data.remaining > 0) out.push(data.u16('supported version'));
  return out;
}
