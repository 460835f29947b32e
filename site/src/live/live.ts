// The page's live module: resumes the org's public stream from the seq the page was rendered at and
// patches statuses, today's uptime cells, the banner and the open incidents in place. Without it the
// page is complete.
import { openEventStream } from '../../../widget/src/stream-client.ts';
import type { PublicIncidentRecord, PublicService } from '../../../api/src/contract/public-view.ts';
import type { OverallIndicator, ServiceStatus } from '../../../api/src/contract/status.ts';
import { uptimeRank as rank, type UptimeDay } from '../../../api/src/contract/uptime-report.ts';
import { formatRelative } from '../lib/format-time.ts';
import { changeToday, todayCell, type TodaySoFar } from '../lib/uptime-today.ts';
import {
  impactLabel,
  impactTone,
  incidentStatusLabel,
  indicatorLabel,
  indicatorTone,
  serviceStatusLabel,
  serviceTone,
  toneIcon,
  type Tone,
} from '../lib/labels.ts';

const root = document.documentElement;
const slug = root.dataset.slug;
const seq = root.dataset.seq;

/** Sets an element's tone class and icon (constant markup from labels.ts, never user data). */
function setTone(element: Element, tone: Tone): void {
  element.className = element.className.replace(/\btone-\w+/g, '').trim() + ` tone-${tone}`;
  const icon = element.querySelector('[data-icon]');
  if (icon) {
    icon.className = `status-icon tone-${tone}`;
    icon.innerHTML = toneIcon[tone];
  }
}

function setBanner(indicator: OverallIndicator | undefined): void {
  const banner = document.querySelector<HTMLElement>('[data-banner]');
  if (!banner || !indicator || !(indicator in indicatorLabel)) return;
  banner.dataset.indicator = indicator;
  setTone(banner, indicatorTone[indicator]);
  const text = banner.querySelector('[data-banner-text]');
  if (text) text.textContent = indicatorLabel[indicator];
}

function setStatus(holder: HTMLElement, status: ServiceStatus): void {
  holder.dataset.serviceStatus = status;
  setTone(holder, serviceTone[status]);
  const text = holder.querySelector('[data-status-text]');
  if (text) text.textContent = serviceStatusLabel[status];
}

/** Group headers show their worst member's status. */
function refreshGroups(): void {
  for (const group of document.querySelectorAll<HTMLElement>('[data-group-id]')) {
    let worst: ServiceStatus = 'operational';
    for (const holder of group.querySelectorAll<HTMLElement>('[data-service-status]')) {
      const status = holder.dataset.serviceStatus as ServiceStatus;
      if (rank[status] > rank[worst]) worst = status;
    }
    const header = group.querySelector<HTMLElement>('[data-group-status]');
    if (header) {
      setTone(header, serviceTone[worst]);
      const text = header.querySelector('[data-status-text]');
      if (text) text.textContent = serviceStatusLabel[worst];
    }
  }
}

/** Each service's today cell and the day so far (from the cell's render, then the stream's changes). */
const todays = new Map<string, { cell: HTMLElement; today: TodaySoFar }>();

function readTodays(): void {
  for (const row of document.querySelectorAll<HTMLElement>('[data-service-id]')) {
    const cell = row.querySelector<HTMLElement>('[data-today]');
    const status = row.querySelector<HTMLElement>('[data-service-status]')?.dataset.serviceStatus;
    const { today, countedFrom, renderedAt } = cell?.dataset ?? {};
    if (!cell || !status || !today || !countedFrom || !renderedAt) continue;
    const since = Date.parse(renderedAt);
    const day = JSON.parse(today) as UptimeDay;
    todays.set(row.dataset.serviceId!, {
      cell,
      today: { day, countedFrom: Date.parse(countedFrom), status: status as ServiceStatus, since },
    });
  }
}

/** The org's local date now (`YYYY-MM-DD`); en-CA writes dates in that order. */
function localDayNow(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: root.dataset.timeZone || 'UTC' }).format(new Date());
}

/**
 * Redraws today's cells as the server would render them now (the day's times keep growing). Once
 * the org's day is over, the cell is yesterday's and stays as it was (the server renders a new bar).
 */
function drawTodays(): void {
  if (localDayNow() !== root.dataset.localDay) return;
  const now = Date.now();
  for (const { cell, today } of todays.values()) {
    const { tone, text } = todayCell(today, now);
    cell.className = `day tone-${tone}`;
    const label = cell.querySelector('.day-text');
    if (label) label.textContent = text;
  }
}

function patchService(service: PublicService): void {
  const row = document.querySelector<HTMLElement>(`[data-service-id="${CSS.escape(service.id)}"]`);
  const holder = row?.querySelector<HTMLElement>('[data-service-status]');
  if (holder) setStatus(holder, service.status);
  const entry = todays.get(service.id);
  if (entry) {
    // A status change writes the service's updated_at in its transaction: the server's time of it.
    entry.today = changeToday(entry.today, service.status, Date.parse(service.updated_at) || Date.now());
    drawTodays();
  }
}

function removeService(id: string): void {
  todays.delete(id);
  document.querySelector(`[data-service-id="${CSS.escape(id)}"]`)?.remove();
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function serviceName(id: string): string {
  return document.querySelector(`[data-service-id="${CSS.escape(id)}"] .service-name`)?.textContent ?? '';
}

/**
 * An open incident's card, built with textContent only (its text is user data). The stream carries
 * update messages as plain text (Markdown stripped, api/src/public-snapshot/plain-text.ts), shown
 * with its line breaks; the page's next render shows the rendered Markdown instead.
 */
function incidentCard(incident: PublicIncidentRecord): HTMLElement {
  const tone = impactTone[incident.impact];
  const card = element('article', `incident tone-${tone}`);
  card.dataset.incidentId = incident.id;
  const title = element('h3', 'incident-title');
  const link = element('a', '', incident.title);
  link.href = `incidents/${encodeURIComponent(incident.id)}/`;
  link.dir = 'auto';
  title.append(link);
  const meta = element('p', 'incident-meta');
  const impact = element('span', `impact tone-${tone}`);
  const icon = element('span', `status-icon tone-${tone}`);
  icon.dataset.icon = '';
  icon.innerHTML = toneIcon[tone];
  impact.append(icon, ` ${impactLabel[incident.impact]}`);
  const status = element('span', 'incident-status', incidentStatusLabel[incident.status]);
  const started = element('span', '', 'Started ');
  const time = element('time', '', formatRelative(incident.started_at, new Date()));
  time.dateTime = incident.started_at;
  time.dataset.relative = '';
  started.append(time);
  meta.append(impact, status, started);
  card.append(title, meta);
  const names = incident.services.map((s) => serviceName(s.service_id)).filter(Boolean);
  if (names.length) {
    const affected = element('p', 'affected', 'Affects: ');
    affected.append(element('span', '', names.join(', ')));
    card.append(affected);
  }
  const latest = incident.updates[0];
  if (latest) {
    const list = element('ol', 'updates');
    const item = element('li', 'update');
    const head = element('p', 'update-head');
    head.append(
      element('strong', '', incidentStatusLabel[latest.status]),
      ' ',
      element('span', 'update-time', new Date(latest.created_at).toLocaleString()),
    );
    const message = element('p', 'update-message', latest.message);
    message.dir = 'auto';
    item.append(head, message);
    list.append(item);
    card.append(list);
  }
  return card;
}

function openIncidents(): { section: HTMLElement; list: HTMLElement } | null {
  const section = document.querySelector<HTMLElement>('[data-open-incidents]');
  const list = section?.querySelector<HTMLElement>('[data-incident-list]');
  return section && list ? { section, list } : null;
}

function upsertIncident(incident: PublicIncidentRecord): void {
  const open = openIncidents();
  if (!open) return;
  const existing = open.list.querySelector(`[data-incident-id="${CSS.escape(incident.id)}"]`);
  if (incident.status === 'resolved') existing?.remove();
  else if (existing) existing.replaceWith(incidentCard(incident));
  else open.list.prepend(incidentCard(incident));
  open.section.hidden = open.list.children.length === 0;
}

function removeIncident(id: string): void {
  const open = openIncidents();
  open?.list.querySelector(`[data-incident-id="${CSS.escape(id)}"]`)?.remove();
  if (open) open.section.hidden = open.list.children.length === 0;
}

function refreshRelativeTimes(): void {
  const now = new Date();
  for (const time of document.querySelectorAll<HTMLTimeElement>('time[data-relative]')) {
    time.textContent = formatRelative(time.dateTime, now);
  }
}

type Snapshot = {
  services?: PublicService[];
  incidents?: PublicIncidentRecord[];
  indicator?: OverallIndicator;
  status?: { indicator?: OverallIndicator };
};

/** A `snapshot` (first connect after a gap): the whole state again, so resync everything. */
function resync(snapshot: Snapshot): void {
  for (const service of snapshot.services ?? []) patchService(service);
  const open = openIncidents();
  if (open) {
    const incidents = (snapshot.incidents ?? []).filter((i) => i.status !== 'resolved');
    open.list.replaceChildren(...incidents.map(incidentCard));
    open.section.hidden = incidents.length === 0;
  }
  refreshGroups();
  setBanner(snapshot.indicator ?? snapshot.status?.indicator);
}

/**
 * Without PUBLIC_BASE_URL the Embed snippet's script URL is rendered relative; a customer pasting it
 * on their own site needs the absolute one, which is where this page's API lives.
 */
function absoluteEmbedSnippet(base: string): void {
  for (const code of document.querySelectorAll('.embed-snippet code')) {
    code.textContent = (code.textContent ?? '').replace('src="/widget/', `src="${new URL('/widget/', base).href}`);
  }
}

if (slug && seq) {
  readTodays();
  const base = root.dataset.api || location.origin;
  absoluteEmbedSnippet(base);
  openEventStream({
    url: new URL(`/api/public/status/${encodeURIComponent(slug)}/stream`, base).toString(),
    lastEventId: seq,
    onEvent: (message) => {
      switch (message.event) {
        case 'snapshot':
          return resync(message.data as Snapshot);
        case 'service': {
          const data = message.data;
          if ('deleted' in data) removeService(data.id);
          else patchService(data.service);
          refreshGroups();
          return setBanner(data.indicator);
        }
        case 'incident': {
          const data = message.data;
          if ('deleted' in data) removeIncident(data.id);
          else upsertIncident(data.incident);
          return setBanner(data.indicator);
        }
        case 'maintenance':
        case 'organization':
          return setBanner(message.data.indicator);
      }
    },
  });
  setInterval(() => {
    refreshRelativeTimes();
    drawTodays();
  }, 30_000);
}
