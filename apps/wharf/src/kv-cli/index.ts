export { runKv } from './kv-cli.js';
