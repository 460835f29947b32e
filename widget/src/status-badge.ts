import { ReactiveElement, adoptStyles, unsafeCSS, type PropertyValues } from '@lit/reactive-element';
import { paintBadge } from './badge-element.ts';
import { statusBadgeStyles } from './status-badge.styles.ts';
import { StatusStreamController } from './status-stream-controller.ts';
import { indicatorShown, serviceShown, type ShownStatus } from './status-words.ts';
import type { OrgStatus } from './org-status.ts';
import { feedRegistry } from './org-feed-registry.ts';

/** The `detail` of `status-change`. */
export interface StatusChangeDetail {
  /** The shown status: a service status with `service`, else the org's overall indicator. */
  status: string;
  /** The status shown before (null for the first one). */
  previous: string | null;
  /** The `service` attribute (null for the org's overall status). */
  service: string | null;
}

/** The element's words and badge painter, handed to the lazy views so their chunks share them. */
export const viewKit = { serviceShown, paintBadge };
export type ViewKit = typeof viewKit;

/**
 * What a lazily loaded variant view (card, toast) exports: plain CSS text and a function that renders
 * it (with lit-html, which only these chunks bring) into `container`, the view's own box in the
 * badge's shadow root.
 */
export interface VariantView {
  styles: string;
  render(badge: StatusBadge, view: BadgeView, kit: ViewKit, container: HTMLElement): void;
}

/** What the badge shows now. */
export type BadgeView =
  | { kind: 'connecting' | 'unknown-org' | 'unknown-service'; label: string; tone: 'neutral'; status: OrgStatus | null }
  | ({ kind: 'status'; status: OrgStatus } & Omit<ShownStatus, 'status'> & { key: string });

// The API defaults to the origin this script was loaded from (the API serves it at /widget/).
const scriptOrigin = new URL(import.meta.url).origin;
const loaders: Record<'card' | 'toast', () => Promise<VariantView>> = {
  card: () => import('./card-view.ts'),
  toast: () => import('./toast-view.ts'),
};
const loadedViews: Partial<Record<'card' | 'toast', VariantView>> = {};

/**
 * `<status-badge>`: an org's (or one service's) public status, live, on any page. A Lit
 * `ReactiveElement` (reactive properties, controller, adopted styles) that paints the dot and the pill
 * itself; the card and toast views render with lit-html from their lazy chunks.
 *
 * @fires status-change - The shown status changed (`detail`: `{ status, previous, service }`; bubbles, composed).
 * @csspart base - The badge's outer box (the link for dot and pill).
 * @csspart dot - The coloured status dot.
 * @csspart label - The status words.
 * @csspart link - A link to the status page.
 * @csspart card - The card variant's box.
 * @csspart service - One service row of the card.
 * @csspart incident - One open incident of the card.
 * @csspart maintenance - One maintenance of the card.
 * @csspart toast - The toast notice.
 * @csspart dismiss - The toast's dismiss button.
 * @cssprop --status-badge-font - Font shorthand.
 * @cssprop --status-badge-fg - Text colour.
 * @cssprop --status-badge-muted - Secondary text colour.
 * @cssprop --status-badge-bg - Background of pill, card and toast.
 * @cssprop --status-badge-border - Border colour.
 * @cssprop --status-badge-radius - Corner radius of the pill.
 * @cssprop --status-badge-card-width - Maximum width of the card.
 * @cssprop --status-badge-operational - Colour of operational.
 * @cssprop --status-badge-degraded - Colour of degraded performance / minor.
 * @cssprop --status-badge-partial - Colour of partial outage / major.
 * @cssprop --status-badge-major - Colour of major outage / critical.
 * @cssprop --status-badge-maintenance - Colour of maintenance.
 * @cssprop --status-badge-unknown - Colour while connecting, stale or unknown.
 */
export class StatusBadge extends ReactiveElement {
  static override properties = {
    org: { reflect: true },
    service: { reflect: true },
    variant: { reflect: true },
    theme: { reflect: true },
    api: {},
    link: {},
    staleAfter: { type: Number, attribute: 'stale-after' },
    stale: { type: Boolean, reflect: true },
  };

  static override styles = statusBadgeStyles;

  /** The org's slug (required). */
  declare org: string;
  /** A public service's slug; empty: the org's overall status. */
  declare service: string;
  /** `dot` | `pill` | `card` | `toast`. */
  declare variant: string;
  /** `light` | `dark` | `auto` (follows `prefers-color-scheme`). */
  declare theme: string;
  /** The API's base URL; empty: the origin the script was loaded from. */
  declare api: string;
  /** Where a click goes; empty: the org's status page on the API. */
  declare link: string;
  /** Milliseconds after losing the connection before the badge says it may be out of date. */
  declare staleAfter: number;
  /** Set (as an attribute) while the shown status may be out of date. */
  declare stale: boolean;

  readonly #stream = new StatusStreamController(this);
  #shownKey: string | null = null;
  #warned = '';
  readonly #adoptedViews = new Set<VariantView>();
  /** The dot or pill (when that is what shows). */
  #badge: HTMLElement | undefined;
  /** The box a lazy view renders into (lit-html keeps its markers there, apart from the dot's DOM). */
  #viewBox: HTMLElement | undefined;
  /** What the shadow root shows now: the badge, the view box, or nothing. */
  #shown: HTMLElement | null = null;

  constructor() {
    super();
    this.org = '';
    this.service = '';
    this.variant = 'dot';
    this.theme = 'light';
    this.api = '';
    this.link = '';
    this.staleAfter = 10_000;
    this.stale = false;
  }

  /** The API base the badge connects to. */
  get apiBase(): string {
    return this.api || scriptOrigin;
  }

  /** The status page a click opens (ends with `/`). */
  get pageHref(): string {
    if (this.link) return this.link;
    return new URL(`/status/${encodeURIComponent(this.org)}/`, this.apiBase).toString();
  }

  /** What the badge shows now, from the shared feed's state. */
  get view(): BadgeView {
    const { phase, status } = this.#stream.state;
    if (phase === 'unknown' && !status)
      return { kind: 'unknown-org', label: 'Unknown status page', tone: 'neutral', status };
    if (!status) return { kind: 'connecting', label: 'Checking status…', tone: 'neutral', status };
    if (!this.service) {
      const shown = indicatorShown(status.status.indicator);
      return { kind: 'status', status, key: shown.status, label: shown.label, tone: shown.tone };
    }
    const service = status.services.find((s) => s.slug === this.service);
    if (!service) return { kind: 'unknown-service', label: 'Unknown service', tone: 'neutral', status };
    const shown = serviceShown(service.status);
    return { kind: 'status', status, key: shown.status, label: `${service.name}: ${shown.label}`, tone: shown.tone };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('org') || changed.has('api')) && this.isConnected) this.#stream.follow();
    this.stale = this.#stream.stale;
  }

  protected override updated(): void {
    const view = this.view;
    this.#warnOnce(view);
    const key = view.kind === 'status' ? view.key : null;
    if (key === null || key === this.#shownKey) return;
    const detail: StatusChangeDetail = { status: key, previous: this.#shownKey, service: this.service || null };
    this.#shownKey = key;
    this.dispatchEvent(new CustomEvent('status-change', { detail, bubbles: true, composed: true }));
  }

  /** One console warning per wrong attribute value, naming the attribute (no retry follows). */
  #warnOnce(view: BadgeView): void {
    const problem =
      view.kind === 'unknown-org'
        ? `org="${this.org}" names no status page at ${this.apiBase}`
        : view.kind === 'unknown-service'
          ? `service="${this.service}" is not a public service of org="${this.org}"`
          : '';
    if (problem && problem !== this.#warned) console.warn(`<status-badge>: ${problem}`);
    this.#warned = problem;
  }

  /** Shows the view: the dot or pill painted in place, or the lazy card or toast view in its box. */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const view = this.view;
    const lazy = this.variant === 'card' || this.variant === 'toast' ? this.variant : null;
    const loaded = lazy && loadedViews[lazy];
    if (loaded) {
      this.#adoptViewStyles(loaded);
      this.#viewBox ??= Object.assign(document.createElement('div'), { className: 'view' });
      loaded.render(this, view, viewKit, this.#show(this.#viewBox));
      return;
    }
    if (lazy) void this.#loadView(lazy);
    // Until its chunk arrives, the card shows as a pill and the toast shows nothing.
    if (lazy === 'toast') return void this.#show(null);
    const shape = this.variant === 'pill' || lazy ? 'pill' : 'dot';
    this.#show((this.#badge = paintBadge(this.#badge, view, shape, this.stale, this.pageHref)));
  }

  /** Puts `box` in the shadow root in place of what showed before (styles stay adopted, not nodes). */
  #show<T extends HTMLElement | null>(box: T): T {
    if (this.#shown !== box) {
      this.#shown?.remove();
      if (box) this.renderRoot.append(box);
      this.#shown = box;
    }
    return box;
  }

  async #loadView(name: 'card' | 'toast'): Promise<void> {
    loadedViews[name] = await loaders[name]();
    this.requestUpdate();
  }

  /** Adds a lazily loaded view's styles to this badge's shadow root (once per view). */
  #adoptViewStyles(view: VariantView): void {
    if (this.#adoptedViews.has(view)) return;
    this.#adoptedViews.add(view);
    adoptStyles(this.renderRoot as ShadowRoot, [
      statusBadgeStyles,
      ...[...this.#adoptedViews].map((v) => unsafeCSS(v.styles)),
    ]);
  }
}

// A second copy of the script (another URL, another version) finds the tag taken and stays quiet.
if (!customElements.get('status-badge')) customElements.define('status-badge', StatusBadge);
// The shared registry exists as soon as a copy runs, so a page (or a test) can tune it before any badge.
feedRegistry();

declare global {
  interface HTMLElementTagNameMap {
    'status-badge': StatusBadge;
  }
  interface HTMLElementEventMap {
    'status-change': CustomEvent<StatusChangeDetail>;
  }
}
