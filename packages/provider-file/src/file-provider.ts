import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { silentLogger, type Diagnostic, type EmitSnapshot, type Provider } from '@wharf/config';
import { buildConfig } from './build-config.js';
import { FileWatchError, fileProviderOptionsError } from './errors.js';
import { listConfigFiles, loadFiles } from './load-files.js';
import type { FileProviderDeps, FileProviderOptions } from './options.js';
import { isConfigFile, type ParsedFile } from './parsed-file.js';

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
      const lastGood = new Map<string, ParsedFile>();
      const reload = async (): Promise<void> => {
        try {
          const paths = isDir ? await listConfigFiles(target) : [target];
          const { files, diagnostics } = await loadFiles(paths, lastGood, logger);
          if (!existsSync(target)) diagnostics.push(missingTarget(target));
          if (!signal.aborted) emit(buildConfig(files, diagnostics));
        } catch (err) {
          logger.error('file provider: reload failed', { err, path: target });
        }
      };
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
      const watcher = await openWatcher(watchRoot, isDir ? undefined : basename(target));
      try {
        await reload();
        await followChanges(watcher, watchRoot, { isDir, debounceMs, reload }, signal);
      } finally {
        await watcher.close();
      }
    },
  };
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
  watcher.on('all', (event, path) => {
    if (opts.isDir && (event === 'add' || event === 'change' || event === 'unlink') && !isConfigFile(path)) return;
    // chokidar does not see a removed root come back: re-read (its files are gone), then end the watch
    const rootGone = event === 'unlinkDir' && path === root;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(opts.reload).then(() => {
        if (rootGone && !existsSync(root)) fail(FileWatchError(root, 'the directory was removed'));
      });
    }, opts.debounceMs);
  });
  watcher.on('error', (err) => fail(FileWatchError(root, err instanceof Error ? err.message : String(err))));
  try {
    await Promise.race([waitForAbort(signal), failed]);
  } finally {
    clearTimeout(timer);
    await running;
  }
}

function missingTarget(target: string): Diagnostic {
  return {
    provider: 'file',
    source: target,
    code: 'WHARF_FILE_MISSING',
    severity: 'warning',
    message: `${target} does not exist (yet): watching for it`,
  };
}

function openWatcher(root: string, onlyName: string | undefined): Promise<FSWatcher> {
  const watcher = chokidarWatch(root, {
    ignoreInitial: true,
    ...(onlyName ? { depth: 0, ignored: (path: string) => path !== root && basename(path) !== onlyName } : {}),
  });
  return new Promise((resolveReady) => watcher.once('ready', () => resolveReady(watcher)));
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}

/** Polls (every 500 ms) until `path` exists or the signal aborts. */
async function waitForPath(path: string, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && !existsSync(path)) {
    await new Promise<void>((done) => {
      const timer = setTimeout(done, 500);
      signal.addEventListener('abort', () => { clearTimeout(timer); done(); }, { once: true });
    });
  }
}
