import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/app-env.ts';
import type { Queryable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { checkOutboundUrl, OutboundRefused } from '../../outbound/target-policy.ts';
import type { WebhookBody } from './schema.ts';

/**
 * Refuses a URL the outbound policy would refuse (checked here when saved, and again before every
 * delivery), as a 400 on `url` with the reason, so the admin learns at once.
 */
export async function checkWebhookUrl(c: Context<AppEnv>, url: string): Promise<void> {
  const { outbound, env } = c.get('deps');
  try {
    await checkOutboundUrl(outbound, url, { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE });
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    throw new AppError('validation_failed', `Webhook URL refused: ${error.message}`, {
      details: [{ path: ['url'], message: error.message, code: 'refused_url' }],
    });
  }
}

/** Refuses followed services that are not the org's own. */
export async function checkFollowedServices(
  tx: Queryable,
  orgId: string,
  body: z.infer<typeof WebhookBody>,
): Promise<void> {
  if (!body.service_ids?.length) return;
  const [row] = await tx.query<{ n: number }>(
    'select count(*)::int as n from public.services where org_id = $1 and id = any ($2::uuid[])',
    [orgId, body.service_ids],
  );
  if (row!.n !== body.service_ids.length)
    throw new AppError('validation_failed', 'Unknown service', {
      details: [{ path: ['service_ids'], message: 'Every service must be one of the organization’s', code: 'custom' }],
    });
}
