import type { Context } from 'hono';
import type { Access } from '../../http/access.ts';
import type { AppEnv } from '../../http/app-env.ts';
import { forbidden } from '../../errors.ts';
import { templateWriteScope, type TemplateKind } from '../../contract/templates.ts';

/** Reading templates: viewers and up, API keys with `read`. */
export const readTemplates: Access = { kind: 'org', role: 'viewer', scopes: ['read'] };
/**
 * Writing templates: members and up (as with incidents and maintenances), API keys with either write
 * scope; which one a key needs depends on the template's kind (assertMayWriteKind).
 */
export const writeTemplates: Access = {
  kind: 'org',
  role: 'member',
  scopes: ['incidents:write', 'maintenances:write'],
};

/**
 * An API key writes only the templates of what its scopes write: `incidents:write` incident
 * templates, `maintenances:write` maintenance ones (RLS says the same). Members pass on their role.
 */
export function assertMayWriteKind(c: Context<AppEnv>, kind: TemplateKind): void {
  const caller = c.get('caller');
  if (caller.kind === 'api_key' && !caller.scopes.includes(templateWriteScope[kind]))
    throw forbidden(`A ${kind} template needs an API key with ${templateWriteScope[kind]}`);
}
