import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { AppError } from '../../errors.ts';
import { detectLogoType } from './image-type.ts';
import { readBodyLimited } from './read-body.ts';
import { readOrganization, withRole } from './org-row.ts';
import { errorResponses, OrganizationBody, OrgIdParams } from './schema.ts';
import { reencodeLogo } from './logo-image.ts';

/** The largest logo (the table checks the same). */
export const maxLogoBytes = 256 * 1024;
// Room for the multipart envelope around a full-size file.
const multipartOverhead = 8 * 1024;

const binary = { schema: { type: 'string' as const, format: 'binary' } };

/**
 * PUT /api/organizations/:orgId/logo: the logo as the raw body, or as the `file` field of a multipart
 * form. PNG, JPEG or WebP up to 256 KB, recognised by its bytes; SVG (which can carry scripts) and
 * anything else is refused with 415.
 */
export const putOrganizationLogo = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/logo',
    operationId: 'setOrganizationLogo',
    tags: ['organizations'],
    summary: 'Upload the organization logo',
    request: {
      params: OrgIdParams,
      body: {
        required: true,
        content: {
          'image/png': binary,
          'image/jpeg': binary,
          'image/webp': binary,
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: binary.schema }, required: ['file'] },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'The organization, now with a logo',
        content: { 'application/json': { schema: OrganizationBody } },
      },
      413: { description: 'Larger than 256 KB' },
      415: { description: 'Not a PNG, JPEG or WebP image, or one that does not decode' },
      422: { description: 'More than 4096 × 4096 pixels' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId, role } = c.get('org');
    const bytes = await readLogo(c.req.raw);
    const type = detectLogoType(bytes);
    if (!type)
      throw new AppError('unsupported_media_type', 'The logo must be a PNG, JPEG or WebP image (SVG is not accepted)');
    const image = await reencodeLogo(bytes, type);
    const org = await asCaller(c, async (tx) => {
      await tx.query(
        `insert into public.organization_logos (org_id, content_type, bytes, updated_at) values ($1, $2, $3, now())
         on conflict (org_id) do update set content_type = excluded.content_type, bytes = excluded.bytes, updated_at = now()`,
        [orgId, type, image],
      );
      await tx.query('update public.organizations set updated_at = now() where id = $1', [orgId]);
      const org = await readOrganization(tx, orgId);
      await appendEvent(tx, orgId, 'organization.updated', { organization: org, changed: ['logo'] });
      return org;
    });
    return c.json({ data: withRole(org, role) }, 200);
  },
);

async function readLogo(request: Request): Promise<Uint8Array> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    const bytes = await readBodyLimited(request, maxLogoBytes);
    if (bytes.length === 0) throw new AppError('validation_failed', 'The body is empty: send the image');
    return bytes;
  }
  const raw = await readBodyLimited(request, maxLogoBytes + multipartOverhead);
  let file: ReturnType<FormData['get']>;
  try {
    file = (await new Response(raw, { headers: { 'content-type': contentType } }).formData()).get('file');
  } catch {
    throw new AppError('validation_failed', 'The multipart body could not be read');
  }
  if (!file || typeof file === 'string')
    throw new AppError('validation_failed', 'The form needs a `file` field with the image');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > maxLogoBytes) throw new AppError('payload_too_large', 'The upload is larger than 256 KB');
  return bytes;
}
