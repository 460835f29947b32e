import type { Queryable } from '../db/types.ts';
import type { AlertHoldStatus } from './types.ts';

/** An org's Alertmanager receiver settings (table public.alertmanager_settings). */
export interface AlertmanagerSettings {
  /** The label naming the service, matched to the service's slug. */
  service_label: string;
  severity_label: string;
  /** When present on an alert and naming a status, wins over the severity mapping. */
  status_label: string;
  /** Severity label value → the status a firing alert holds its service at. */
  severity_map: Record<string, AlertHoldStatus>;
  /** For a severity the map does not name, or none. */
  unknown_severity_status: AlertHoldStatus;
  /** Whether firing alerts open an incident per service while any alert holds it. */
  open_incidents: boolean;
  /** How long a firing alert without its own `endsAt` holds after it was last received. */
  hold_timeout_seconds: number;
}

/** What an org that never changed its settings gets. */
export const defaultAlertmanagerSettings: AlertmanagerSettings = {
  service_label: 'service',
  severity_label: 'severity',
  status_label: 'status',
  severity_map: { critical: 'major_outage', warning: 'partial_outage', info: 'degraded_performance' },
  unknown_severity_status: 'degraded_performance',
  open_incidents: true,
  hold_timeout_seconds: 5 * 3600,
};

const columns =
  'service_label, severity_label, status_label, severity_map, unknown_severity_status, open_incidents, hold_timeout_seconds';

/** The org's settings (the defaults when it has no row). */
export async function loadAlertmanagerSettings(tx: Queryable, orgId: string): Promise<AlertmanagerSettings> {
  const [row] = await tx.query<AlertmanagerSettings>(
    `select ${columns} from public.alertmanager_settings where org_id = $1`,
    [orgId],
  );
  return row ?? { ...defaultAlertmanagerSettings };
}

/** Stores the org's settings whole; returns them as stored. */
export async function saveAlertmanagerSettings(
  tx: Queryable,
  orgId: string,
  settings: AlertmanagerSettings,
  now: Date,
): Promise<AlertmanagerSettings> {
  const [row] = await tx.query<AlertmanagerSettings>(
    `insert into public.alertmanager_settings (org_id, ${columns}, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (org_id) do update set
       service_label = excluded.service_label, severity_label = excluded.severity_label,
       status_label = excluded.status_label, severity_map = excluded.severity_map,
       unknown_severity_status = excluded.unknown_severity_status,
       open_incidents = excluded.open_incidents, hold_timeout_seconds = excluded.hold_timeout_seconds,
       updated_at = excluded.updated_at
     returning ${columns}`,
    [
      orgId,
      settings.service_label,
      settings.severity_label,
      settings.status_label,
      JSON.stringify(settings.severity_map),
      settings.unknown_severity_status,
      settings.open_incidents,
      settings.hold_timeout_seconds,
      now,
    ],
  );
  return row!;
}
