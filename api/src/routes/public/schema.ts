import { z } from '@hono/zod-openapi';
import {
  holdStatuses,
  incidentImpacts,
  incidentStatuses,
  maintenanceStatuses,
  overallIndicators,
  serviceStatuses,
} from '../../contract/status.ts';

export const SlugParams = z.object({
  orgSlug: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'orgSlug', in: 'path' }, example: 'demo' }),
});

export const LogoQuery = z.object({
  v: z
    .string()
    .max(32)
    .optional()
    .openapi({ description: 'Version from logo_url; makes the answer cacheable for a year' }),
});

const Instant = z.string().openapi({ format: 'date-time' });
const Indicator = z.object({ indicator: z.enum(overallIndicators), description: z.string() });

const PublicService = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  group_id: z.uuid().nullable(),
  position: z.number().int(),
  status: z.enum(serviceStatuses),
  created_at: Instant,
  updated_at: Instant,
});

const PublicIncident = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(incidentStatuses),
    impact: z.enum(incidentImpacts),
    started_at: Instant,
    resolved_at: Instant.nullable(),
    created_at: Instant,
    updated_at: Instant,
    services: z.array(z.object({ service_id: z.uuid(), name: z.string(), status: z.enum(holdStatuses) })),
    updates: z.array(
      z.object({
        id: z.uuid(),
        status: z.enum(incidentStatuses),
        message: z.string(),
        created_at: Instant,
        updated_at: Instant,
      }),
    ),
  })
  .openapi('PublicIncident');

const PublicMaintenance = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    status: z.enum(maintenanceStatuses),
    starts_at: Instant,
    ends_at: Instant,
    created_at: Instant,
    updated_at: Instant,
    services: z.array(z.object({ service_id: z.uuid(), name: z.string() })),
    updates: z.array(
      z.object({ id: z.uuid(), status: z.enum(maintenanceStatuses), message: z.string(), created_at: Instant }),
    ),
  })
  .openapi('PublicMaintenance');

/** The public snapshot (contract/public-status.ts), for the OpenAPI document. */
export const PublicStatusBody = z
  .object({
    data: z.object({
      organization: z.object({
        id: z.uuid(),
        slug: z.string(),
        name: z.string(),
        brand_color: z.string(),
        time_zone: z.string(),
        has_logo: z.boolean(),
        logo_url: z.string().nullable(),
        updated_at: Instant,
      }),
      status: Indicator,
      services: z.array(PublicService.openapi('PublicService')),
      groups: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          position: z.number().int(),
          status: z.enum(serviceStatuses),
          service_ids: z.array(z.uuid()),
          created_at: Instant,
          updated_at: Instant,
        }),
      ),
      incidents: z.array(PublicIncident),
      recently_resolved_incidents: z.array(PublicIncident),
      active_maintenances: z.array(PublicMaintenance),
      upcoming_maintenances: z.array(PublicMaintenance),
      seq: z.number().int(),
    }),
  })
  .openapi('PublicStatus');

const Component = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(serviceStatuses),
  created_at: Instant,
  updated_at: Instant,
  position: z.number().int(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.string().nullable(),
  group_id: z.uuid().nullable(),
  page_id: z.uuid(),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.uuid()).optional(),
});

const Update = z.object({
  id: z.uuid(),
  status: z.string(),
  body: z.string(),
  incident_id: z.uuid(),
  created_at: Instant,
  updated_at: Instant,
  display_at: Instant,
  affected_components: z.null(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});

const SummaryIncident = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  created_at: Instant,
  updated_at: Instant,
  monitoring_at: Instant.nullable(),
  resolved_at: Instant.nullable(),
  impact: z.string(),
  shortlink: z.string(),
  started_at: Instant,
  page_id: z.uuid(),
  incident_updates: z.array(Update),
  components: z.array(Component),
});

/** Statuspage's `/api/v2/summary.json` shape. */
export const StatuspageSummaryBody = z
  .object({
    page: z.object({ id: z.uuid(), name: z.string(), url: z.string(), time_zone: z.string(), updated_at: Instant }),
    components: z.array(Component),
    incidents: z.array(SummaryIncident),
    scheduled_maintenances: z.array(SummaryIncident.extend({ scheduled_for: Instant, scheduled_until: Instant })),
    status: Indicator,
  })
  .openapi('StatuspageSummary');

/** Answers every public route shares besides its 200. */
export const publicErrorResponses = {
  304: { description: 'Not modified (If-None-Match matched the ETag)' },
  308: { description: "A renamed org's old slug: Location names the new address" },
  404: { description: 'No status page with this slug' },
} as const;
