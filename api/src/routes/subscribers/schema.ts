import { z } from '@hono/zod-openapi';

export const OrgParams = z.object({
  orgId: z.uuid().openapi({ param: { name: 'orgId', in: 'path' } }),
});

export const SubscriberParams = OrgParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

export const SlugParams = z.object({
  orgSlug: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'orgSlug', in: 'path' }, example: 'demo' }),
});

const Email = z.string().trim().max(254).pipe(z.email());

export const SubscribeJson = z
  .object({
    email: Email,
    services: z
      .array(z.uuid())
      .max(500)
      .nullable()
      .optional()
      .openapi({ description: 'Ids of public services to follow; absent, null or empty: all, new ones included' }),
    status_changes: z
      .boolean()
      .optional()
      .openapi({ description: "Also mail each change of a followed service's status (default false)" }),
  })
  .strict()
  .openapi('SubscribeRequest');

/** The same as a plain HTML form sends it: repeated `services` fields, a checkbox's `on`. */
export const SubscribeForm = z
  .object({
    email: Email,
    services: z.union([z.uuid(), z.array(z.uuid()).max(500)]).optional(),
    status_changes: z.enum(['on', 'true', '1', 'false', '0']).optional(),
  })
  .openapi('SubscribeForm');

export const SubscribeAnswer = z
  .object({
    data: z.object({
      status: z.literal('pending_confirmation').openapi({
        description:
          'The same for every address: a new or unconfirmed one gets a confirmation mail (at most one a minute), a confirmed one nothing',
      }),
    }),
  })
  .openapi('SubscribeAnswer');

export const TokenQuery = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'query' }, description: 'The token of the mailed link' }),
});

export const Subscriber = z
  .object({
    id: z.uuid(),
    email: z.string(),
    confirmed: z.boolean(),
    confirmed_at: z.string().openapi({ format: 'date-time' }).nullable(),
    services: z.array(z.uuid()).nullable().openapi({ description: 'null: all services' }),
    status_changes: z.boolean(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Subscriber');

export const SubscriberListQuery = z.object({
  q: z.string().max(254).optional().openapi({ description: 'Part of the email address (case-insensitive)' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional(),
});

export const SubscriberList = z
  .object({
    data: z.array(Subscriber),
    total: z.number().int().openapi({ description: 'Subscribers matching `q` (all pages)' }),
    next_cursor: z.string().nullable(),
  })
  .openapi('SubscriberList');

/** Columns of a subscriber as admins see it (never its token). */
export const subscriberColumns = `s.id, s.email, s.confirmed_at is not null as confirmed,
  to_char(s.confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as confirmed_at,
  s.service_ids as services, s.status_changes,
  to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at`;

export type SubscriberRow = z.infer<typeof Subscriber>;
