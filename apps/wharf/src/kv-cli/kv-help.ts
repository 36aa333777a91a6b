import { optionHelpLines } from '../static/index.js';
import { KvCliSchema } from './kv-args.js';

/** `wharf kv --help`. */
export function kvHelp(): string {
  return [
    'Usage: wharf kv put [--providers.etcd.* | --providers.redis.*] FILE',
    '       wharf kv get [--providers.etcd.* | --providers.redis.*]',
    '',
    'Moves dynamic configuration between files and a KV store, in Traefik\'s KV layout',
    '(<rootKey>/http/routers/<name>/rule, …/entrypoints/0, …/services/<name>/loadbalancer/servers/0/url).',
    '',
    '  put FILE  read a dynamic-configuration file (YAML or TOML, as providers.file reads it),',
    '            check it, and replace the tree under the root key with it: changed keys are',
    '            written, then keys the file no longer has are deleted; other trees are untouched.',
    '            Nothing is written when the file has an error.',
    '  get       print the tree under the root key as dynamic-configuration YAML (what the',
    '            etcd/redis provider would serve); problems with keys go to stderr, exit 1.',
    '',
    'Name the store with the providers\' own static options (Traefik names, same validation):',
    ...optionHelpLines(KvCliSchema),
    '',
    'Examples:',
    '  wharf kv put --providers.etcd.endpoints=127.0.0.1:2379 dynamic.yml',
    '  wharf kv get --providers.redis.endpoints=127.0.0.1:6379 --providers.redis.rootKey=edge > dynamic.yml',
    '',
  ].join('\n');
}
