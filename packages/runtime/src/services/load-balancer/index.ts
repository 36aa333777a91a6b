import { defineServiceKind } from '../service-kind.js';
import { createLoadBalancerService } from './load-balancer-service.js';

export const loadBalancer = defineServiceKind({
  key: 'loadBalancer',
  type: 'loadbalancer',
  create: (config, { name, createLoadBalancer, health, signal, transport }) =>
    createLoadBalancerService({ name, config, createLoadBalancer, health, signal, transport }),
});
