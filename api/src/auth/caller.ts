import type { ApiKeyScope, MemberRole } from '../contract/roles.ts';

/** Who is calling, as established by `authenticate()`. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string }
  | { kind: 'api_key'; keyId: string; orgId: string; scopes: readonly ApiKeyScope[] };

/** What `requireOrgAccess` established for an org route. */
export interface OrgAccess {
  orgId: string;
  /** The member's role; null for an API key. */
  role: MemberRole | null;
}

/** Verifies bearer access tokens of the configured provider (local JWT or Supabase JWT). */
export interface AccessTokenVerifier {
  /**
   * Resolves the user id (and the session id, when the token names one) of a valid token, or null for
   * any invalid, expired or foreign token, or one of a session that has ended.
   */
  verify(token: string): Promise<{ userId: string; sessionId?: string } | null>;
}
