export * from './kv-pair.js';
export { buildKvTree, type KvTree, type KvNode, type KvBranch, type KvTreeIssue } from './kv-tree.js';
export { decodeKv, type DecodeKvOptions } from './decode-kv.js';
export { encodeKv, type EncodedKv, type EncodeIssue } from './encode-kv.js';
