import type { SiteOrgData } from '../../contract/site-locals.ts';
import { markdownToHtml } from '../../markdown/markdown.ts';
import { markdownToText } from '../../markdown/plain-text.ts';
import { xmlText } from './xml-text.ts';

/** One entry of the Atom and RSS feeds: an incident or a maintenance, with its latest word. */
export interface FeedItem {
  id: string;
  kind: 'incident' | 'maintenance';
  title: string;
  /** Relative to the org folder's root. */
  path: string;
  published: string;
  updated: string;
  /** The updates, newest first, as plain text lines (Markdown stripped). */
  summary: string;
  /** The post-mortem and updates as sanitised HTML (the Markdown rendered as on the pages). */
  content: string;
}

interface Update {
  status: string;
  created_at: string;
  message: string;
}

const summaryOf = (updates: readonly Update[]) =>
  updates.map((u) => `${u.created_at} ${u.status}: ${markdownToText(u.message)}`);

const contentOf = (updates: readonly Update[]) =>
  updates
    .map((u) => `<p><strong>${xmlText(u.status)}</strong> ${xmlText(u.created_at)}</p>\n${markdownToHtml(u.message)}`)
    .join('');

const maxItems = 50;

/** The feeds' entries: incidents and maintenances of the history window and now, newest change first. */
export function feedItems(data: SiteOrgData): FeedItem[] {
  const { snapshot, history } = data;
  const incidents = new Map(
    [...history.incidents, ...snapshot.incidents, ...snapshot.recently_resolved_incidents].map((i) => [i.id, i]),
  );
  const maintenances = new Map(
    [...history.maintenances, ...snapshot.active_maintenances, ...snapshot.upcoming_maintenances].map((m) => [m.id, m]),
  );
  const items: FeedItem[] = [
    ...[...incidents.values()].map((i) => ({
      id: i.id,
      kind: 'incident' as const,
      title: i.title,
      path: `incidents/${i.id}/`,
      published: i.created_at,
      updated: i.updated_at,
      summary: summaryOf(i.updates).join('\n'),
      content: (i.postmortem ? `<h3>Post-mortem</h3>\n${markdownToHtml(i.postmortem)}` : '') + contentOf(i.updates),
    })),
    ...[...maintenances.values()].map((m) => ({
      id: m.id,
      kind: 'maintenance' as const,
      title: `Maintenance: ${m.title}`,
      path: 'history/',
      published: m.created_at,
      updated: m.updated_at,
      summary: [`Scheduled ${m.starts_at} to ${m.ends_at}. ${m.description}`, ...summaryOf(m.updates)].join('\n'),
      content: `<p>${xmlText(`Scheduled ${m.starts_at} to ${m.ends_at}. ${m.description}`)}</p>\n${contentOf(m.updates)}`,
    })),
  ];
  return items.sort((a, b) => b.updated.localeCompare(a.updated)).slice(0, maxItems);
}
