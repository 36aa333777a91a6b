export * from './options.js';
export * from './errors.js';
export * from './storage/acme-json.js';
export * from './storage/storage-file.js';
export { domainsWanted, hostsOfRule, type WantedDomain } from './domains/domains-wanted.js';
export { HttpChallengeStore, type TlsAlpnChallenges } from './obtain/challenges.js';
export { createAcmeProvider, type AcmeProviderOptions } from './acme-provider.js';
