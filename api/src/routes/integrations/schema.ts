import { z } from '@hono/zod-openapi';

// Not `instant`: Alertmanager sends endsAt 0001-01-01T00:00:00Z for "no end yet" (apply-alert.ts reads it).
const isoTime = z.iso.datetime({ offset: true });
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, 'A Prometheus label name');
const labelSet = z.record(z.string().max(1000), z.string().max(10_000));
const alertStatus = z.enum(['degraded_performance', 'partial_outage', 'major_outage']);

export const OrgParams = z.object({ orgId: z.uuid() });

/**
 * Alertmanager's webhook payload, version 4 (prometheus.io, "webhook_config"). Fields Alertmanager may
 * add later are ignored; the ones we read must be there.
 */
export const AlertmanagerWebhook = z
  .object({
    version: z.literal('4'),
    groupKey: z.string().max(10_000),
    truncatedAlerts: z.number().int().min(0).default(0),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string().max(1000),
    groupLabels: labelSet,
    commonLabels: labelSet,
    commonAnnotations: labelSet,
    externalURL: z.string().max(2000),
    alerts: z
      .array(
        z.object({
          status: z.enum(['firing', 'resolved']),
          labels: labelSet,
          annotations: labelSet.default({}),
          startsAt: isoTime,
          endsAt: isoTime,
          generatorURL: z.string().max(10_000).optional(),
          fingerprint: z.string().min(1).max(128),
        }),
      )
      .max(10_000),
  })
  .openapi('AlertmanagerWebhook');

const IgnoredReason = z.enum(['no_service_label', 'watchdog', 'unknown_service', 'operational']);

export const ReceiveAlertsBody = z
  .object({
    data: z.object({
      alerts: z.array(
        z.object({
          fingerprint: z.string(),
          alertname: z.string(),
          outcome: z.enum(['held', 'refreshed', 'resolved', 'stale', 'unseen', 'ignored']),
          service: z.string().optional(),
          status: alertStatus.optional(),
          reason: IgnoredReason.optional(),
        }),
      ),
      unknown_services: z.array(z.string()),
      ignored: z.partialRecord(IgnoredReason, z.number().int()),
      status_changes: z.array(z.object({ service: z.string(), previous: z.string(), status: z.string() })),
      incident_ids: z.array(z.uuid()),
    }),
  })
  .openapi('AlertmanagerReceipt');

const settingsFields = {
  service_label: labelName.openapi({ description: "The label naming the service (matched to the service's slug)" }),
  severity_label: labelName,
  status_label: labelName.openapi({
    description: 'A label naming the status directly; wins over the severity mapping',
  }),
  severity_map: z
    .record(z.string().min(1).max(100), alertStatus)
    .refine((map) => Object.keys(map).length <= 50, 'At most 50 severities')
    .refine((map) => !('none' in map), 'Severity `none` marks Watchdog alerts, which never hold a service'),
  unknown_severity_status: alertStatus,
  open_incidents: z.boolean(),
  hold_timeout_seconds: z.number().int().min(60).max(604_800).openapi({
    description: "How long a firing alert holds after it was last received; exceed the route's repeat_interval",
  }),
};

export const AlertmanagerSettings = z.object(settingsFields).openapi('AlertmanagerSettings');

/** Fields left out keep their value. */
export const PutAlertmanagerSettingsBody = z
  .object(settingsFields)
  .partial()
  .strict()
  .openapi('PutAlertmanagerSettings');

export const AlertmanagerSettingsBody = z.object({ data: AlertmanagerSettings });
