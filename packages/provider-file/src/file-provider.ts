import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { defineError, type Diagnostic, type EmitSnapshot, type Provider } from '@wharf/config';
import { buildConfig } from './build-config.js';
import { listConfigFiles, loadFiles } from './load-files.js';
import type { FileProviderDeps, FileProviderOptions } from './options.js';
import { isConfigFile, type ParsedFile } from './parsed-file.js';

export const fileProviderOptionsError = defineError(
  'WHARF_FILE_OPTIONS',
  500,
  (detail: string) => `providers.file: ${detail}`,
);

/**
 * Traefik's file provider: one file (`filename`) or every .yml/.yaml/.toml under `directory`
 * (recursive). Emits a full snapshot on start and after every change (debounced ~80 ms).
 * Watches the parent directory of `filename`, so atomic renames and delete/re-create work; a
 * missing directory is polled until it appears.
 */
export function createFileProvider(options: FileProviderOptions, deps: FileProviderDeps = {}): Provider {
  if (options.filename && options.directory) throw fileProviderOptionsError('filename and directory are mutually exclusive');
  if (!options.filename && !options.directory) throw fileProviderOptionsError('set filename or directory');
  const target = resolve(options.filename ?? options.directory!);
  const isDir = options.directory !== undefined;
  const debounceMs = deps.throttleMs ?? 80;
  return {
    name: 'file',
    async start(emit: EmitSnapshot, signal: AbortSignal): Promise<void> {
      const lastGood = new Map<string, ParsedFile>();
      const reload = async (): Promise<void> => {
        try {
          const paths = isDir ? await listConfigFiles(target) : [target];
          const { files, diagnostics } = await loadFiles(paths, lastGood, deps.logger);
          if (!existsSync(target)) diagnostics.push(missingTarget(target));
          if (!signal.aborted) emit(buildConfig(files, diagnostics));
        } catch (err) {
          deps.logger?.error('file provider: reload failed', { err, path: target });
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
      await reload();
      let timer: NodeJS.Timeout | undefined;
      let running = Promise.resolve();
      watcher.on('all', (event, path) => {
        if (isDir && (event === 'add' || event === 'change' || event === 'unlink') && !isConfigFile(path)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          running = running.then(reload);
        }, debounceMs);
      });
      watcher.on('error', (err) => deps.logger?.error('file provider: watch error', { err, path: watchRoot }));
      await waitForAbort(signal);
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
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
