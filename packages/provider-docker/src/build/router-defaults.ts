import type { RouterConfig } from '@wharf/config';
import type { LabelSet } from '../labels/decode-labels.js';
import { renderDefaultRule } from '../labels/default-rule.js';
import type { ContainerData } from './container-data.js';
import { DockerDiagnosticCode as Code, type DiagnosticInput } from './diagnostics.js';

export interface RouterDefaultsContext {
  defaultRule: string;
  labelPrefix: string;
}

type Report = (issue: DiagnosticInput) => void;

/** No router declared and at most one service ⇒ a router named after the container. */
export function withAutoRouter(
  labels: LabelSet, base: string, services: string[], report: Report,
): Record<string, RouterConfig> {
  if (labels.declared.routers.size > 0) return labels.routers;
  if (services.length === 0) return {};
  if (services.length > 1) {
    report({
      code: Code.tooManyServices, severity: 'info',
      message: `no router is created automatically: the container defines ${services.length} services (${services.join(', ')}); declare routers with a \`service\` label`,
    });
    return {};
  }
  return { [base]: {} };
}

/** Fill missing rules from `defaultRule` and missing services from the container's only service. */
export function linkRouters(
  container: ContainerData, routers: Record<string, RouterConfig>, services: string[], base: string,
  ctx: RouterDefaultsContext, report: Report,
): Record<string, RouterConfig> {
  const out: Record<string, RouterConfig> = {};
  for (const [name, declared] of Object.entries(routers)) {
    const router: RouterConfig = { ...declared };
    const element = { kind: 'router' as const, name };
    if (!router.rule) {
      const rendered = renderDefaultRule(ctx.defaultRule, { Name: base, ContainerName: container.name, Labels: container.labels });
      if (!rendered.rule) {
        report({
          code: Code.ruleUndefined, severity: 'error', element, key: `${ctx.labelPrefix}.http.routers.${name}.rule`,
          message: `router "${name}" has no rule and defaultRule gives none${rendered.error ? ` (${rendered.error})` : ''}; the router is dropped`,
        });
        continue;
      }
      router.rule = rendered.rule;
    }
    if (!router.service) {
      if (services.length !== 1) {
        report({
          code: Code.routerServiceAmbiguous, severity: 'error', element, key: `${ctx.labelPrefix}.http.routers.${name}.service`,
          message: `router "${name}" cannot be linked automatically with ${services.length === 0 ? 'no service' : `multiple services (${services.join(', ')})`}; the router is dropped`,
        });
        continue;
      }
      router.service = services[0];
    }
    out[name] = router;
  }
  return out;
}
