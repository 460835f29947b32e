import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state as reactive } from 'lit/decorators.js';
import { api, state } from './app-context.ts';
import type { AuditEvent } from './api-types.ts';
import { formatTime } from './labels.ts';
import { baseStyles } from './styles.ts';
import { empty, failed, loading } from './components/page-state.ts';
import { LiveController } from './components/live-controller.ts';

/** The families of the event log, as the filter offers them (`type=<family>` on the API). */
const families: [string, string][] = [
  ['', 'All events'],
  ['service', 'Services'],
  ['service_group', 'Service groups'],
  ['incident', 'Incidents'],
  ['incident_update', 'Incident updates'],
  ['maintenance', 'Maintenances'],
  ['template', 'Templates'],
  ['member', 'Members'],
  ['invitation', 'Invitations'],
  ['api_key', 'API keys'],
  ['organization', 'Organization'],
  ['alertmanager_settings', 'Alertmanager settings'],
];

/** The one line that names what an event touched, from the fields its payload usually carries. */
function subject(payload: Record<string, unknown>): string {
  for (const key of [
    'incident',
    'maintenance',
    'template',
    'service',
    'group',
    'member',
    'invitation',
    'api_key',
    'key',
    'organization',
  ]) {
    const entity = payload[key] as Record<string, unknown> | undefined;
    if (entity && typeof entity === 'object') {
      const name = entity.title ?? entity.name ?? entity.email;
      if (typeof name === 'string') return name;
    }
  }
  const name = payload.title ?? payload.name ?? payload.email;
  return typeof name === 'string' ? name : '';
}

/**
 * /admin/audit: the org's event log, newest first, filtered by family (kept in `?type=`), page by
 * page. Actors read as member emails; the API leaves admin-only families out for others.
 */
@customElement('audit-page')
export class AuditPage extends LitElement {
  @property({ attribute: false }) accessor query = new URLSearchParams();
  @reactive() private accessor events: AuditEvent[] | null = null;
  @reactive() private accessor next: string | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor type = '';
  @reactive() private accessor people = new Map<string, string>();

  static override styles = [
    baseStyles,
    css`
      .filter {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 1rem;
      }
      .filter select {
        width: auto;
      }
      li {
        display: grid;
        grid-template-columns: minmax(12rem, 16rem) 1fr;
        gap: 0.25rem 1rem;
        padding: 0.6rem 0;
        border-top: 1px solid var(--border);
        overflow-wrap: anywhere;
      }
      li:first-child {
        border-top: 0;
      }
      code {
        font-family: ui-monospace, monospace;
        font-weight: 600;
      }
      @media (max-width: 40rem) {
        li {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  constructor() {
    super();
    new LiveController(this, state, ({ type }) => {
      if (type === 'snapshot' || !this.type || type.split('.')[0] === this.type) void this.load();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.type = this.query.get('type') ?? '';
    void this.load();
    void this.loadPeople();
  }

  private async loadPeople() {
    const org = state.org;
    if (!org) return;
    const members = await api.members.list(org.id).catch(() => []);
    this.people = new Map(members.map((m) => [m.user_id, m.display_name || m.email]));
  }

  private async load(more = false) {
    const org = state.org;
    if (!org) return;
    try {
      const page = await api.events.page(org.id, { type: this.type, cursor: more ? this.next : null });
      this.events = more ? [...(this.events ?? []), ...page.data] : page.data;
      this.next = page.next_cursor;
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  private filter(event: Event) {
    this.type = (event.target as HTMLSelectElement).value;
    const url = new URL(location.href);
    if (this.type) url.searchParams.set('type', this.type);
    else url.searchParams.delete('type');
    history.replaceState(null, '', url);
    this.events = null;
    void this.load();
  }

  private actor(event: AuditEvent): string {
    const { actor } = event;
    if (actor.type === 'system') return actor.job ? `Lantern (${actor.job})` : 'Lantern';
    if (actor.type === 'api_key') return 'An API key';
    return (actor.id && this.people.get(actor.id)) ?? 'A former member';
  }

  override render() {
    return html`<h1 tabindex="-1">Audit log</h1>
      <div class="filter">
        <label for="type">Show</label>
        <select id="type" @change=${this.filter}>
          ${families.map(([value, label]) => html`<option value=${value} ?selected=${value === this.type}>${label}</option>`)}
        </select>
      </div>
      ${
        this.problem
          ? failed(this.problem, () => void this.load())
          : !this.events
            ? loading('events')
            : this.events.length === 0
              ? empty('No event of this kind yet.')
              : html`<div class="card">
                  <ul class="plain">
                    ${this.events.map(
                      (event) =>
                        html`<li data-event-type=${event.type}>
                          <span class="muted">${formatTime(event.created_at)}</span>
                          <span
                            ><code>${event.type}</code> ${subject(event.payload)}
                            <span class="muted">· ${this.actor(event)}</span></span
                          >
                        </li>`,
                    )}
                  </ul>
                  ${this.next ? html`<button class="secondary" @click=${() => void this.load(true)}>Show more</button>` : nothing}
                </div>`
      }`;
  }
}
