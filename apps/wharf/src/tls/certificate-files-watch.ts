import { stat } from 'node:fs/promises';
import type { TlsConfiguration } from '@wharf/config';
import { certificateFilesOf } from '@wharf/tls';

export interface CertificateFilesWatch {
  /** the TLS section just applied: its files are watched from their state now */
  watch(tls: TlsConfiguration | undefined): void;
  close(): void;
}

export interface CertificateFilesWatchOptions {
  /** how often the files are checked (default 300 ms: a change applies within about 2 periods) */
  intervalMs?: number;
  /** some files changed and then stayed the same for one period */
  onChange(files: string[]): void;
}

/** Changes when a file is rewritten or replaced (a rename, or a symlink swap as Kubernetes does for secrets). */
async function signature(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch (err) {
    return `missing:${(err as NodeJS.ErrnoException).code ?? ''}`;
  }
}

async function signatures(files: readonly string[]): Promise<Map<string, string>> {
  return new Map(await Promise.all(files.map(async (f) => [f, await signature(f)] as const)));
}

/**
 * Watches the certificate, key and CA files of the applied TLS configuration by polling their
 * `stat` (inotify misses a replaced symlink target; a handful of files costs nothing). A change is
 * reported once it has held for one period, so a certificate and its key written one after the
 * other are picked up together rather than as a mismatched pair. Traefik reads certificate files
 * only when the dynamic configuration changes; wharf applies a renewed file on its own.
 */
export function watchCertificateFiles(o: CertificateFilesWatchOptions): CertificateFilesWatch {
  const intervalMs = o.intervalMs ?? 300;
  let files: string[] = [];
  let known = new Map<string, string>();
  let pending: Map<string, string> | undefined;
  let epoch = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = (): void => {
    if (!closed && files.length > 0) timer = setTimeout(() => void tick(), intervalMs).unref();
  };

  async function tick(): Promise<void> {
    const at = epoch;
    const now = await signatures(files);
    if (closed || at !== epoch) return;
    const changed = files.filter((f) => now.get(f) !== known.get(f));
    if (changed.length === 0) pending = undefined;
    else if (pending !== undefined && changed.every((f) => pending!.get(f) === now.get(f))) {
      known = now;
      pending = undefined;
      o.onChange(changed);
    } else pending = now;
    schedule();
  }

  return {
    watch(tls) {
      const next = certificateFilesOf(tls);
      if (next.join('\n') === files.join('\n')) return;
      epoch += 1;
      clearTimeout(timer);
      files = next;
      pending = undefined;
      const at = epoch;
      void signatures(files).then((s) => {
        if (at !== epoch) return;
        known = s;
        schedule();
      });
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
