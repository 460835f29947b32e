import type { AuthUser, Session } from './api-types.ts';

/** The signed-in session as kept in localStorage (shared by every tab of the admin). */
export interface StoredSession {
  access_token: string;
  refresh_token: string;
  /** Epoch ms at which the access token expires. */
  expires_at: number;
  user: AuthUser;
}

const storageKey = 'lantern.session';

/**
 * The session tokens, kept in localStorage so a reload and a second tab stay signed in. Fires
 * `change` when this tab or another one signs in, refreshes or signs out.
 */
export class SessionStore extends EventTarget {
  private readonly storage: Storage;
  constructor(storage: Storage = localStorage) {
    super();
    this.storage = storage;
    addEventListener('storage', (event) => {
      if (event.key === storageKey || event.key === null) this.dispatchEvent(new Event('change'));
    });
  }

  get current(): StoredSession | null {
    try {
      const stored = JSON.parse(this.storage.getItem(storageKey) ?? 'null') as StoredSession | null;
      return stored && typeof stored.refresh_token === 'string' ? stored : null;
    } catch {
      return null;
    }
  }

  save(session: Pick<Session, 'access_token' | 'refresh_token' | 'expires_in' | 'user'>): void {
    const stored: StoredSession = {
      access_token: session.access_token,
      refresh_token: session.refresh_token,
      expires_at: Date.now() + session.expires_in * 1000,
      user: session.user,
    };
    this.storage.setItem(storageKey, JSON.stringify(stored));
    this.dispatchEvent(new Event('change'));
  }

  clear(): void {
    this.storage.removeItem(storageKey);
    this.dispatchEvent(new Event('change'));
  }
}
