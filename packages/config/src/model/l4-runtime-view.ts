import type { ElementInfo, ServerState, ServiceHealthInfo } from './runtime-view.js';
import type { TcpMiddlewareConfig, TcpRouterConfig, TcpServiceConfig, UdpRouterConfig, UdpServiceConfig } from './tcp.js';

/** Traefik's TCPRouterInfo: the dynamic fields plus status, using, priority (and its string). */
export interface TcpRouterInfo extends TcpRouterConfig, ElementInfo {
  using: string[];
  priority: number;
  priorityStr: string;
}

export interface TcpServiceInfo extends TcpServiceConfig, ElementInfo {
  type: 'loadbalancer' | 'weighted' | '';
  usedBy: string[];
  /** `host:port` → UP/DOWN (load balancers only; live with a health check) */
  serverStatus?: Record<string, ServerState>;
  /** wharf: live health summary of a health-checked load balancer */
  health?: ServiceHealthInfo;
}

export interface TcpMiddlewareInfo extends TcpMiddlewareConfig, ElementInfo {
  type: string;
  usedBy: string[];
}

export interface UdpRouterInfo extends UdpRouterConfig, ElementInfo {
  using: string[];
}

export interface UdpServiceInfo extends UdpServiceConfig, ElementInfo {
  type: 'loadbalancer' | 'weighted' | '';
  usedBy: string[];
}
