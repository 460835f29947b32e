import { LitElement, css, html, nothing } from 'lit';
import { customElement, state as reactive } from 'lit/decorators.js';
import { roleAtLeast } from '../../api/src/contract/roles.ts';
import { api, state } from './app-context.ts';
import type { SubscriberPage, Subscriber } from './api-types.ts';
import { formatTime } from './labels.ts';
import { href } from './router.ts';
import { baseStyles } from './styles.ts';
import { failed, loading } from './components/page-state.ts';
import { confirmAction } from './components/confirm-dialog.ts';

/**
 * /admin/subscribers (admins): the status page's mail subscribers: how many, searched by address,
 * page by page; remove one (confirmed); download them all as CSV.
 */
@customElement('subscribers-page')
export class SubscribersPage extends LitElement {
  @reactive() private accessor page: SubscriberPage | null = null;
  @reactive() private accessor problem: unknown = null;
  @reactive() private accessor actionError = '';
  @reactive() private accessor exporting = false;
  /** The search (not `query`: the router sets that property to the URL's parameters). */
  private filter = '';
  /** Cursors of the pages before this one (the first page's is null), for "Previous page". */
  private cursors: (string | null)[] = [];
  private cursor: string | null = null;

  static override styles = [
    baseStyles,
    css`
      form.search {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      form.search label {
        flex: 1 1 14rem;
      }
      li.subscriber {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        padding: 0.6rem 0;
        border-top: 1px solid var(--border);
        overflow-wrap: anywhere;
      }
      li.subscriber:first-child {
        border-top: 0;
      }
      .about {
        display: grid;
        min-width: 0;
      }
      .paging {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get isAdmin(): boolean {
    return roleAtLeast(state.role ?? 'viewer', 'admin');
  }

  private async load() {
    const org = state.org;
    if (!org || !this.isAdmin) return;
    try {
      this.page = await api.subscribers.page(org.id, { q: this.filter, cursor: this.cursor });
      this.problem = null;
    } catch (error) {
      this.problem = error;
    }
  }

  override render() {
    const header = html`<p><a href=${href('integrations')}>← Integrations</a></p>
      <h1 tabindex="-1">Subscribers</h1>`;
    if (!this.isAdmin)
      return html`${header}
        <p class="muted">Only admins see the status page's subscribers.</p>`;
    if (this.problem) return html`${header}${failed(this.problem, () => void this.load())}`;
    if (!this.page) return html`${header}${loading('subscribers')}`;
    const { data, total, next_cursor } = this.page;
    return html`${header}
      <p class="muted">People who asked for the status page's updates by mail (confirmed or waiting to confirm).</p>
      <section class="card" aria-labelledby="count">
        <h2 id="count" style="margin-top: 0" data-subscriber-count=${total}>
          ${total}
          ${total === 1 ? 'subscriber' : 'subscribers'}${this.filter ? html` matching “${this.filter}”` : nothing}
        </h2>
        <form class="search" role="search" @submit=${this.search}>
          <label
            >Search by email
            <input name="q" type="search" autocomplete="off" .value=${this.filter} />
          </label>
          <button type="submit" class="secondary">Search</button>
          <button type="button" class="secondary" ?disabled=${this.exporting} @click=${this.exportCsv}>
            Export CSV
          </button>
        </form>
        ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
        ${
          data.length === 0
            ? html`<p class="muted">
                ${this.filter ? 'No subscriber matches.' : 'No subscriber yet: the status page has a subscribe form.'}
              </p>`
            : html`<ul class="plain">
                ${data.map((s) => this.renderSubscriber(s))}
              </ul>`
        }
        ${
          this.cursors.length > 0 || next_cursor
            ? html`<div class="paging">
                <button class="secondary" ?disabled=${this.cursors.length === 0} @click=${this.previous}>
                  Previous page
                </button>
                <button class="secondary" ?disabled=${!next_cursor} @click=${() => this.next(next_cursor)}>
                  Next page
                </button>
              </div>`
            : nothing
        }
      </section>`;
  }

  private renderSubscriber(s: Subscriber) {
    return html`<li class="subscriber" data-subscriber=${s.email}>
      <span class="about"
        ><strong>${s.email}</strong
        ><span class="muted"
          >${s.confirmed ? `confirmed ${formatTime(s.confirmed_at!)}` : 'waiting to confirm'} · since
          ${formatTime(s.created_at)} ·
          ${s.services ? `${s.services.length} services` : 'all services'}${
            s.status_changes ? ' · status changes' : ''
          }</span
        ></span
      >
      <span
        ><button class="secondary" @click=${() => this.removeSubscriber(s)}>
          Remove<span class="visually-hidden"> ${s.email}</span>
        </button></span
      >
    </li>`;
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    this.filter = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.cursors = [];
    this.cursor = null;
    this.page = null;
    void this.load();
  }

  private next(cursor: string | null) {
    if (!cursor) return;
    this.cursors = [...this.cursors, this.cursor];
    this.cursor = cursor;
    void this.load();
  }

  private previous() {
    this.cursor = this.cursors.at(-1) ?? null;
    this.cursors = this.cursors.slice(0, -1);
    void this.load();
  }

  private async removeSubscriber(s: Subscriber) {
    const ok = await confirmAction({
      message: `Remove ${s.email}? They get no more mail; they may subscribe again.`,
      confirmLabel: `Remove ${s.email}`,
    });
    if (!ok) return;
    this.actionError = '';
    try {
      await api.subscribers.remove(state.org!.id, s.id);
      await this.load();
    } catch (error) {
      this.actionError = error instanceof Error ? error.message : String(error);
    }
  }

  private async exportCsv() {
    this.exporting = true;
    this.actionError = '';
    try {
      const file = await api.subscribers.exportCsv(state.org!.id);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = `${state.org!.slug}-subscribers.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (error) {
      this.actionError = error instanceof Error ? error.message : String(error);
    } finally {
      this.exporting = false;
    }
  }
}
