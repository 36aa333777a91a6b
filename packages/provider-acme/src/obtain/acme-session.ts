import { readFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type * as AcmeClient from 'acme-client';
import { parseDuration } from '@wharf/config';
import type { AcmeResolverOptions, AcmeKeyType } from '../options.js';
import type { AcmeAccount, AcmeDomain } from '../storage/acme-json.js';
import { decodePem, encodePem } from '../storage/acme-json.js';
import { domainNames } from '../domains/domains-wanted.js';
import type { HttpChallengeStore, TlsAlpnChallenges } from './challenges.js';

export interface ObtainedCertificate {
  domain: AcmeDomain;
  certificatePem: string;
  keyPem: string;
}

export interface AcmeSessionDeps {
  options: AcmeResolverOptions;
  httpChallenges?: HttpChallengeStore;
  tlsAlpnChallenges?: TlsAlpnChallenges;
}

type Acme = typeof AcmeClient;

/**
 * acme-client (with node-forge, axios and asn1js: ~0.2 s of module loading) loads on the first
 * certificate request, so a wharf without a resolver never loads it.
 */
let loading: Promise<Acme> | undefined;
const loadAcme = (): Promise<Acme> => (loading ??= import('acme-client'));

const createKey = (acme: Acme, type: AcmeKeyType): Promise<Buffer> =>
  type === 'EC256' ? acme.crypto.createPrivateEcdsaKey('P-256')
  : type === 'EC384' ? acme.crypto.createPrivateEcdsaKey('P-384')
  : acme.crypto.createPrivateRsaKey(type === 'RSA2048' ? 2048 : 4096);

/** Trust `caCertificates` (+ system roots with `caSystemCertPool`) and check `caServerName`. */
async function trustAgent(options: AcmeResolverOptions): Promise<Agent | undefined> {
  if (!options.caCertificates?.length && !options.caServerName) return undefined;
  const ca = await Promise.all((options.caCertificates ?? []).map((f) => (f.includes('-----BEGIN') ? f : readFile(f, 'utf8'))));
  const roots = options.caSystemCertPool || ca.length === 0 ? [...rootCertificates, ...ca] : ca;
  const servername = options.caServerName;
  return new Agent({ ca: roots, ...(servername ? { servername, checkServerIdentity: (_h, cert) => (cert.subjectaltname?.includes(`DNS:${servername}`) ? undefined : new Error(`CA certificate is not for ${servername}`)) } : {}) });
}

/**
 * One ACME account at one CA: registers (or reuses the stored account), then obtains
 * certificates for domain sets with HTTP-01 or TLS-ALPN-01 through the injected stores.
 * acme-client's own retry is bounded (3 attempts, ≤ 5 s) so a dead CA fails fast and the
 * provider's backoff takes over.
 */
export class AcmeSession {
  #client: AcmeClient.Client | undefined;
  #account: AcmeAccount | undefined;

  constructor(private readonly deps: AcmeSessionDeps, stored: AcmeAccount | null) {
    if (stored?.PrivateKey) this.#account = stored;
  }

  get account(): AcmeAccount | undefined {
    return this.#account;
  }

  async #ensureClient(acme: Acme): Promise<AcmeClient.Client> {
    if (this.#client) return this.#client;
    const { options } = this.deps;
    const agent = await trustAgent(options);
    if (agent) acme.axios.defaults.httpsAgent = agent;
    // acme-client retries network errors 5 times with growing waits (~75 s on a dead CA) and then
    // throws a TypeError: one retry, 1 s, a 30 s timeout, and the provider's backoff does the rest
    const defaults = acme.axios.defaults as { acmeSettings?: Record<string, unknown> };
    defaults.acmeSettings = { ...defaults.acmeSettings, retryMaxAttempts: 1, retryDefaultDelay: 1 };
    acme.axios.defaults.timeout = options.clientTimeout === undefined ? 30_000 : Math.max(1_000, parseDuration(options.clientTimeout));
    const accountKey = this.#account ? decodePem(this.#account.PrivateKey) : (await acme.crypto.createPrivateRsaKey(2048)).toString();
    const client = new acme.Client({
      directoryUrl: options.caServer, accountKey, backoffAttempts: 3, backoffMin: 500, backoffMax: 5000,
      ...(this.#account?.Registration?.uri ? { accountUrl: this.#account.Registration.uri } : {}),
      ...(options.eab ? { externalAccountBinding: { kid: options.eab.kid, hmacKey: options.eab.hmacEncoded } } : {}),
    });
    if (!this.#account?.Registration?.uri) {
      const contact = accountContacts(options);
      const body = await client.createAccount({ termsOfServiceAgreed: true, ...(contact.length > 0 ? { contact } : {}) });
      this.#account = { Email: options.email ?? '', Registration: { uri: client.getAccountUrl(), body }, PrivateKey: encodePem(accountKey), KeyType: '2048' };
    }
    this.#client = client;
    return client;
  }

  async obtain(domain: AcmeDomain): Promise<ObtainedCertificate> {
    const acme = await loadAcme();
    let client: AcmeClient.Client;
    try {
      client = await this.#ensureClient(acme);
    } catch (err) {
      // acme-client's TypeError after a network failure hides the cause: name the CA instead
      if (err instanceof TypeError) throw new Error(`CA server ${this.deps.options.caServer} is unreachable`, { cause: err });
      throw err;
    }
    const { options, httpChallenges, tlsAlpnChallenges } = this.deps;
    const names = domainNames(domain);
    const key = await createKey(acme, options.keyType);
    const [, csr] = await acme.crypto.createCsr({ ...(options.disableCommonName ? {} : { commonName: names[0]! }), altNames: names }, key);
    const priority = [...(options.tlsChallenge && tlsAlpnChallenges ? ['tls-alpn-01'] : []), ...(options.httpChallenge && httpChallenges ? ['http-01'] : [])];
    if (priority.length === 0) throw new Error('no challenge configured (httpChallenge.entryPoint or tlsChallenge)');
    const certificatePem = await client.auto({
      csr, termsOfServiceAgreed: true, skipChallengeVerification: true, challengePriority: priority,
      ...(options.preferredChain ? { preferredChain: options.preferredChain } : {}),
      challengeCreateFn: async (authz, challenge, keyAuthorization) => {
        if (challenge.type === 'http-01') httpChallenges?.set(challenge.token, keyAuthorization);
        else {
          const [alpnKey, alpnCert] = await acme.crypto.createAlpnCertificate(authz, keyAuthorization);
          await tlsAlpnChallenges?.set(authz.identifier.value, alpnCert.toString(), alpnKey.toString());
        }
        // Traefik's `delay`: give a slow path to the challenge (a CDN, a replicated store) time first
        const delay = challengeDelayMs(options, challenge.type);
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      },
      challengeRemoveFn: async (authz, challenge) => {
        if (challenge.type === 'http-01') httpChallenges?.delete(challenge.token);
        else tlsAlpnChallenges?.delete(authz.identifier.value);
      },
    });
    return { domain, certificatePem, keyPem: key.toString() };
  }
}

/** The account's contacts: `email`, then `emailAddresses`, each once, as `mailto:` URIs. */
export function accountContacts(options: Pick<AcmeResolverOptions, 'email' | 'emailAddresses'>): string[] {
  const all = [options.email, ...(options.emailAddresses ?? [])].map((e) => e?.trim()).filter((e): e is string => e !== undefined && e !== '');
  return [...new Set(all)].map((e) => `mailto:${e}`);
}

/** `httpChallenge.delay` / `tlsChallenge.delay` in ms (bounded to 10 min), 0 without one. */
export function challengeDelayMs(options: Pick<AcmeResolverOptions, 'httpChallenge' | 'tlsChallenge'>, type: string): number {
  const delay = type === 'http-01' ? options.httpChallenge?.delay : options.tlsChallenge?.delay;
  return delay === undefined ? 0 : Math.min(Math.max(0, parseDuration(delay)), 600_000);
}
