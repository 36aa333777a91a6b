import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

async function lines(format: string, level: string, write: (log: ReturnType<typeof createLogger>) => void): Promise<string[]> {
  dir = mkdtempSync(join(tmpdir(), 'wharf-log-'));
  const filePath = join(dir, 'wharf.log');
  const log = createLogger({ format, level, filePath });
  write(log);
  await new Promise((r) => setTimeout(r, 200)); // the file stream opens and drains asynchronously
  return readFileSync(filePath, 'utf8').split('\n').filter((l) => l !== '');
}

describe('createLogger', () => {
  it('JSON lines carry level (lower case), time (RFC 3339) and message like Traefik’s', async () => {
    const got = await lines('json', 'DEBUG', (log) => {
      log.debug({ provider: 'file' }, 'configuration received');
      log.info('started');
    });
    const recs = got.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs[0]).toMatchObject({ level: 'debug', message: 'configuration received', provider: 'file' });
    expect(recs[1]).toMatchObject({ level: 'info', message: 'started' });
    expect(String(recs[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });
});
