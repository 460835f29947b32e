import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Maintenance } from './api-types.ts';
import { maintenanceStatusLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { formatInZone } from './time-zone.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import './components/template-links.ts';

interface Lists {
  active: Maintenance[];
  upcoming: Maintenance[];
  past: Maintenance[];
  pastNext: string | null;
}

/** /admin/maintenances: in progress, upcoming (soonest first), then past page by page; live. */
@customElement('maintenances-page')
export class MaintenancesPage extends LitElement {
  @reactive() private accessor lists: Lists | null = null;
  @reactive() private accessor zone = 'UTC';
  @reactive() private accessor problem: unknown = null;

  static override styles = [
    baseStyles,
    css`
      li {
        padding: 0.75rem 0;
        border-top: 1px solid var(--border);
      }
      li:first-child {
        border-top: 0;
      }
      .title {
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || type.startsWith('maintenance')) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const org = state.org;
    if (!org) return;
    try {
      const [details, active, upcoming, past] = await Promise.all([
        api.organizations.get(org.id),
        api.maintenances.page(org.id, { status: 'in_progress' }),
        api.maintenances.page(org.id, { status: 'scheduled' }),
        this.pastPage(org.id, null),
      ]);
      this.zone = details.time_zone;
      this.lists = {
        active: active.data,
        upcoming: [...upcoming.data].reverse(),
        past: past.data,
        pastNext: past.next_cursor,
      };
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  /** Past ones are those that ended or were called off (the list holds every status, latest start first). */
  private async pastPage(orgId: string, cursor: string | null) {
    const page = await api.maintenances.page(orgId, { cursor });
    return { ...page, data: page.data.filter((m) => m.status === 'completed' || m.status === 'cancelled') };
  }

  private async more() {
    const org = state.org;
    if (!org || !this.lists) return;
    try {
      const page = await this.pastPage(org.id, this.lists.pastNext);
      this.lists = { ...this.lists, past: [...this.lists.past, ...page.data], pastNext: page.next_cursor };
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    const lists = this.lists;
    const header = html`<div class="spread">
        <h1 tabindex="-1">Maintenances</h1>
        ${canWrite ? html`<a class="button" href=${href('maintenances/new')}>Schedule maintenance</a>` : nothing}
      </div>
      ${canWrite ? html`<template-links kind="maintenance"></template-links>` : nothing}`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    if (!lists) return html`${header}${loading('maintenances')}`;
    return html`${header}
      <p class="muted">Times in the organization's time zone, ${this.zone}.</p>
      <h2>In progress</h2>
      ${this.renderList(lists.active, 'No maintenance in progress.')}
      <h2>Upcoming</h2>
      ${this.renderList(lists.upcoming, 'Nothing scheduled.')}
      <h2>Past</h2>
      ${this.renderList(lists.past, 'No past maintenance yet.', lists.pastNext)}`;
  }

  private renderList(items: Maintenance[], none: string, next: string | null = null) {
    if (items.length === 0 && !next) return empty(none);
    return html`<div class="card">
      <ul class="plain">
        ${items.map(
          (m) =>
            html`<li data-maintenance-id=${m.id}>
              <a class="title" href=${href(`maintenances/${m.id}`)}>${m.title}</a>
              <div class="muted">
                ${maintenanceStatusLabel[m.status]} · ${formatInZone(m.starts_at, this.zone)} →
                ${formatInZone(m.ends_at, this.zone)} · ${m.service_ids.length}
                service${m.service_ids.length === 1 ? '' : 's'}
              </div>
            </li>`,
        )}
      </ul>
      ${next ? html`<button class="secondary" @click=${() => void this.more()}>Show more</button>` : nothing}
    </div>`;
  }
}
