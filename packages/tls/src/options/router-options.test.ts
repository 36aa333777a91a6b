import { describe, expect, it } from 'vitest';
import { compileTlsOptions, type CompiledTlsOptions } from './compile-options.js';
import { resolveRouterTlsOptions, type TlsRouterInput } from './router-options.js';

const sets = new Map<string, CompiledTlsOptions>(
  [
    compileTlsOptions('default'),
    compileTlsOptions('modern@file', { minVersion: 'VersionTLS13' }),
    compileTlsOptions('mtls@file', { sniStrict: true }),
    compileTlsOptions('broken@file', { minVersion: 'TLS13' }),
  ].map((s) => [s.name, s]),
);
const router = (name: string, hosts: string[], options?: string, entryPoints = ['websecure']): TlsRouterInput => ({ name, hosts, options, entryPoints });

describe('resolveRouterTlsOptions', () => {
  it('maps SNI to the option set of the host (exact, then wildcard), else default', () => {
    const { entryPoints, routers } = resolveRouterTlsOptions(
      [router('a@file', ['App.example.com'], 'modern@file'), router('w@file', ['*.example.com'], 'mtls@file'), router('p@file', [])],
      sets,
    );
    const ep = entryPoints.get('websecure')!;
    expect(ep.forServerName('app.example.com')).toEqual({ options: 'modern@file' });
    expect(ep.forServerName('APP.EXAMPLE.COM.')).toEqual({ options: 'modern@file' });
    expect(ep.forServerName('other.example.com')).toEqual({ options: 'mtls@file' });
    expect(ep.forServerName('a.b.example.com')).toEqual({ options: 'default' });
    expect(ep.forServerName(undefined)).toEqual({ options: 'default' });
    expect([...routers.values()].flatMap((r) => r.issues)).toEqual([]);
  });

  it('takes the resolved option set per entrypoint as given (conflicts are resolved before)', () => {
    const { entryPoints, routers } = resolveRouterTlsOptions(
      [router('a@file', ['x.example.com'], 'modern@file'), router('c@file', ['x.example.com'], 'mtls@file', ['other']), router('p@file', [], 'modern@file')],
      sets,
    );
    expect(entryPoints.get('websecure')!.forServerName('x.example.com')).toEqual({ options: 'modern@file' });
    expect(entryPoints.get('other')!.forServerName('x.example.com')).toEqual({ options: 'mtls@file' });
    expect(routers.get('c@file')?.byEntryPoint.get('other')).toBe('mtls@file');
    expect([...routers.values()].flatMap((r) => r.issues)).toEqual([]);
  });

  it('an unknown or broken option set disables its router and closes its hosts, others keep serving', () => {
    const { entryPoints, routers } = resolveRouterTlsOptions(
      [router('u@file', ['u.example.com'], 'nope@file'), router('b@file', ['b.example.com'], 'broken@file'), router('ok@file', ['ok.example.com'], 'modern@file')],
      sets,
    );
    const ep = entryPoints.get('websecure')!;
    expect(ep.forServerName('u.example.com')).toEqual({ broken: 'nope@file' });
    expect(ep.forServerName('b.example.com')).toEqual({ broken: 'broken@file' });
    expect(ep.forServerName('ok.example.com')).toEqual({ options: 'modern@file' });
    expect(routers.get('u@file')).toMatchObject({ disabled: true, issues: [expect.objectContaining({ code: 'WHARF_TLS_OPTIONS_NOT_FOUND', message: 'unknown TLS options: nope@file' })] });
    expect(routers.get('b@file')?.issues[0]?.message).toContain('unknown minVersion "TLS13"');
    expect(routers.get('ok@file')?.disabled).toBe(false);
  });

  it('a broken default option set closes every connection that would use it', () => {
    const broken = new Map(sets);
    broken.set('default', compileTlsOptions('default', { cipherSuites: ['NOPE'] }));
    const { entryPoints } = resolveRouterTlsOptions([router('ok@file', ['ok.example.com'], 'modern@file')], broken);
    expect(entryPoints.get('websecure')!.forServerName('other.test')).toEqual({ broken: 'default' });
    expect(entryPoints.get('websecure')!.forServerName('ok.example.com')).toEqual({ options: 'modern@file' });
  });
});
