/**
 * A certificate subject as Go's `pkix.Name.String()` prints it (Traefik's access-log
 * `TLSClientSubject`), from the subject object of Node's `getPeerCertificate()` (OpenSSL short
 * names, repeated attributes as arrays).
 *
 * Go's order is fixed, not the certificate's: SERIALNUMBER, CN, OU, O, POSTALCODE, STREET, L, ST,
 * C, then every other attribute as `<oid>=#<hex of its DER value>`, most specific first. Several
 * values of one attribute share one RDN, joined with `+`; of CN and SERIALNUMBER the last one
 * counts (Go keeps one). Values are escaped as Go does (RFC 4514's specials).
 */
export type PeerSubject = Readonly<Record<string, string | readonly string[] | undefined>>;

/** OpenSSL short name → Go's name, in the order Go prints them */
const GO_ORDER: ReadonlyArray<readonly [string, string]> = [
  ['serialNumber', 'SERIALNUMBER'], ['CN', 'CN'], ['OU', 'OU'], ['O', 'O'], ['postalCode', 'POSTALCODE'],
  ['street', 'STREET'], ['L', 'L'], ['ST', 'ST'], ['C', 'C'],
];
const SINGLE = new Set(['serialNumber', 'CN']);
const KNOWN = new Set(GO_ORDER.map(([short]) => short));

/** OIDs of the other attributes OpenSSL names (Go prints them by OID) */
const OIDS: Readonly<Record<string, string>> = {
  emailAddress: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
  SN: '2.5.4.4',
  title: '2.5.4.12',
  description: '2.5.4.13',
  businessCategory: '2.5.4.15',
  name: '2.5.4.41',
  GN: '2.5.4.42',
  initials: '2.5.4.43',
  generationQualifier: '2.5.4.44',
  dnQualifier: '2.5.4.46',
  pseudonym: '2.5.4.65',
  organizationIdentifier: '2.5.4.97',
  jurisdictionL: '1.3.6.1.4.1.311.60.2.1.1',
  jurisdictionST: '1.3.6.1.4.1.311.60.2.1.2',
  jurisdictionC: '1.3.6.1.4.1.311.60.2.1.3',
};

const values = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** Go's escaping in `RDNSequence.String` */
function escape(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((c, i) => {
    const special = ',+"\\<>;'.includes(c) || (c === ' ' && (i === 0 || i === chars.length - 1)) || (c === '#' && i === 0);
    out += special ? `\\${c}` : c;
  });
  return out;
}

/** Go's asn1.Marshal of a string: PrintableString when every character allows it, else UTF8String */
function derHex(value: string): string {
  const body = Buffer.from(value, 'utf8');
  const tag = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? 0x13 : 0x0c;
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]).toString('hex');
}

export function goSubjectString(subject: PeerSubject): string {
  const rdns: string[] = [];
  for (const [short, go] of GO_ORDER) {
    let list = values(subject[short]);
    // Go keeps one CN and one serial number (the last), and prints them only when not empty
    if (SINGLE.has(short)) list = list.slice(-1).filter((v) => v !== '');
    if (list.length > 0) rdns.push(list.map((v) => `${go}=${escape(v)}`).join('+'));
  }
  const extras: string[] = [];
  for (const [short, v] of Object.entries(subject)) {
    if (KNOWN.has(short)) continue;
    const oid = /^\d+(\.\d+)+$/.test(short) ? short : OIDS[short];
    // an attribute without a known OID: its OpenSSL name, the closest wharf can print
    for (const value of values(v)) extras.push(oid === undefined ? `${short}=${escape(value)}` : `${oid}=#${derHex(value)}`);
  }
  return [...rdns, ...extras.reverse()].join(',');
}
