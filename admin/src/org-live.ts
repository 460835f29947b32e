import { openEventStream } from '../../widget/src/stream-client.ts';
import type { Api } from './api.ts';
import type { AppState } from './app-state.ts';
import type { OrgStreamEvent } from './api-types.ts';

/**
 * Keeps one org stream open for the chosen organization and hands its events to the app state.
 * When the stream is refused (membership ended, token refused) it re-reads `/me`: an org the user
 * left drops out of the state, so the app leaves it; otherwise the stream opens again.
 */
export class OrgLive {
  private stream: { close(): void } | null = null;
  private orgId: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly state: AppState;
  private readonly api: Api;
  constructor(state: AppState, api: Api) {
    this.state = state;
    this.api = api;
    state.addEventListener('change', () => this.follow());
  }

  private follow(): void {
    const wanted = this.state.signedIn ? (this.state.org?.id ?? null) : null;
    if (wanted === this.orgId) return;
    this.close();
    if (wanted) this.open(wanted);
  }

  private open(orgId: string): void {
    this.orgId = orgId;
    this.stream = openEventStream<Record<string, OrgStreamEvent>>({
      url: this.api.streamUrl(orgId),
      headers: async (): Promise<Record<string, string>> => {
        const token = await this.api.accessToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      onEvent: ({ event, data }) => {
        this.state.publish({ type: event, payload: data.payload ?? {} });
        // Roles and memberships change what this user may see: re-read them.
        if (event.startsWith('member.')) void this.state.reload().catch(() => {});
      },
      onError: (_error, retryInMs) => {
        if (retryInMs === null) this.recover(orgId);
      },
    });
  }

  private recover(orgId: string): void {
    this.close();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.state
        .reload()
        .catch(() => null)
        .then(() => {
          if (this.state.org?.id === orgId && !this.stream) this.open(orgId);
        });
    }, 1000);
  }

  private close(): void {
    this.stream?.close();
    this.stream = null;
    this.orgId = null;
  }
}
