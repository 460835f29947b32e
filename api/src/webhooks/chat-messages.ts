import type { WebhookNotification } from './notification.ts';
import type { WebhookKind } from './event-types.ts';

// Headlines per notification type, for the chat kinds.
const headlines: Record<WebhookNotification['type'], string> = {
  'incident.created': 'New incident',
  'incident.updated': 'Incident updated',
  'incident.resolved': 'Incident resolved',
  'maintenance.scheduled': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
  'maintenance.cancelled': 'Maintenance cancelled',
  'service.status_changed': 'Service status changed',
  'webhook.test': 'Test message',
};

// Discord embed colours (decimal RGB): red for trouble, green when it is over, blue for maintenance.
const colours: Record<WebhookNotification['type'], number> = {
  'incident.created': 0xd93f0b,
  'incident.updated': 0xe99695,
  'incident.resolved': 0x2da44e,
  'maintenance.scheduled': 0x0969da,
  'maintenance.started': 0x0969da,
  'maintenance.completed': 0x2da44e,
  'maintenance.cancelled': 0x6e7781,
  'service.status_changed': 0xbf8700,
  'webhook.test': 0x6e7781,
};

const words = (value: string) => value.replace(/_/g, ' ');
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Title, status line and message of a notification, in plain words. */
function summarize(n: WebhookNotification): { title: string; status: string; message: string } {
  const { incident, maintenance, service } = n.data;
  if (incident)
    return {
      title: incident.title,
      status: `${words(incident.status)} · ${words(incident.impact)} impact`,
      message: incident.latest_update?.message ?? '',
    };
  if (maintenance)
    return {
      title: maintenance.title,
      status: `${words(maintenance.status)} · ${maintenance.starts_at} – ${maintenance.ends_at}`,
      message: maintenance.latest_update?.message ?? maintenance.description,
    };
  if (service)
    return { title: service.name, status: `${words(service.previous_status)} → ${words(service.status)}`, message: '' };
  return { title: n.data.organization.name, status: 'This webhook works.', message: '' };
}

// Slack's mrkdwn treats &, < and > as control characters (link syntax): escape them in our text.
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A Slack incoming-webhook message: `text` (the notification fallback) and Block Kit `blocks`: a
 * `header` (plain_text, at most 150 characters), a `section` (mrkdwn, at most 3000) and a `context`
 * line naming the org with the link.
 */
export function slackMessage(n: WebhookNotification): Record<string, unknown> {
  const { title, status, message } = summarize(n);
  const headline = `${headlines[n.type]}: ${title}`;
  const body = [`*${slackEscape(status)}*`, message && slackEscape(message)].filter(Boolean).join('\n');
  return {
    text: clip(`${headline} (${n.data.organization.name})`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(headline, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(body, 3000) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: clip(`${slackEscape(n.data.organization.name)} · <${n.data.url}|Open the status page>`, 3000),
          },
        ],
      },
    ],
  };
}

/**
 * A Discord webhook message with one embed: title (at most 256 characters) linking to the page,
 * description (at most 4096), colour, ISO 8601 timestamp, a `Status` field (value at most 1024) and
 * the org in the footer; Discord refuses an embed over 6000 characters in all, which these caps keep.
 */
export function discordMessage(n: WebhookNotification): Record<string, unknown> {
  const { title, status, message } = summarize(n);
  return {
    username: 'Lantern',
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(`${headlines[n.type]}: ${title}`, 256),
        url: n.data.url,
        // Discord refuses an empty description: leave it out instead.
        ...(message ? { description: clip(message, 4096) } : {}),
        color: colours[n.type],
        timestamp: n.timestamp,
        fields: [{ name: 'Status', value: clip(status, 1024), inline: false }],
        footer: { text: clip(n.data.organization.name, 200) },
      },
    ],
  };
}

/** The request body a webhook of `kind` gets for a notification. */
export function webhookBody(kind: WebhookKind, n: WebhookNotification): string {
  if (kind === 'slack') return JSON.stringify(slackMessage(n));
  if (kind === 'discord') return JSON.stringify(discordMessage(n));
  return JSON.stringify(n);
}
