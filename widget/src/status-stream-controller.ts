import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { subscribeToOrg } from './org-feed-registry.ts';
import type { FeedState } from './org-feed.ts';

/** What the controller needs from its element. */
export interface StreamHost extends ReactiveControllerHost {
  /** The API base URL and org slug to follow (read on connect and on `follow()`). */
  readonly apiBase: string;
  readonly org: string;
  /** Milliseconds without a connection before the state counts as stale. */
  readonly staleAfter: number;
}

/**
 * Keeps an element subscribed to its org's shared feed while it is on the page: subscribes on
 * connect, leaves on disconnect (the last badge of an org leaving closes the stream), switches when
 * `org` or `api` change, and marks the state `stale` once the connection has been lost for
 * `staleAfter` ms (cleared as soon as it is back).
 */
export class StatusStreamController implements ReactiveController {
  /** The feed's latest state (neutral `connecting` until the first answer). */
  state: FeedState = { phase: 'connecting', status: null };
  /** True once the connection has been lost for longer than the host's `staleAfter`. */
  stale = false;
  #leave: (() => void) | null = null;
  #followed = '';
  #staleTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #host: StreamHost;

  constructor(host: StreamHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#unfollow();
  }

  /** (Re)subscribes when the host's org or API changed; a no-op otherwise. */
  follow(): void {
    const { apiBase, org } = this.#host;
    const target = org ? `${apiBase}|${org}` : '';
    if (target === this.#followed && this.#leave) return;
    this.#unfollow();
    this.#followed = target;
    if (!org) return;
    try {
      this.#leave = subscribeToOrg(apiBase, org, (state) => this.#receive(state));
    } catch {
      // An `api` that is no URL: nothing to connect to (the element reports it).
      this.#receive({ phase: 'unknown', status: null });
    }
  }

  #unfollow(): void {
    this.#leave?.();
    this.#leave = null;
    this.#followed = '';
    clearTimeout(this.#staleTimer);
    this.#staleTimer = undefined;
    this.stale = false;
    this.state = { phase: 'connecting', status: null };
  }

  #receive(state: FeedState): void {
    this.state = state;
    const down = state.phase === 'lost' || (state.phase === 'connecting' && state.status !== null);
    if (!down) {
      clearTimeout(this.#staleTimer);
      this.#staleTimer = undefined;
      this.stale = false;
    } else if (this.#staleTimer === undefined && !this.stale) {
      this.#staleTimer = setTimeout(() => {
        this.#staleTimer = undefined;
        this.stale = true;
        this.#host.requestUpdate();
      }, this.#host.staleAfter);
    }
    this.#host.requestUpdate();
  }
}
