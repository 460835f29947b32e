import type { Api } from './api.ts';
import type { Me, Membership, MemberRole, OrgStreamEvent } from './api-types.ts';

const orgKey = 'lantern.org';

/** A change of the org stream, as pages receive it (`snapshot` means: refetch everything). */
export type LiveEvent = Pick<OrgStreamEvent, 'type' | 'payload'>;

/**
 * Who is signed in, their organizations and the chosen one (remembered in localStorage). Fires
 * `change` when any of these change, and `live` (a CustomEvent<LiveEvent>) for each org stream event.
 */
export class AppState extends EventTarget {
  me: Me | null = null;
  readonly api: Api;
  constructor(api: Api) {
    super();
    this.api = api;
    api.session.addEventListener('change', () => {
      if (!api.session.current) this.setMe(null);
      else if (this.me?.user.id !== api.session.current.user.id) void this.reload().catch(() => {});
    });
  }

  get signedIn(): boolean {
    return this.api.session.current !== null;
  }

  /** The chosen organization: the remembered one if still a member, else the first. */
  get org(): Membership | null {
    const orgs = this.me?.organizations ?? [];
    return orgs.find((org) => org.id === localStorage.getItem(orgKey)) ?? orgs[0] ?? null;
  }

  get role(): MemberRole | null {
    return this.org?.role ?? null;
  }

  /** Re-reads the user and their organizations (`/api/auth/me`). */
  async reload(): Promise<Me | null> {
    this.setMe(this.signedIn ? await this.api.auth.me() : null);
    return this.me;
  }

  switchOrg(orgId: string): void {
    localStorage.setItem(orgKey, orgId);
    this.dispatchEvent(new Event('change'));
  }

  publish(event: LiveEvent): void {
    this.dispatchEvent(new CustomEvent<LiveEvent>('live', { detail: event }));
  }

  private setMe(me: Me | null): void {
    this.me = me;
    this.dispatchEvent(new Event('change'));
  }
}
