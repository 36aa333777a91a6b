import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { silentLogger, type EmitSnapshot, type Logger, type Provider } from '@wharf/config';
import { FileWatchError, fileProviderOptionsError } from './errors.js';
import { createReader, workerAvailable } from './off-thread-reader.js';
import type { FileProviderDeps, FileProviderOptions } from './options.js';
import { isConfigFile } from './parsed-file.js';
import { MAX_DIRECTORY_DEPTH } from './walk-directory.js';

/**
 * Traefik's file provider: one file (`filename`) or every .yml/.yaml/.toml under `directory`
 * (recursive). Emits a full snapshot on start and after every change (debounced ~80 ms).
 * Watches the parent directory of `filename`, so atomic renames and delete/re-create work; a
 * missing directory is polled until it appears. When the watched directory is removed or the
 * watcher fails, `start` rejects with `WHARF_FILE_WATCH` and the provider runner restarts it.
 */
export function createFileProvider(options: FileProviderOptions, deps: FileProviderDeps = {}): Provider {
  if (options.filename && options.directory) throw fileProviderOptionsError('filename and directory are mutually exclusive');
  if (!options.filename && !options.directory) throw fileProviderOptionsError('set filename or directory');
  const target = resolve(options.filename ?? options.directory!);
  const isDir = options.directory !== undefined;
  const debounceMs = deps.throttleMs ?? 80;
  const logger = deps.logger ?? silentLogger;
  return {
    name: 'file',
    async start(emit: EmitSnapshot, signal: AbortSignal): Promise<void> {
      const read = createReader(deps.offThread ?? workerAvailable());
      const request = { target, isDir, ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}) };
      const reload = async (): Promise<void> => {
        const startedAt = performance.now();
        try {
          const { snapshot, files } = await read(request);
          if (signal.aborted) return;
          for (const d of snapshot.diagnostics) if (d.severity === 'error') logger.error(d.message, { file: d.source, code: d.code });
          logger.debug('file provider: configuration read', { path: target, files, diagnostics: snapshot.diagnostics.length, readMs: Math.round(performance.now() - startedAt) });
          emit(snapshot);
        } catch (err) {
          logger.error('file provider: reload failed', { err, path: target });
        }
      };
      try {
        await follow(reload, signal);
      } finally {
        await read.close();
      }
    },
  };

  async function follow(reload: () => Promise<void>, signal: AbortSignal): Promise<void> {
      if (options.watch === false) {
        await reload();
        return waitForAbort(signal);
      }
      const watchRoot = isDir ? target : dirname(target);
      if (!existsSync(watchRoot)) {
        await reload();
        await waitForPath(watchRoot, signal);
        if (signal.aborted) return;
      }
      const watcher = await openWatcher(watchRoot, isDir ? undefined : basename(target), logger);
      try {
        await reload();
        await followChanges(watcher, watchRoot, { isDir, debounceMs, reload }, signal);
      } finally {
        await watcher.close();
      }
  }
}

interface FollowOptions {
  isDir: boolean;
  debounceMs: number;
  reload(): Promise<void>;
}

/** Re-reads on every change (debounced) until the signal aborts; rejects when the watch ends. */
async function followChanges(watcher: FSWatcher, root: string, opts: FollowOptions, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  // chokidar does not see a removed root come back: once a change finds the root gone, re-read
  // (its files are gone) and end the watch. Judged by the root itself, not by chokidar having
  // reported its `unlinkDir`: under load the events for the files inside may be all that arrive
  watcher.on('all', (event, path) => {
    if (opts.isDir && (event === 'add' || event === 'change' || event === 'unlink') && !isConfigFile(path)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(opts.reload).then(() => {
        if (!existsSync(root)) fail(FileWatchError(root, 'the directory was removed'));
      });
    }, opts.debounceMs);
  });
  watcher.on('error', (err) => {
    // a symlink loop is reported by the re-read (WHARF_FILE_LOOP), it does not end the watch
    if (isLoopError(err)) return;
    fail(FileWatchError(root, err instanceof Error ? err.message : String(err)));
  });
  try {
    await Promise.race([waitForAbort(signal), failed]);
  } finally {
    clearTimeout(timer);
    await running;
  }
}


function isLoopError(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ELOOP';
}

/**
 * True for a directory that is one of its own logical ancestors once symlinks are resolved
 * (`self -> .`), or deeper than MAX_DIRECTORY_DEPTH: chokidar follows symlinks and would walk a
 * loop forever (chokidar's own `depth` option is not used: with it, a removed root goes unseen).
 */
function loopsBack(root: string, path: string, cache: Map<string, string>): boolean {
  const real = (p: string): string => {
    let r = cache.get(p);
    if (r === undefined) {
      try {
        r = realpathSync(p);
      } catch {
        r = p;
      }
      cache.set(p, r);
    }
    return r;
  };
  if (path === root || !path.startsWith(root)) return false;
  if (path.slice(root.length).split(sep).length > MAX_DIRECTORY_DEPTH + 2) return true; // bounded depth
  const self = real(path);
  for (let up = dirname(path); up.length >= root.length; up = dirname(up)) {
    if (real(up) === self) return true;
    if (up === root) break;
  }
  return false;
}

function openWatcher(root: string, onlyName: string | undefined, logger: Logger): Promise<FSWatcher> {
  const realCache = new Map<string, string>();
  const watcher = chokidarWatch(root, {
    ignoreInitial: true,
    ...(onlyName
      ? { depth: 0, ignored: (path: string) => path !== root && basename(path) !== onlyName }
      : { ignored: (path: string) => loopsBack(root, path, realCache) }),
  });
  // errors can come before 'ready' (ELOOP while scanning): never leave the watcher without a listener
  const early = (err: unknown): void => logger.debug('file provider: watcher error', { err, path: root });
  watcher.on('error', early);
  return new Promise((resolveReady) =>
    watcher.once('ready', () => {
      realCache.clear();
      resolveReady(watcher);
    }),
  );
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}

/** Polls (every 500 ms) until `path` exists or the signal aborts. */
async function waitForPath(path: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && !existsSync(path)) {
    await new Promise<void>((done) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        done();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        done();
      }, 500);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
