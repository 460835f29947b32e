import { html, nothing, render as renderInto } from 'lit-html';
import type { BadgeView, StatusBadge, ViewKit } from './status-badge.ts';

// The card variant, loaded only by pages that use it: the org's services with their statuses, open
// incidents and active or upcoming maintenance, each linking to the status page.

/** Each card's own status line (the dot badge, painted in place like the element's). */
const headBadges = new WeakMap<StatusBadge, HTMLElement>();

const incidentWords: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The card: a status line like the pill, then the lists (empty sections are left out). */
export function render(badge: StatusBadge, view: BadgeView, kit: ViewKit, container: HTMLElement): void {
  const { serviceShown } = kit;
  const head = kit.paintBadge(headBadges.get(badge), view, 'dot', badge.stale, badge.pageHref);
  headBadges.set(badge, head);
  const status = view.kind === 'status' ? view.status : null;
  const page = badge.pageHref;
  const services = status?.services.filter((s) => !badge.service || s.slug === badge.service) ?? [];
  const maintenances = status ? [...status.active_maintenances, ...status.upcoming_maintenances] : [];
  const title = status?.organization.name ?? badge.org;
  const card = html`<section part="base card" class="card" aria-label=${`${title} status`}>
    <header class="head">
      <a part="link" class="title" href=${page}>${title}</a>
      ${head}
    </header>
    ${
      services.length
        ? html`<ul class="list">
            ${services.map((service) => {
              const shown = serviceShown(service.status);
              return html`<li part="service" class="row ${shown.tone}">
                <span class="dot" aria-hidden="true"></span><span class="name">${service.name}</span
                ><span class="state">${shown.label}</span>
              </li>`;
            })}
          </ul>`
        : nothing
    }
    ${
      status?.incidents.length
        ? html`<h3>Open incidents</h3>
            <ul class="list">
              ${status.incidents.map(
                (incident) =>
                  html`<li part="incident" class="row">
                    <a href=${`${page}incidents/${encodeURIComponent(incident.id)}/`}>${incident.title}</a
                    ><span class="state">${incidentWords[incident.status] ?? incident.status}</span>
                  </li>`,
              )}
            </ul>`
        : nothing
    }
    ${
      maintenances.length
        ? html`<h3>Maintenance</h3>
            <ul class="list">
              ${maintenances.map(
                (maintenance) =>
                  html`<li part="maintenance" class="row">
                    <a href=${`${page}maintenances/${encodeURIComponent(maintenance.id)}/`}>${maintenance.title}</a
                    ><span class="state"
                      >${maintenance.status === 'in_progress' ? 'In progress' : when(maintenance.starts_at)}</span
                    >
                  </li>`,
              )}
            </ul>`
        : nothing
    }
  </section>`;
  renderInto(card, container, { host: badge });
}

// Plain CSS text: the element adopts it (see VariantView); compacted by the build like css``.
export const styles = /* css */ `
  :host([variant='card']) {
    display: block;
    max-width: var(--status-badge-card-width, 28rem);
  }
  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 0.75rem 1rem;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .title {
    font-weight: 600;
    font-size: 1.05em;
  }
  .title:hover {
    text-decoration: underline;
  }
  h3 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.8em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }
  .list {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.3rem 0;
    border-top: 1px solid var(--_border);
    font-weight: 400;
  }
  .row a {
    text-decoration: underline;
    text-underline-offset: 2px;
    border-radius: 2px;
  }
  .name,
  .row a {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .state {
    color: var(--_muted);
    font-size: 0.9em;
    text-align: end;
  }
`;
