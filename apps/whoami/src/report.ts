import { hostname, networkInterfaces } from 'node:os';
import type { IncomingMessage } from 'node:http';

/** What whoami tells about a request, in the `/` (text) and `/api` (JSON) shapes of traefik/whoami. */
export interface WhoamiReport {
  name: string;
  hostname: string;
  ip: string[];
  remoteAddr: string;
  method: string;
  url: string;
  host: string;
  proto: string;
  headers: Record<string, string[]>;
}

/** Every interface address, IPv4 and IPv6, as traefik/whoami lists them. */
export function interfaceAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.push(info.address);
  }
  return out;
}

function remoteAddr(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return `${host}:${req.socket.remotePort ?? 0}`;
}

/** Raw header pairs grouped by the name as the client sent it (first spelling wins). */
function groupHeaders(req: IncomingMessage): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    (out[name] ??= []).push(raw[i + 1] as string);
  }
  return out;
}

export function buildReport(req: IncomingMessage, name: string, ips: string[]): WhoamiReport {
  return {
    name,
    hostname: hostname(),
    ip: ips,
    remoteAddr: remoteAddr(req),
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    host: req.headers.host ?? '',
    proto: `HTTP/${req.httpVersion}`,
    headers: groupHeaders(req),
  };
}

export function reportText(r: WhoamiReport): string {
  const lines = [`Name: ${r.name}`, `Hostname: ${r.hostname}`];
  for (const ip of r.ip) lines.push(`IP: ${ip}`);
  lines.push(`RemoteAddr: ${r.remoteAddr}`, `${r.method} ${r.url} ${r.proto}`);
  for (const [k, values] of Object.entries(r.headers)) {
    for (const v of values) lines.push(`${k}: ${v}`);
  }
  return lines.join('\n') + '\n';
}
