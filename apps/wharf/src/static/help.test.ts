import { describe, expect, it } from 'vitest';
import { staticHelp } from './help.js';
import { versionText, wharfVersion } from './version.js';

describe('staticHelp', () => {
  it('lists options from the schema with defaults', () => {
    const help = staticHelp();
    expect(help).toMatch(/--entryPoints\.<name>\.address\s+a string/);
    expect(help).toMatch(/--providers\.providersThrottleDuration\s+a duration.*default: "2s"/);
    expect(help).toMatch(/--providers\.docker\.exposedByDefault\s+a boolean \(true\|false\); default: true/);
    expect(help).toMatch(/--ping\s+enable/);
    expect(help).toMatch(/--log\.level\s+one of TRACE\|DEBUG\|INFO\|WARN\|ERROR\|FATAL\|PANIC; default: "ERROR"/);
  });

  it('reports the package version', () => {
    expect(wharfVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(versionText()).toContain(wharfVersion());
  });
});
