import type { Diagnostic, Logger } from '@wharf/config';

/** Logs each diagnostic once, when it appears (the API shows them all; logs tell the story). */
export function createDiagnosticLog(logger: Logger | undefined): (diagnostics: readonly Diagnostic[]) => void {
  let last = new Set<string>();
  return (diagnostics) => {
    const next = new Set<string>();
    for (const d of diagnostics) {
      const key = `${d.source}|${d.code}|${d.key ?? ''}|${d.message}`;
      next.add(key);
      if (last.has(key) || !logger) continue;
      const fields = { provider: 'dns', source: d.source, code: d.code, key: d.key, service: d.element?.name };
      if (d.severity === 'info') logger.info(d.message, fields);
      else if (d.severity === 'warning') logger.warn(d.message, fields);
      else logger.error(d.message, fields);
    }
    last = next;
  };
}
