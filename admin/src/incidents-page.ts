import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { Incident } from './api-types.ts';
import { formatTime, impactLabel, incidentStatusLabel } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';
import './components/template-links.ts';

interface ListState {
  items: Incident[] | null;
  next: string | null;
  problem: unknown;
}

/** /admin/incidents: open incidents, then past ones page by page; live from the org stream. */
@customElement('incidents-page')
export class IncidentsPage extends LitElement {
  @reactive() private accessor open: ListState = { items: null, next: null, problem: null };
  @reactive() private accessor past: ListState = { items: null, next: null, problem: null };

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
      if (type === 'snapshot' || type.startsWith('incident')) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    await Promise.all([this.loadPage('open'), this.loadPage('resolved')]);
  }

  private async loadPage(which: 'open' | 'resolved', more = false) {
    const org = state.org;
    if (!org) return;
    const current = which === 'open' ? this.open : this.past;
    try {
      const page = await api.incidents.page(org.id, which, more ? current.next : null);
      const items = more ? [...(current.items ?? []), ...page.data] : page.data;
      this.set(which, { items, next: page.next_cursor, problem: null });
    } catch (problem) {
      this.set(which, { ...current, problem });
    }
  }

  private set(which: 'open' | 'resolved', list: ListState) {
    if (which === 'open') this.open = list;
    else this.past = list;
  }

  override render() {
    const canWrite = roleAtLeast(state.role ?? 'viewer', 'member');
    return html`<div class="spread">
        <h1 tabindex="-1">Incidents</h1>
        ${canWrite ? html`<a class="button" href=${href('incidents/new')}>New incident</a>` : nothing}
      </div>
      ${canWrite ? html`<template-links kind="incident"></template-links>` : nothing}
      <h2>Open</h2>
      ${this.renderList(this.open, 'open', 'No open incident. All quiet.')}
      <h2>Past</h2>
      ${this.renderList(this.past, 'resolved', 'No resolved incident yet.')}`;
  }

  private renderList(list: ListState, which: 'open' | 'resolved', none: string) {
    if (list.problem) return failed(list.problem, () => void this.loadPage(which));
    if (!list.items) return loading(`${which === 'open' ? 'open' : 'past'} incidents`);
    if (list.items.length === 0) return empty(none);
    return html`<div class="card">
      <ul class="plain">
        ${list.items.map(
          (incident) =>
            html`<li data-incident-id=${incident.id}>
              <a class="title" href=${href(`incidents/${incident.id}`)}>${incident.title}</a>
              <div class="muted">
                ${incidentStatusLabel[incident.status]} · ${impactLabel[incident.impact]} · started
                ${formatTime(incident.started_at)}${incident.resolved_at ? ` · resolved ${formatTime(incident.resolved_at)}` : ''}
              </div>
            </li>`,
        )}
      </ul>
      ${
        list.next
          ? html`<button class="secondary" @click=${() => void this.loadPage(which, true)}>Show more</button>`
          : nothing
      }
    </div>`;
  }
}
