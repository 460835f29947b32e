import type { WebhookEventType, WebhookKind } from './event-types.ts';

/** A webhook as admins see it: never its secret. */
export interface WebhookRow {
  id: string;
  url: string;
  kind: WebhookKind;
  description: string;
  service_ids: string[] | null;
  event_types: WebhookEventType[];
  disabled_at: string | null;
  disabled_reason: 'gone' | 'failing' | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ${column}`;

/** The columns of WebhookRow, times as ISO UTC text. */
export const webhookColumns = `id, url, kind, description, service_ids, event_types, disabled_reason, created_by,
  ${iso('disabled_at')}, ${iso('created_at')}, ${iso('updated_at')}`;
