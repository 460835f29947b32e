import { z } from '@hono/zod-openapi';
import { orgSlugPattern } from '../../contract/org-slug.ts';

/**
 * Slugs that would collide with the product's own paths or invite confusion (`/status/admin/`,
 * `admin.example.com`), so no organization may take them.
 */
export const reservedSlugs: ReadonlySet<string> = new Set([
  'about',
  'account',
  'accounts',
  'admin',
  'administrator',
  'api',
  'app',
  'apps',
  'assets',
  'auth',
  'billing',
  'blog',
  'cdn',
  'dashboard',
  'dev',
  'docs',
  'feed',
  'feeds',
  'help',
  'home',
  'images',
  'invitations',
  'invite',
  'lantern',
  'login',
  'logout',
  'mail',
  'metrics',
  'new',
  'null',
  'oauth',
  'org',
  'orgs',
  'organization',
  'organizations',
  'public',
  'register',
  'root',
  'security',
  'settings',
  'signin',
  'signout',
  'signup',
  'static',
  'status',
  'support',
  'system',
  'undefined',
  'widget',
  'www',
]);

/** A slug an organization may take (uniqueness and aliases are the database's to check). */
export const Slug = z
  .string()
  .min(3, 'A slug has at least 3 characters')
  .max(48, 'A slug has at most 48 characters')
  .regex(orgSlugPattern, 'A slug is lowercase letters, digits and hyphens, not starting or ending with a hyphen')
  .refine((slug) => !reservedSlugs.has(slug), 'This slug is reserved')
  .openapi({ example: 'acme' });
