import type { EntryPointInfo, MatchExplanation } from '@wharf/config';
import { useState, type FormEvent } from 'react';
import { apiUrl } from '../api/api-base.js';
import { fetchJson } from '../api/fetch-json.js';
import { useApi } from '../live/use-api.js';
import { detailHref } from '../nav/element-href.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** `Name: value` lines → repeated `header=Name:value` params. */
function matchUrl(form: { entryPoint: string; url: string; method: string; headers: string; clientIP: string }): string {
  const base = apiUrl('api/wharf/match', { entryPoint: form.entryPoint, url: form.url, method: form.method, clientIP: form.clientIP });
  const extra = form.headers
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes(':'))
    .map((l) => `header=${encodeURIComponent(l)}`);
  return extra.length === 0 ? base : `${base}&${extra.join('&')}`;
}

function Result({ r }: { r: MatchExplanation }) {
  return (
    <section className="card" aria-label="Match result">
      <h2>{r.matched ? 'Matched' : 'No match'}</h2>
      {r.matched ? (
        <dl className="def">
          <div className="def-row"><dt>Router</dt><dd>{r.router ? <a href={detailHref('http', 'routers', r.router)}>{r.router}</a> : null} <span className="muted">priority {r.priority}</span></dd></div>
          <div className="def-row"><dt>Middlewares</dt><dd>{(r.middlewares ?? []).join(' → ') || <span className="muted">none</span>}</dd></div>
          <div className="def-row"><dt>Service</dt><dd>{r.service ? <a href={detailHref('http', 'services', r.service)}>{r.service}</a> : null}</dd></div>
          <div className="def-row"><dt>Server</dt><dd>{r.server ? <code>{r.server}</code> : <span className="muted">none available</span>}</dd></div>
        </dl>
      ) : null}
      {r.reason ? <p className="failure">{r.reason}</p> : null}
      {r.tried.length > 0 ? (
        <>
          <h3 className="spaced">Tried first</h3>
          <ul className="plain tried">
            {r.tried.map((c) => (
              <li key={c.router}>
                <a href={detailHref('http', 'routers', c.router)}>{c.router}</a> <span className="muted">priority {c.priority}</span>{' '}
                {c.matched ? 'matched' : <>failed on <code>{c.failedMatcher ?? '?'}</code></>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function RouteTesterPage() {
  const eps = useApi<EntryPointInfo[]>('api/entrypoints');
  const [form, setForm] = useState({ entryPoint: '', url: 'http://localhost/', method: 'GET', headers: '', clientIP: '' });
  const [result, setResult] = useState<MatchExplanation>();
  const [error, setError] = useState<string>();
  const entryPoints = (eps.data ?? []).filter((e) => e.name !== 'traefik');
  const entryPoint = form.entryPoint || entryPoints[0]?.name || '';
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      setResult((await fetchJson<MatchExplanation>(matchUrl({ ...form, entryPoint }))).data);
    } catch (err) {
      setResult(undefined);
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <div className="page">
      <h1>Route tester</h1>
      <form className="card tester" onSubmit={(e) => void submit(e)}>
        <label>Entrypoint
          <select value={entryPoint} onChange={set('entryPoint')}>
            {entryPoints.map((ep) => <option key={ep.name} value={ep.name}>{ep.name}</option>)}
          </select>
        </label>
        <label>Method
          <select value={form.method} onChange={set('method')}>
            {methods.map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label className="wide">URL<input type="url" required value={form.url} onChange={set('url')} /></label>
        <label className="wide"><span>Headers (one <code>Name: value</code> per line)</span><textarea rows={3} value={form.headers} onChange={set('headers')} /></label>
        <label>Client IP<input value={form.clientIP} onChange={set('clientIP')} placeholder="optional" /></label>
        <button type="submit" className="btn btn-primary">Test</button>
      </form>
      {error ? <p className="failure" role="alert">{error}</p> : null}
      {result ? <Result r={result} /> : null}
    </div>
  );
}
