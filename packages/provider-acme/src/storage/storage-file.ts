import { copyFile, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { parseAcmeJson, type AcmeJson, type AcmeResolverData } from './acme-json.js';
import { AcmeStorageError } from '../errors.js';

/** The largest acme.json read (a hostile or runaway file must not exhaust memory). */
const MAX_STORAGE_BYTES = 16 * 1024 * 1024;

export interface LoadedStorage {
  data: AcmeJson;
  /** coded errors for a corrupt file or ignored entries; the resolver keeps going */
  issues: Error[];
}

/** Read `acme.json`; missing → empty; corrupt → empty plus an issue (the file is kept for the user). */
export async function loadStorage(file: string): Promise<LoadedStorage> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_STORAGE_BYTES) return { data: {}, issues: [AcmeStorageError(file, `larger than ${MAX_STORAGE_BYTES} bytes; ignored`)] };
    text = buf.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { data: {}, issues: [] };
    return { data: {}, issues: [AcmeStorageError.withCause(err, file, (err as Error).message)] };
  }
  const parsed = parseAcmeJson(text);
  return { data: parsed.data, issues: parsed.issues.map((i) => AcmeStorageError(file, i)) };
}

/**
 * Replace one resolver's entry, keeping the others (several resolvers may share a file, as in
 * Traefik). Written to a temporary file with mode 0600, fsynced, then renamed over the old one,
 * so a crash leaves either the old or the new file, never half of one.
 */
export async function saveResolver(file: string, resolver: string, entry: AcmeResolverData): Promise<void> {
  const current = await loadStorage(file);
  // a file wharf could not read is kept aside for the user, never silently overwritten
  if (current.issues.length > 0) await copyFile(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
  const data: AcmeJson = { ...current.data, [resolver]: entry };
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(data, null, 2) + '\n');
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw AcmeStorageError.withCause(err, file, `cannot write: ${(err as Error).message}`);
  }
}
